#!/usr/bin/env bash
# Part of `make test`: Schemathesis (pinned, from PyPI) against /openapi.yaml of a server started
# here on the demo county, with the checks for server errors, status codes, content types, schema
# conformance and rejection of negative data. Bounded: 25 examples per operation, derandomized,
# a 5-minute limit. Loopback only. The server and its database are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=3.39.16
PORT=${PINGYI_FUZZ_PORT:-8387}
BIN=.build/debug/pingyi
if ! python3 -m schemathesis.cli --version 2>/dev/null | grep -q "$VERSION"; then
    echo "fuzz: installing schemathesis $VERSION (pip)"
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "schemathesis==$VERSION"
fi
eval "$(scripts/pg.sh env)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export PGDATABASE=pingyi_fuzz
WORK=$(mktemp -d /tmp/pingyi-fuzz.XXXXXX)
"$PGBIN/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS pingyi_fuzz WITH (FORCE)" -c "CREATE DATABASE pingyi_fuzz" >/dev/null 2>&1
$BIN migrate >/dev/null
$BIN demo --out "$WORK/demo" >/dev/null
KEY=$($BIN apikey create --role admin --name fuzz | sed -n 2p)
PINGYI_LOG_LEVEL=error PINGYI_MAX_FAILED_LOOKUPS=1000000 $BIN serve --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
    kill $SERVER 2>/dev/null || true
    wait $SERVER 2>/dev/null || true
    "$PGBIN/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS pingyi_fuzz WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
echo "fuzz: schemathesis $VERSION against http://127.0.0.1:$PORT/openapi.yaml"
cd "$WORK"
timeout 300 python3 -m schemathesis.cli run "http://127.0.0.1:$PORT/openapi.yaml" --base-url "http://127.0.0.1:$PORT" \
    -H "Authorization: Bearer $KEY" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
    --hypothesis-max-examples 25 --hypothesis-derandomize --hypothesis-deadline 5000 --experimental=openapi-3.1 \
    --no-color 2>&1 | grep -E "^(Performed checks|    [a-z_]+ +[0-9]+ / [0-9]+|_{5,}|    Received|    Documented|- )|FAILED|Error" | sed 's/^/fuzz: /'
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then echo "fuzz: FAILED (schemathesis exit $status)"; exit 1; fi
echo "fuzz: no server error, no response contradicting the document"
