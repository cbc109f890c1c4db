#!/usr/bin/env python3
"""Runs a command as a whole process and prints its wall time in seconds and its peak resident
memory in MiB ("SECONDS MIB"); exits with the command's status. Its output goes to /dev/null,
its errors to ours.

usage: measure.py COMMAND [ARG...]
"""
import resource
import subprocess
import sys
import time

started = time.monotonic()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
took = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
print(f"{took:.3f} {peak:.0f}")
sys.exit(status)
