#!/usr/bin/env bash
# The independent verifier of the published record (verify/pingyi_verify.py, python-ecdsa's
# P-256) against records made by Tests/Verify/make_record.py (test-only): a valid record
# verifies, and every tampered copy fails naming what was changed; malformed ones exit 2.
# With PINGYI_RECORD=path/to/record.json the same tests also run against that record (one the
# Swift server made). Extra arguments go to pytest. No network; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=$(scripts/pytools.sh | tail -1)
status=0
PYTHONDONTWRITEBYTECODE=1 PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 \
    timeout 300 "$PYTHON" -m pytest Tests/Verify -p no:cacheprovider -q -rA --tb=short "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "verify tests: FAILED (pytest exit $status)"
    exit 1
fi
