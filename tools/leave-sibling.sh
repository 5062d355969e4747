#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Leaves conf/deny-uname.ini and the compiled sibling this build writes for
# it in DIR/RELEASE/, for a build on another Debian release to find
# (SS_OTHER_RELEASE=DIR, tests/37-other-release.t): its libseccomp differs,
# so the sibling must be stale there. Run after `make`.
# Usage: tools/leave-sibling.sh DIR
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
release=$(. /etc/os-release && echo "${VERSION_CODENAME:-$ID}")
out=${1:?usage: leave-sibling.sh DIR}/$release
mkdir -p "$out"
cp "$root/conf/deny-uname.ini" "$out/"
"$root/build/seccomp-shim" compile "$out/deny-uname.ini"
pkg-config --modversion libseccomp >"$out/libseccomp-version"
echo "leave-sibling: $out/deny-uname.compiled (libseccomp $(cat "$out/libseccomp-version"))"
