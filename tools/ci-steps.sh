#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# What CI checks on one Debian release, as root in a tree with no build
# folder: the packages the build and the tests need, the Debian package (built
# in a copy of the tree, lintian without errors, installed, smoke-tested,
# purged), the aarch64 cross build under qemu, then the README's test command,
# whose prove summary is the last line. .ci/run runs it on the machine and,
# through tools/debian-root.sh, in a root of the other release.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
echo "ci: $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
apt-get update -q
sh tools/install-deps.sh debhelper lintian man-db bash-completion
tools/build-deb.sh --install
# aarch64 without the hardware: Debian's arm64 packages side by side, the
# shim and the command cross-built with warnings as errors, run under
# qemu-aarch64-static.
dpkg --add-architecture arm64
apt-get update -q
sh tools/install-deps.sh --list tools/debian-packages-cross-aarch64.txt
make cross-aarch64-check
# A compiled sibling for the other release to refuse (tests/37-other-release.t).
if [ -n "${SS_EXCHANGE:-}" ]; then
    make WERROR=1
    tools/leave-sibling.sh "$SS_EXCHANGE"
fi
make deps test
