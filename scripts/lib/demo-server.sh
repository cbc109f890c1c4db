# Sourced by fuzz.sh and browser-tests.sh: a database of its own with the demo county, and
# `pingyi serve` on it, removed again when the calling script exits.
#   demo_database NAME WORK     fresh database NAME (exported as PGDATABASE), migrated, demo loaded
#                               (the demo's files and ballot keys in WORK/demo, its output in WORK/demo.txt)
#   demo_serve PORT WORK LABEL  starts the server (its log in WORK/server.log) and waits at most
#                               15 s for /healthz; on failure prints "LABEL: FAILED …" and exits
# Needs BIN and PGBIN set; both functions are bounded in time.
demo_database() {
    local name=$1 work=$2
    export PGDATABASE=$name
    "$PGBIN/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null 2>&1
    DEMO_DATABASE=$name
    DEMO_WORK=$work
    trap demo_cleanup EXIT
    $BIN migrate >/dev/null
    $BIN demo --out "$work/demo" >"$work/demo.txt"
}

demo_serve() {
    local port=$1 work=$2 label=$3
    $BIN serve --port "$port" >"$work/server.log" 2>&1 &
    DEMO_SERVER=$!
    for _ in $(seq 1 150); do
        if curl -sf --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "$label: FAILED (the server did not answer /healthz)"
    tail -20 "$work/server.log"
    exit 1
}

demo_cleanup() {
    if [ -n "${DEMO_SERVER:-}" ]; then
        kill "$DEMO_SERVER" 2>/dev/null || true
        wait "$DEMO_SERVER" 2>/dev/null || true
    fi
    "$PGBIN/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $DEMO_DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$DEMO_WORK"
}
