#!/usr/bin/env bash
# Makes .pytools/, the project's own Python virtual environment for its test tools, from
# scripts/requirements-test.lock (every package pinned, the transitive ones too, installed with
# --no-deps so nothing else is resolved). Debian's own Python is used (/usr/bin/python3, from
# the python3 and python3-venv packages that deps.sh installs), never pip on the system Python
# (PEP 668 refuses that on Debian 12). The environment is made again when the lock file changes
# or a previous attempt did not finish. Prints the environment's python on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=scripts/requirements-test.lock
VENV=.pytools
PYTHON=${PINGYI_PYTHON:-/usr/bin/python3}
want=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ "$(cat "$VENV/.lock-sha256" 2>/dev/null || true)" != "$want" ]; then
    echo "pytools: making $VENV from $LOCK" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-input -r "$LOCK" >&2
    "$VENV/bin/python" -m pip check >&2
    echo "$want" >"$VENV/.lock-sha256"
fi
echo "$PWD/$VENV/bin/python"
