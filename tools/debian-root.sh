#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs a command in a fresh root of another Debian release, on this kernel:
# debootstrap (minbase and make, from the Debian mirror) makes the root, the
# tree is copied into it (without build/), and it is entered with pivot_root
# (below). Runs as root (no user namespace: apt, dpkg and the tests that
# need root work as on the machine). Nothing stays mounted on any exit:
# debootstrap and the command run in mount namespaces of their own, whose
# mounts end with them; the root is removed at the end unless KEEP=1.
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
for tool in debootstrap:debootstrap; do
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
# Entered with pivot_root in a mount namespace of its own (util-linux's
# unshare and pivot_root): not chroot, which makes the kernel refuse user
# namespaces, nor bwrap, whose mounts are all nosuid (a test runs a setuid
# copy). The root's own /tmp is debootstrap's (mode 1777). Every mount is the
# namespace's and ends with it.
export SS_ROOT=$root
unshare -m --propagation private sh -euc '
    r=$SS_ROOT
    mount --bind "$r" "$r"
    mount --rbind /dev "$r/dev"
    mount -t proc proc "$r/proc"
    mount --rbind /sys "$r/sys"
    mount --bind -o ro /etc/resolv.conf "$r/etc/resolv.conf"
    if [ -n "${SS_EXCHANGE:-}" ]; then
        mkdir -p "$r$SS_EXCHANGE"
        mount --bind "$SS_EXCHANGE" "$r$SS_EXCHANGE"
    fi
    cd "$r"
    mkdir -p .old-root
    pivot_root . .old-root
    umount -l /.old-root
    rmdir /.old-root
    cd /src
    exec env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"
' sh "$@"
