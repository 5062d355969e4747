#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs the Debian packages seccomp-shim needs to build and test, when any
# is missing: those of tools/debian-packages.txt (or of the list given with
# --list), and any named on the command line. Each list names packages that
# Debian 12 and Debian 13 both have (no compiler version in a name), so one
# list serves both releases. Needs root, or sudo.
# Usage: install-deps.sh [--list FILE] [PACKAGE...]
set -eu
list=$(dirname "$0")/debian-packages.txt
if [ "${1:-}" = --list ]; then
    list=$2
    shift 2
fi
missing=
for pkg in $(cat "$list") "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
