#!/usr/bin/env python3
"""Answers the province's ballots over HTTP like merchants: each posts its own form (every chief
of the departments it dealt with graded), taking merchants from the links file in order until
GRADES grades are in. Prints ballots, grades and ballots/s; exits 1 on any answer but 303.

usage: province_ballots.py PORT LINKS.csv FORM_SECRET roster.csv dealings.csv GRADES THREADS [CAMPAIGN=1]
"""
import base64
import csv
import hashlib
import hmac
import http.client
import sys
import threading
import time
from collections import defaultdict

port, links, secret, roster, dealings, grades_wanted, threads = (
    int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]))
campaign = int(sys.argv[8]) if len(sys.argv) > 8 else 1
OPTIONS = ["satisfied", "satisfied", "satisfied", "basic", "basic", "unsatisfied", "unknown"]

chiefs = defaultdict(list)
with open(roster, newline="") as file:
    for row in csv.DictReader(file):
        chiefs[row["department_code"]].append(row["employee_number"])
departments = defaultdict(list)
with open(dealings, newline="") as file:
    for row in csv.DictReader(file):
        departments[row["credit_code"]].append(row["department_code"])
jobs, total = [], 0
with open(links, newline="", encoding="utf-8-sig") as file:
    reader = csv.reader(file)
    header = next(reader)
    link_column = next(i for i, name in enumerate(header) if name.endswith("链接"))
    for row in reader:
        if total >= grades_wanted:
            break
        token = row[link_column].rsplit("/", 1)[-1]
        graded = [e for d in departments[row[0]] for e in chiefs[d]]
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        # The form's anti-forgery token as the server makes it (AntiForgery): an HMAC of the
        # token's hash and the form's grant (the campaign and the invitation's departments).
        grant = f"{campaign}:{','.join(sorted(set(departments[row[0]])))}".encode()
        mac = hmac.new(secret, b"pingyi-ballot-form:" + hashlib.sha256(raw).digest() + b"|" + grant, hashlib.sha256).digest()
        csrf = base64.urlsafe_b64encode(mac).decode().rstrip("=") + "." + base64.urlsafe_b64encode(grant).decode().rstrip("=")
        body = f"csrf={csrf}&" + "&".join(f"a.{e}.overall={OPTIONS[(i * 7 + len(jobs)) % 7]}" for i, e in enumerate(graded))
        jobs.append((token, body))
        total += len(graded)

lock = threading.Lock()
failures = []


def worker(part):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for token, body in part:
        connection.request("POST", "/s", body=body, headers={
            "Cookie": f"pingyi_s={token}", "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        if response.status != 303:
            with lock:
                failures.append(response.status)
                print(f"{response.status}: {body[:80]}", file=sys.stderr) if len(failures) < 5 else None


started = time.time()
workers = [threading.Thread(target=worker, args=(jobs[i::threads],)) for i in range(threads)]
for thread in workers:
    thread.start()
for thread in workers:
    thread.join()
took = time.time() - started
print(f"{len(jobs)} {total} {len(jobs) / took:.0f} {took:.1f}")
sys.exit(1 if failures else 0)
