#!/usr/bin/env bash
# Pingyi's private PostgreSQL cluster, used by the Makefile.
#   scripts/pg.sh start   start it (initialising it the first time); reuse it when running
#   scripts/pg.sh stop    stop it
#   scripts/pg.sh env     print the libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE) to eval
#   scripts/pg.sh status  say where it is and whether it runs
# When DATABASE_URL or PGHOST is already set, that server is used and nothing is started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PINGYI_PGPORT:-5432}"
DBNAME="${PINGYI_PGDATABASE:-pingyi}"
SUPERUSER=postgres

external() {
    [ -n "${DATABASE_URL:-}" ] && return 0
    [ -n "${PGHOST:-}" ] && [ "${PGHOST}" != "$(datadir)" ]
}

bindir() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$d" ]; then echo "pg: no PostgreSQL server binaries; run scripts/deps.sh" >&2; exit 1; fi
    echo "$d"
}

# Run a server binary as an unprivileged user: initdb and postgres refuse to run as root.
as_owner() {
    # from / : the server's user may not be allowed into the current folder
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

owner_can_use() { # can the cluster's owner enter this folder (x on it and every parent)?
    local dir="$1"
    if [ "$(id -u)" != 0 ]; then return 0; fi
    id postgres >/dev/null 2>&1 || return 1
    runuser -u postgres -- test -x "$dir" 2>/dev/null
}

datadir() {
    if [ -n "${PINGYI_PGDATA:-}" ]; then echo "$PINGYI_PGDATA"; return; fi
    local local_dir="$ROOT/.pgdata"
    # a unix socket path must stay under 108 bytes: "<dir>/.s.PGSQL.<port>"
    if [ $(( ${#local_dir} + 20 )) -lt 100 ] && owner_can_use "$ROOT"; then
        echo "$local_dir"
    else
        # The checkout is where the server's user cannot go (e.g. under /root, mode 700)
        # or its path is too long for a socket: keep the cluster under /tmp, keyed by the checkout.
        echo "/tmp/pingyi-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
    fi
}

print_env() {
    external && return 0
    local d; d="$(datadir)"
    echo "export PGHOST='$d' PGPORT='$PORT' PGUSER='$SUPERUSER' PGDATABASE='$DBNAME'"
}

running() {
    local d; d="$(datadir)"
    [ -f "$d/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$d" status >/dev/null 2>&1
}

start() {
    if external; then
        echo "pg: using the server of DATABASE_URL/PGHOST"
        wait_ready
        return 0
    fi
    local bin d; bin="$(bindir)"; d="$(datadir)"
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    if [ ! -f "$d/PG_VERSION" ]; then
        echo "pg: initialising a private cluster in $d"
        mkdir -p "$d"
        [ "$(id -u)" = 0 ] && chown postgres: "$d"
        chmod 700 "$d"
        as_owner "$bin/initdb" -D "$d" -U "$SUPERUSER" -A trust -E UTF8 --locale=C.UTF-8 >"$d.init.log" 2>&1 \
            || { cat "$d.init.log" >&2; exit 1; }
        # Unix socket only, in the data folder. The durable defaults (fsync, synchronous_commit,
        # full_page_writes) stay on: an acknowledged ballot must survive a crash.
        # max_connections: the Swift suites run in parallel, each with its own database and server pools;
        # 200 was exceeded once the suites of #27 were added (FATAL: too many clients, seen on a clean clone).
        cat >>"$d/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$d'
port = $PORT
max_connections = 400
shared_buffers = 256MB
fsync = on
synchronous_commit = on
full_page_writes = on
log_min_messages = warning
CONF
    fi
    # Anonymity settings (README, "Operations"): no statement parameters in the server's log,
    # ever — with them, a logged claim would show the token's hash next to the sealed ballot.
    # track_commit_timestamp is on so that the attacker tests see every commit time a DBA could.
    # Added to clusters made before these settings, which then restart once.
    if ! grep -q "^log_parameter_max_length = 0" "$d/postgresql.conf"; then
        cat >>"$d/postgresql.conf" <<CONF
log_parameter_max_length = 0
log_parameter_max_length_on_error = 0
log_statement = 'none'
track_commit_timestamp = on
CONF
        if running; then as_owner "$bin/pg_ctl" -D "$d" -m fast -w -t 60 stop >/dev/null; fi
    fi
    if running; then
        echo "pg: running in $d"
    else
        echo "pg: starting in $d"
        as_owner "$bin/pg_ctl" -D "$d" -l "$d/server.log" -w -t 60 start >/dev/null \
            || { tail -20 "$d/server.log" >&2; exit 1; }
    fi
    eval "$(print_env)"
    wait_ready
    if ! "$bin/psql" -qtAX -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" | grep -q 1; then
        "$bin/psql" -qX -d postgres -c "CREATE DATABASE \"$DBNAME\"" >/dev/null
    fi
}

wait_ready() {
    local bin; bin="$(bindir)"
    for _ in $(seq 1 60); do
        if [ -n "${DATABASE_URL:-}" ]; then
            "$bin/pg_isready" -q -d "$DATABASE_URL" && return 0
        else
            "$bin/pg_isready" -q -h "${PGHOST:-$(datadir)}" -p "${PGPORT:-$PORT}" && return 0
        fi
        sleep 0.5
    done
    echo "pg: the database server does not answer (after 30 s)" >&2
    exit 1
}

stop() {
    external && { echo "pg: external server, nothing to stop"; return 0; }
    local d; d="$(datadir)"
    if running; then
        as_owner "$(bindir)/pg_ctl" -D "$d" -m fast -w -t 60 stop >/dev/null
        echo "pg: stopped ($d)"
    else
        echo "pg: not running ($d)"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    datadir) datadir ;;
    status) if external; then echo "external server"; elif running; then echo "running in $(datadir)"; else echo "stopped ($(datadir))"; fi ;;
    *) echo "usage: $0 start|stop|env|datadir|status" >&2; exit 2 ;;
esac
