#!/usr/bin/env python3
"""What the clients saw after a fault, from ballot_client.py's events: the answers per half
second around it, the answers other than 303 after it, and the seconds without service (the
longest stretch after the fault with no acknowledged ballot). Exits 1 unless more than 100
ballots were acknowledged after the fault, none was answered 500 and service came back within
MAX_PAUSE seconds.

usage: after_kill.py EVENTS FAULT_TIME [MAX_PAUSE=30]
"""
import sys

events = sorted((float(moment), status) for moment, status in (line.split() for line in open(sys.argv[1])))
fault = float(sys.argv[2])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
later = [moment for moment, status in events if moment > fault and status == "303"]
others = {}
for moment, status in events:
    if moment > fault and status != "303":
        others[status] = others.get(status, 0) + 1
pause, previous = 0.0, fault
for moment in later:
    pause, previous = max(pause, moment - previous), moment


def count(t, acknowledged):
    return sum(1 for m, s in events if fault + t / 2 <= m < fault + (t + 1) / 2 and (s == "303") == acknowledged)


print("around the fault, per half second (acknowledged/other):", " ".join(f"{count(t, True)}/{count(t, False)}" for t in range(-2, 12)))
print(f"after the fault: {len(later)} acknowledged, other answers {others or 'none'}")
print(f"seconds without service: {pause:.2f}")
sys.exit(0 if len(later) > 100 and pause < limit and "500" not in others else 1)
