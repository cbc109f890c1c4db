#!/usr/bin/env bash
# Installs what Pingyi needs from Debian's packages when it is missing.
#   scripts/deps.sh        to build and run: the PostgreSQL server binaries, libpq's headers,
#                          pkg-config (for the CLibPQ module), libxlsxwriter's headers (the
#                          .xlsx exports, CXLSXWriter module), libqrencode's (the letters' QR
#                          codes, CQREncode module), OpenSSL's libcrypto headers (the joint
#                          count's P-256 arithmetic, CLibCrypto module) and curl (readiness checks)
#   scripts/deps.sh test   and what the tests call as well: Debian's python3 and python3-venv
#                          (for .pytools/, see pytools.sh), headless Chromium with its
#                          chromedriver and CJK fonts (the browser tests and screenshots),
#                          LibreOffice Calc without a GUI (opens the .xlsx exports in a test)
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libpq 2>/dev/null; then missing+=(libpq-dev); fi
if ! pkg-config --exists xlsxwriter 2>/dev/null; then missing+=(libxlsxwriter-dev); fi
if ! pkg-config --exists libqrencode 2>/dev/null; then missing+=(libqrencode-dev); fi
if ! pkg-config --exists libcrypto 2>/dev/null; then missing+=(libssl-dev); fi
command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
if [ "${1:-}" = test ]; then
    [ -x /usr/bin/python3 ] || missing+=(python3)
    /usr/bin/python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    # grep without -q reads to the end: with -q, fc-list may die of SIGPIPE and pipefail call it missing
    fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
    [ -x /usr/bin/soffice ] || missing+=(libreoffice-calc-nogui)
    # The 通报 test opens the .docx in Writer (the calc package alone cannot read it).
    [ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
    # The letters' print test: pdftoppm rasterises the PDF, zbarimg decodes the QR codes.
    command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "deps: installing ${missing[*]} (apt-get)"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's postgresql package starts a cluster of its own when a service manager lets it;
# Pingyi runs its own (scripts/pg.sh), so a policy-rc.d that refuses service starts is put in
# place for the install when there is none, and removed afterwards.
policy=/usr/sbin/policy-rc.d
added_policy=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy" && added_policy=1
fi
trap '[ -n "$added_policy" ] && $SUDO rm -f "$policy"' EXIT
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed"
