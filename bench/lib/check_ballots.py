#!/usr/bin/env python3
"""Checks the promises after a fault: every acknowledged ballot is stored, and no ballot exists
without its invitation claimed, nor the other way round. Prints the figures; exits 1 on a
broken promise.

usage: check_ballots.py OUTDIR PSQL   (PSQL: the psql binary; libpq's environment selects the database)
"""
import base64
import hashlib
import json
import subprocess
import sys

out, psql = sys.argv[1], sys.argv[2]


def query(sql):
    # the statement goes on standard input: a list of hashes is too long for an argument
    return subprocess.run([psql, "-qtAX"], input=sql, check=True, capture_output=True, text=True).stdout.strip()


acked = [line.strip() for line in open(f"{out}/acked.txt") if line.strip()]
hashes = []
for token in acked:
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    hashes.append(hashlib.sha256(raw).hexdigest())
lost = 0
for start in range(0, len(hashes), 5000):
    chunk = ",".join(f"'\\x{h}'" for h in hashes[start:start + 5000])
    if chunk:
        lost += int(query(f"SELECT {len(hashes[start:start + 5000])} - count(*) FROM invitations "
                          f"WHERE used_on IS NOT NULL AND token_hash IN ({chunk});"))
stored = int(query("SELECT (SELECT count(*) FROM ballot_box) + (SELECT count(*) FROM ballots);"))
claimed = int(query("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL;"))
summary = json.load(open(f"{out}/summary.json"))
duplicated = max(0, stored - claimed)
unballoted = max(0, claimed - stored)
print(f"acknowledged {len(acked)}  stored {stored}  claimed {claimed}  lost {lost}  duplicated {duplicated}  "
      f"claimed-without-ballot {unballoted}")
print(f"answers: {json.dumps(summary['counts'], sort_keys=True)}")
broken = lost > 0 or duplicated > 0 or unballoted > 0 or summary["counts"].get("500", 0) > 0
sys.exit(1 if broken else 0)
