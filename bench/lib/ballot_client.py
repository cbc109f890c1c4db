#!/usr/bin/env python3
"""A load of ballot submissions for the fault scripts: worker threads POST /s, each with the next
unused invitation, until the stop file appears or the time is up. Every acknowledged submission
(303 to /s/thanks) is logged. Loopback only; bounded in time; stops by itself.

usage: ballot_client.py PORT TOKENS BODY THREADS SECONDS STOPFILE OUTDIR
writes OUTDIR/acked.txt (one token a line), OUTDIR/events.txt ("time status"), OUTDIR/summary.json

With BALLOT_RETRY=1 in the environment a worker behaves like a merchant on the retry page: after a
503, a 502 or a broken connection it posts the same ballot again (every 0.5 s, up to 60 s). A 409
that follows means the first post had reached the database before its answer was lost: the page
says 「已提交」, so the token counts as acknowledged (and check_ballots.py then demands it stored).
"""
import http.client
import json
import os
import sys
import threading
import time

port, tokens_file, body_file, threads, seconds, stop_file, out = (
    int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7])
tokens = [line.split() for line in open(tokens_file) if line.strip()]
body = open(body_file).read().strip()
lock = threading.Lock()
next_index = [0]
acked, events, counts = [], [], {}
deadline = time.time() + seconds


def take():
    with lock:
        if next_index[0] >= len(tokens):
            return None
        token = tokens[next_index[0]]
        next_index[0] += 1
        return token


def record(status, token=None):
    with lock:
        counts[status] = counts.get(status, 0) + 1
        events.append((time.time(), status))
        if token:
            acked.append(token)


retrying = os.environ.get("BALLOT_RETRY") == "1"


def worker():
    connection = None
    pair, retried, given_up = None, False, 0.0
    while time.time() < deadline and not os.path.exists(stop_file):
        if pair is None:
            pair, retried = take(), False
            given_up = time.time() + 60
        if pair is None:
            return
        token, csrf = pair
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("POST", "/s", body=f"csrf={csrf}&{body}", headers={
                "Cookie": f"pingyi_s={token}", "Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            response.read()
            status = str(response.status)
            if status == "409" and retried:
                status = "409-after-retry"
            record(status, token if status in ("303", "409-after-retry") else None)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
            if retrying and status in ("503", "502") and time.time() < given_up:
                retried = True
                time.sleep(0.5)
            else:
                pair = None
        except Exception as error:  # refused, reset, timed out: not acknowledged
            record("error:" + type(error).__name__)
            if connection is not None:
                connection.close()
            connection = None
            if retrying and time.time() < given_up:
                retried = True
                time.sleep(0.5)
            else:
                pair = None
                time.sleep(0.05)


workers = [threading.Thread(target=worker) for _ in range(threads)]
for thread in workers:
    thread.start()
for thread in workers:
    thread.join()
os.makedirs(out, exist_ok=True)
with open(f"{out}/acked.txt", "w") as file:
    file.write("\n".join(acked) + ("\n" if acked else ""))
with open(f"{out}/events.txt", "w") as file:
    for moment, status in events:
        file.write(f"{moment:.3f} {status}\n")
with open(f"{out}/summary.json", "w") as file:
    json.dump({"counts": counts, "acked": len(acked)}, file)
