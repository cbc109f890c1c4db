#!/usr/bin/env bash
# Proves that `make test` needs nothing but what README says: builds a fresh Debian 12 root
# (debootstrap, minbase variant), adds only the Swift toolchain's own prerequisites (the list of
# swift.org's Debian 12 image) plus git and make, bind-mounts this machine's toolchain
# (/opt/swift) and Swift package mirror (/opt/swift-packages, with the same git url rewrite),
# clones the committed HEAD of this checkout into it, and runs `make test` there as root with no
# standard input — as CI does. Nothing of the project (PostgreSQL, libpq, Python's venv,
# Chromium, fonts, curl) is pre-installed: `make test` has to install it.
#
#   sudo scripts/fresh-debian.sh [ROOT]      (default /tmp/pingyi-fresh-debian; made anew each time)
#
# Needs root, debootstrap and Debian's package mirror; takes 20-30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:-/tmp/pingyi-fresh-debian}
SWIFT_DIR=${SWIFT_DIR:-/opt/swift}
PACKAGES=${SWIFT_PACKAGES:-/opt/swift-packages}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "fresh-debian: run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }

mounts=()
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; mounts+=("$2"); }

start=$(date +%s)
for m in $(grep -o " $ROOT/[^ ]*" /proc/mounts | sort -r); do umount -l "$m" || true; done
rm -rf "$ROOT"
echo "fresh-debian: debootstrap bookworm (minbase) into $ROOT"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 || { tail -20 "$ROOT.debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"; mounts+=("$ROOT/proc")
bind /sys "$ROOT/sys"
bind /dev "$ROOT/dev"
bind /dev/pts "$ROOT/dev/pts"
bind "$SWIFT_DIR" "$ROOT$SWIFT_DIR"
bind "$PACKAGES" "$ROOT$PACKAGES"

echo "fresh-debian: the Swift toolchain's own prerequisites, git and make"
chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c '
    apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        binutils-gold ca-certificates gcc git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev \
        libncurses-dev libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libz3-dev tzdata unzip \
        zlib1g-dev make >/dev/null'
chroot "$ROOT" git config --system "url.$PACKAGES/.insteadOf" https://github.com/
# The machine's network set-up, as a new machine of this kind has it: its CA bundle (the package
# registries may be reached through a TLS proxy) and pip's configuration. Nothing of the project.
mkdir -p "$ROOT/usr/local/share/ca-certificates"
cp -r /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/" 2>/dev/null || true
chroot "$ROOT" update-ca-certificates >/dev/null 2>&1
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$ROOT/etc/pip.conf"
pipenv=()
for name in $(env | grep -o '^PIP_[A-Z_]*' || true); do pipenv+=("$name=${!name}"); done
git clone -q --no-hardlinks "$PWD" "$ROOT/root/pingyi"
echo "fresh-debian: what the root has of the project's needs before make test:"
chroot "$ROOT" bash -c 'for c in psql pg_config pkg-config python3 curl chromium chromedriver; do printf "  %-12s %s\n" $c "$(command -v $c || echo missing)"; done'

echo "fresh-debian: make test (CI=true, no standard input)"
status=0
chroot "$ROOT" /usr/bin/env -i HOME=/root CI=true LANG=C.UTF-8 "${pipenv[@]}" PATH="$SWIFT_DIR/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    bash -c 'cd /root/pingyi && bash .ci/run' </dev/null || status=$?
chroot "$ROOT" bash -c 'cd /root/pingyi && scripts/pg.sh stop' >/dev/null 2>&1 || true
echo "fresh-debian: make test exited $status after $(( $(date +%s) - start )) s in all"
exit $status
