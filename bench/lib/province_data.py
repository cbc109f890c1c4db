#!/usr/bin/env python3
"""A province-sized county set as the office's own CSV files, for bench/province.

usage: province_data.py SCALE OUTDIR
At SCALE 1: 1,500 departments with 2 sections of 10 chiefs each (30,000 chiefs), 300,000
merchants, each dealing with 2–6 departments in 2026. SCALE 0.1 is a tenth of every count.
writes OUTDIR/roster.csv, merchants.csv, dealings.csv (the import formats of README) and prints
the row counts.
"""
import csv
import random
import sys

sys.path.insert(0, sys.path[0])
from make_invitations import credit_code  # noqa: E402  (the same valid, never-real codes)

scale, out = float(sys.argv[1]), sys.argv[2]
departments = round(1500 * scale)
merchants = round(300000 * scale)
rng = random.Random(11)
with open(f"{out}/roster.csv", "w", newline="") as file:
    writer = csv.writer(file)
    writer.writerow(["department_code", "department_name", "section", "employee_number", "name", "position"])
    for d in range(1, departments + 1):
        for s in range(1, 3):
            for c in range(1, 11):
                writer.writerow([f"D{d:04d}", f"压测部门{d}", f"第{s}股室", f"E{d:04d}{s}{c:02d}", f"股室长{d}-{s}-{c}",
                                 "股长" if c == 1 else "副股长"])
dealings = 0
with open(f"{out}/merchants.csv", "w", newline="") as names, open(f"{out}/dealings.csv", "w", newline="") as deals:
    name_writer, deal_writer = csv.writer(names), csv.writer(deals)
    name_writer.writerow(["credit_code", "name"])
    deal_writer.writerow(["credit_code", "year", "department_code"])
    for n in range(merchants):
        code = credit_code(n)
        name_writer.writerow([code, f"压测企业{n}有限公司"])
        for d in rng.sample(range(1, departments + 1), rng.randint(2, 6)):
            deal_writer.writerow([code, 2026, f"D{d:04d}"])
            dealings += 1
print(f"bench: {departments} departments, {departments * 20} chiefs, {merchants} merchants, {dealings} dealings")
