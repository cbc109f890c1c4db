# Sourced by the bench/ scripts: a database of its own with an open merchant campaign and
# COUNT invitations (merchants dealing with SCJG and XZSP), the tokens with their anti-forgery
# values for the HTTP clients, and the same ballot form for every merchant. With JOINT=1 the
# campaign is opened for the joint count (多方联合计票) instead of sealed for one key.
#   prepare_campaign DATABASE COUNT FORM_SECRET WORK_DIR
# leaves: $WORK/http-tokens.txt ("token csrf" per line), $WORK/queue.copy (for pgbench), $WORK/ballot.key,
#         $WORK/body.txt (the form's answers without csrf), CAMPAIGN (its id), PGBIN, BIN
prepare_campaign() {
    local database=$1 count=$2 secret=$3 work=$4
    scripts/deps.sh
    scripts/pg.sh start >/dev/null
    eval "$(scripts/pg.sh env)"
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    echo "bench: release build"
    swift build -c release --product pingyi 2>&1 | tail -1
    BIN=$PWD/.build/release/pingyi
    export PGDATABASE=$database
    "$PGBIN/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null 2>&1
    $BIN migrate >/dev/null
    $BIN import roster demo/roster.csv >/dev/null
    $BIN appraisal create 2026 >/dev/null
    $BIN campaign create --year 2026 --kind merchantReview >/dev/null
    CAMPAIGN=$("$PGBIN/psql" -qtAX -c "SELECT id FROM campaigns")
    # One merchant's dealings before the campaign opens, so that the sealed length is fixed from
    # the same form every bench merchant gets (SCJG and XZSP), as in a real year.
    printf '统一社会信用代码,企业名称\n914403001922038216,华为技术有限公司\n' > "$work/merchants.csv"
    printf '统一社会信用代码,年度,部门代码\n914403001922038216,2026,SCJG\n914403001922038216,2026,XZSP\n' > "$work/dealings.csv"
    $BIN import merchants "$work/merchants.csv" >/dev/null
    $BIN import dealings "$work/dealings.csv" >/dev/null
    if [ "${JOINT:-0}" = 1 ]; then
        # The joint count: every ballot encrypted with proofs and chained (three trustees, two needed).
        mkdir -p "$work/shares"
        $BIN campaign open "$CAMPAIGN" --trustees 县营商办,县纪委监委,县委组织部 --quorum 2 --shares-dir "$work/shares" >/dev/null
    else
        # Sealed like a real campaign: the server encrypts every ballot with this key's public half.
        $BIN campaign open "$CAMPAIGN" --key-out "$work/ballot.key" >/dev/null
    fi
    python3 bench/lib/make_invitations.py "$CAMPAIGN" "$count" "$secret" "$work"
    "$PGBIN/psql" -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
\copy merchants (credit_code, name) FROM '$work/merchants.copy'
\copy invitations (campaign_id, token_hash, merchant_credit_code) FROM '$work/invitations.copy'
INSERT INTO invitation_departments (invitation_id, department_code)
SELECT i.id, d.code FROM invitations i CROSS JOIN (VALUES ('SCJG'), ('XZSP')) AS d(code);
CREATE TABLE bench_queue (n bigint PRIMARY KEY, token_hash bytea NOT NULL);
\copy bench_queue FROM '$work/queue.copy'
CREATE SEQUENCE bench_queue_next;
VACUUM ANALYZE;
SQL
    "$PGBIN/psql" -qtAX -c "SELECT string_agg('a.' || c.employee_number || '.overall=satisfied', '&' ORDER BY c.employee_number)
        FROM chiefs c JOIN sections s ON s.id = c.section_id WHERE s.department_code IN ('SCJG', 'XZSP') AND c.active" > "$work/body.txt"
}

# Waits until the server answers /healthz (at most 20 s).
wait_for_server() {
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "bench: the server did not start" >&2
    return 1
}
