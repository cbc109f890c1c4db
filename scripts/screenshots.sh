#!/usr/bin/env bash
# Renders the public forms with headless Chromium into docs/: the merchant ballot and the
# supervisor's star-rating form, on a phone (390×844) and a desktop (1280×800); then signs in to
# the console as the demo admin in a real browser (Selenium + chromedriver) and captures its
# pages: progress, ranking, a chief's trend (范志磊, G0202), follow-ups, personnel, clues.
# Needs the demo county (make demo); installs chromium, chromium-driver, fonts-noto-cjk and
# Selenium (pinned) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    echo "screenshots: installing chromium, chromium-driver and fonts-noto-cjk (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
    echo "screenshots: installing selenium 4.27.1 (pip)"
    python3 -m pip install -q selenium==4.27.1
fi

BIN=.build/${CONFIG:-debug}/pingyi
PORT=${SCREENSHOT_PORT:-8391}
eval "$(scripts/pg.sh env)"
# A fresh link of each kind (the demo reissues one when all were issued before).
demo=$($BIN demo)
links=$(echo "$demo" | grep -E '^  http' | tr -d ' ')
# The console account as `pingyi demo` prints it: "… 登录名 LOGIN　密码 PASSWORD（仅限演示县）".
login=$(echo "$demo" | sed -n 's/.*登录名 \([^　 ]*\).*/\1/p' | head -1)
password=$(echo "$demo" | sed -n 's/.*密码 \([^（ ]*\)（.*/\1/p' | head -1)
merchant=$(echo "$links" | grep '/s/' | head -1 | sed "s|http://127.0.0.1:8080|http://127.0.0.1:$PORT|")
supervisor=$(echo "$links" | grep '/r/' | head -1 | sed "s|http://127.0.0.1:8080|http://127.0.0.1:$PORT|")

PINGYI_PUBLIC_URL="http://127.0.0.1:$PORT" $BIN serve --port "$PORT" >/tmp/pingyi-screenshots.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

mkdir -p docs
shoot() { # url file width height
    timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$3,$4" --screenshot="$2" "$1" >/dev/null 2>&1
    echo "screenshots: $2"
}
shoot "$merchant" docs/ballot-phone.png 390 844
shoot "$merchant" docs/ballot-desktop.png 1280 800
shoot "$supervisor" docs/star-rating-phone.png 390 844
shoot "$supervisor" docs/star-rating-desktop.png 1280 800

# The console, signed in through its own form (the demo county's admin account).
timeout 300 python3 scripts/console_screenshots.py "http://127.0.0.1:$PORT" "$login" "$password" G0202
