#!/usr/bin/env bash
# Part of `make test`: Schemathesis (pinned in scripts/requirements-test.lock, in .pytools/) against /openapi.yaml of a server started
# here on the demo county, with the checks for server errors, status codes, content types, schema
# conformance and rejection of negative data. Bounded: 25 examples per operation, derandomized,
# a 5-minute limit. Loopback only. The server and its database are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PINGYI_FUZZ_PORT:-8387}
BIN=.build/debug/pingyi
PYTHON=$(scripts/pytools.sh | tail -1)
VERSION=$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("schemathesis"))')
eval "$(scripts/pg.sh env)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/pingyi-fuzz.XXXXXX)
. scripts/lib/demo-server.sh
demo_database pingyi_fuzz "$WORK"
KEY=$($BIN apikey create --role admin --name fuzz | sed -n 2p)
PINGYI_LOG_LEVEL=error PINGYI_MAX_FAILED_LOOKUPS=1000000 demo_serve "$PORT" "$WORK" fuzz
echo "fuzz: schemathesis $VERSION against http://127.0.0.1:$PORT/openapi.yaml"
cd "$WORK"
status=0
timeout 300 "$PYTHON" -m schemathesis.cli run "http://127.0.0.1:$PORT/openapi.yaml" --base-url "http://127.0.0.1:$PORT" \
    -H "Authorization: Bearer $KEY" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
    --hypothesis-max-examples 25 --hypothesis-derandomize --hypothesis-deadline 5000 --experimental=openapi-3.1 \
    --no-color >"$WORK/schemathesis.txt" 2>&1 || status=$?
# The summary lines (a failure's details too), whatever the exit status was.
grep -E "^(Performed checks|    [a-z_]+ +[0-9]+ / [0-9]+|_{5,}|    Received|    Documented|- )|FAILED|Error" "$WORK/schemathesis.txt" | sed 's/^/fuzz: /' || true
if [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED (schemathesis exit $status); its last lines:"
    tail -30 "$WORK/schemathesis.txt" | sed 's/^/fuzz: /'
    exit 1
fi
echo "fuzz: no server error, no response contradicting the document"
