#!/usr/bin/env bash
# Part of `make test`, and `make year-test` alone: the year of README run through the command-line
# tool on a fresh copy of the demo county — refuse to score while campaigns are open, close them
# with their keys, dry-run, score, publish, unpublish with a reason, score again, publish, export
# the personnel list and the ranking as .xlsx and CSV — and the exports opened with the programs
# people use: openpyxl reads them back, LibreOffice (headless) converts them to PDF. Extra
# arguments go to pytest. The database is removed afterwards; every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/${CONFIG:-debug}/pingyi
PYTHON=$(scripts/pytools.sh | tail -1)
eval "$(scripts/pg.sh env)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/pingyi-year.XXXXXX)
. scripts/lib/demo-server.sh
demo_database pingyi_year_cycle "$WORK"
status=0
PINGYI_BIN="$PWD/$BIN" PINGYI_WORK="$WORK" PINGYI_PSQL="$PGBIN/psql" PYTHONDONTWRITEBYTECODE=1 PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 \
    timeout 600 "$PYTHON" -m pytest Tests/Files -p no:cacheprovider -q -rA --tb=short "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "year cycle: FAILED (pytest exit $status)"
    exit 1
fi
