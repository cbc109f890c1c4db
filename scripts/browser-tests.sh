#!/usr/bin/env bash
# Part of `make test`, and `make browser-test` alone: the journeys of Tests/Browser in headless
# Chromium (Selenium with Debian's chromium and chromedriver; pinned Python tools in .pytools/)
# against a server started here on a fresh copy of the demo county, on loopback only. With
# PINGYI_SCREENSHOTS=DIR the same journeys write the documentation's screenshots into DIR
# (`make screenshots`). Extra arguments go to pytest (e.g. `-k supervisor`). The server and its
# database are removed afterwards; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PINGYI_BROWSER_PORT:-8389}
BIN=.build/${CONFIG:-debug}/pingyi
PYTHON=$(scripts/pytools.sh | tail -1)
eval "$(scripts/pg.sh env)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/pingyi-browser.XXXXXX)
export PINGYI_PUBLIC_URL="http://127.0.0.1:$PORT"
. scripts/lib/demo-server.sh
demo_database pingyi_browser "$WORK"
# Six more supervisors with links of their own, through the ordinary import and issue commands:
# the demo leaves only a few of its 33 unanswered, and the journeys need fresh ones.
printf '编号,姓名,类别,工作单位\nBT01,测试监督员甲,其他,浏览器测试\nBT02,测试监督员乙,其他,浏览器测试\nBT03,测试监督员丙,其他,浏览器测试\nBT04,测试监督员丁,其他,浏览器测试\nBT05,测试监督员戊,其他,浏览器测试\nBT06,测试监督员己,其他,浏览器测试\n' >"$WORK/supervisors.csv"
$BIN import supervisors "$WORK/supervisors.csv" >/dev/null
star=$("$PGBIN/psql" -qXAt -c "SELECT id FROM campaigns WHERE kind = 'starRating' AND state = 'open' ORDER BY id DESC LIMIT 1")
$BIN invitations issue --campaign "$star" --out "$WORK/demo/browser-supervisors.csv" >/dev/null
login=$(sed -n 's/.*登录名 \([^　 ]*\).*/\1/p' "$WORK/demo.txt" | head -1)
password=$(sed -n 's/.*密码 \([^（ ]*\)（.*/\1/p' "$WORK/demo.txt" | head -1)
PINGYI_LOG_LEVEL=info demo_serve "$PORT" "$WORK" browser
echo "browser: $(chromium --version 2>/dev/null | head -1) against http://127.0.0.1:$PORT"
status=0
PINGYI_BROWSER_BASE="http://127.0.0.1:$PORT" PINGYI_BROWSER_LINKS="$WORK/demo" PINGYI_BROWSER_LOGIN="$login" \
PINGYI_BROWSER_PASSWORD="$password" PINGYI_PSQL="$PGBIN/psql" PINGYI_BROWSER_SERVER_LOG="$WORK/server.log" PYTHONDONTWRITEBYTECODE=1 PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 \
    timeout 900 "$PYTHON" -m pytest Tests/Browser -p no:cacheprovider -q -rA --tb=short --durations=0 "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "browser: FAILED (pytest exit $status); the server's last lines:"
    tail -20 "$WORK/server.log"
    exit 1
fi
