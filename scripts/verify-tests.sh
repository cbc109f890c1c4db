#!/usr/bin/env bash
# The independent verifier of the published record (verify/pingyi_verify.py, python-ecdsa's
# P-256) against records made by Tests/Verify/make_record.py (test-only) and the server's record
# committed as Tests/Verify/fixtures/swift-record.json: a valid record verifies, and every
# tampered copy fails naming what was changed; malformed ones exit 2.
# With PINGYI_RECORD=path/to/record.json the same tests also run against that record. With
# PINGYI_BIN=path/to/pingyi (a built server binary; it is only run, never built here), a fresh
# record is made first by `pingyi tally rehearse` and becomes PINGYI_RECORD.
# Extra arguments go to pytest. No network; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=$(scripts/pytools.sh | tail -1)
if [ -n "${PINGYI_BIN:-}" ]; then
    if [ ! -x "$PINGYI_BIN" ]; then
        echo "verify tests: PINGYI_BIN=$PINGYI_BIN is not an executable file" >&2
        exit 1
    fi
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    echo "verify tests: a fresh record from $PINGYI_BIN tally rehearse" >&2
    timeout 300 "$PINGYI_BIN" tally rehearse --chiefs 6 --ballots 12 --per-ballot 4 \
        --out "$WORK/record.json" >&2
    export PINGYI_RECORD="$WORK/record.json"
fi
status=0
PYTHONDONTWRITEBYTECODE=1 PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 \
    timeout 300 "$PYTHON" -m pytest Tests/Verify -p no:cacheprovider -q -rA --tb=short "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "verify tests: FAILED (pytest exit $status)"
    exit 1
fi
