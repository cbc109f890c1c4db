#!/usr/bin/env python3
"""Times GET requests one after another and prints "P50_MS P99_MS BYTES" (bytes of the last).
Each answer must be 200.

usage: page_times.py BASE HEADER COUNT PATH [PATH...]   (HEADER: "Name: value"; the paths are taken in turn)
"""
import http.client
import sys
import time
import urllib.parse

base, header, count, paths = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
url = urllib.parse.urlsplit(base)
name, value = header.split(": ", 1)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
times, size = [], 0
for i in range(count):
    started = time.monotonic()
    connection.request("GET", paths[i % len(paths)], headers={name: value})
    response = connection.getresponse()
    body = response.read()
    times.append((time.monotonic() - started) * 1000)
    if response.status != 200:
        sys.exit(f"{paths[i % len(paths)]}: {response.status}")
    size = len(body)
times.sort()
print(f"{times[len(times) // 2]:.1f} {times[min(len(times) - 1, int(len(times) * 0.99))]:.1f} {size}")
