#!/usr/bin/env python3
"""bench/abuse's checks against a running server on loopback. Bounded; stops by itself.

usage: abuse.py PORT TOKENS BODY LIMIT
"""
import http.client
import os
import socket
import sys
import time

port, tokens_file, body_file, limit = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
tokens = [line.split() for line in open(tokens_file) if line.strip()]
body = open(body_file).read().strip()
failures = []


def request(method, path, source="127.0.0.1", headers=None, payload=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    connection.request(method, path, body=payload, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def submit(token, csrf, source):
    return request("POST", "/s", source, {"Cookie": f"pingyi_s={token}", "Content-Type": "application/x-www-form-urlencoded"},
                   f"csrf={csrf}&{body}")[0]


# 1. 1,000 random tokens from one address: identical 404s, then 429; a real token from another address still works.
statuses, bodies = [], set()
for _ in range(1000):
    status, data = request("GET", "/s/" + os.urandom(16).hex()[:22])
    statuses.append(status)
    if status == 404:
        bodies.add(data)
first429 = statuses.index(429) if 429 in statuses else None
print(f"random tokens: {statuses.count(404)} × 404 (distinct bodies: {len(bodies)}), then {statuses.count(429)} × 429; "
      f"first 429 at request {first429 + 1 if first429 is not None else '—'}")
if statuses[:limit] != [404] * limit or statuses[limit:] != [429] * (1000 - limit) or len(bodies) != 1:
    failures.append("random tokens were not answered 404 (identical) then 429")
status, _ = request("GET", "/s/" + tokens[0][0], source="127.0.0.2")
print(f"a real token from another address: {status}")
if status != 303:
    failures.append("a real token from another address did not work")

# 2. 300 slow connections, a header byte a second: cut by the timeouts, real submissions unaffected.
slow = []
for _ in range(300):
    connection = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.4", 0))
    connection.setblocking(False)
    slow.append(connection)
header = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
started = time.time()
closed_at = {}
accepted, index = 0, 1
while time.time() - started < 40 and (len(closed_at) < len(slow) or index < 21):
    second = int(time.time() - started)
    for number, connection in enumerate(slow):
        if number in closed_at:
            continue
        try:
            connection.send(header[second:second + 1] or b"a")
            if connection.recv(1) == b"":
                closed_at[number] = time.time() - started
        except BlockingIOError:
            pass
        except OSError:
            closed_at[number] = time.time() - started
    # real submissions keep going meanwhile
    if index < 21:
        token, csrf = tokens[index]
        if submit(token, csrf, "127.0.0.3") == 303:
            accepted += 1
        index += 1
    time.sleep(max(0.0, 1.0 - (time.time() - started - second)) if len(closed_at) < len(slow) else 0)
for connection in slow:
    connection.close()
latest = max(closed_at.values()) if closed_at else None
print(f"slow connections: {len(closed_at)}/300 cut by the server, the last after {latest:.1f} s" if latest else "slow connections: none cut")
print(f"real submissions meanwhile: {accepted}/20 accepted")
if len(closed_at) < 300 or latest > 30:
    failures.append("slow connections were not all cut within 30 s")
if accepted != 20:
    failures.append("real submissions failed during the slow connections")

for failure in failures:
    print("FAILED:", failure)
sys.exit(1 if failures else 0)
