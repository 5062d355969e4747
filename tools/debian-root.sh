#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs a command in a fresh root of another Debian release, on this kernel:
# debootstrap (minbase and make, from the Debian mirror) makes the root, the tree is
# copied into it (without build/), and bubblewrap enters it with
# pivot_root. Not chroot: the kernel refuses user namespaces to a chrooted
# process, and tests that make them would fail for that reason alone. Runs
# as root (no user namespace: apt, dpkg and the tests that need root work as
# on the machine). Nothing stays mounted on any exit: debootstrap runs in a
# mount namespace of its own and bwrap's mounts die with it; the root is
# removed at the end unless KEEP=1.
# SS_EXCHANGE=DIR is bound into the root at the same path, for what one
# release leaves for the other (tests/37-other-release.t).
# Usage: tools/debian-root.sh RELEASE CMD...   (CMD runs in the copy, as root)
# Example: tools/debian-root.sh trixie tools/ci-steps.sh
set -euo pipefail
release=${1:?usage: debian-root.sh RELEASE CMD...}
shift
[ $# -gt 0 ] || { echo "usage: debian-root.sh RELEASE CMD..." >&2; exit 2; }
tree=$(cd "$(dirname "$0")/.." && pwd)
export DEBIAN_FRONTEND=noninteractive
for tool in debootstrap:debootstrap bwrap:bubblewrap; do
    command -v "${tool%%:*}" >/dev/null || apt-get install -y -q "${tool#*:}"
done
root=$(mktemp -d /var/tmp/seccomp-shim-"$release".XXXXXX)
chmod 755 "$root" # it becomes /: every user must get through it
cleanup() {
    [ "${KEEP:-}" = 1 ] && { echo "debian-root: kept $root"; return; }
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
echo "debian-root: debootstrap $release into $root"
if ! unshare -m --propagation private \
    debootstrap --variant=minbase --include=make "$release" "$root" >"$root.log" 2>&1; then
    tail -20 "$root.log"
    echo "debian-root: debootstrap $release failed"
    exit 1
fi
rm -f "$root.log"
mkdir "$root/src"
tar -C "$tree" --exclude=./build -cf - . | tar -C "$root/src" -xf -
# The root's own /tmp (debootstrap's, mode 1777), not a tmpfs: bwrap mounts
# those nosuid, and a test runs a setuid copy there.
bwrap --bind "$root" / --dev-bind /dev /dev --proc /proc --bind /sys /sys \
    --ro-bind /etc/resolv.conf /etc/resolv.conf \
    ${SS_EXCHANGE:+--bind "$SS_EXCHANGE" "$SS_EXCHANGE"} \
    --die-with-parent --chdir /src \
    --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --setenv HOME /root "$@"
