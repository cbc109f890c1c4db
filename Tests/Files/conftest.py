"""The year cycle runs the real `pingyi` binary against a database holding the demo county
(scripts/year-cycle.sh makes both). Every command is bounded in time."""
import os
import subprocess
from pathlib import Path

import pytest

BIN = os.environ["PINGYI_BIN"]
WORK = Path(os.environ["PINGYI_WORK"])
PSQL = os.environ["PINGYI_PSQL"]


class Result:
    def __init__(self, completed):
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def pingyi(*args, timeout=120):
    return Result(subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=timeout))


def sql(query):
    """One value (or one column, newline-separated) from the demo database."""
    done = subprocess.run([PSQL, "-qXAt", "-v", "ON_ERROR_STOP=1", "-c", query], capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="session")
def work():
    out = WORK / "exports"
    out.mkdir(exist_ok=True)
    return out
