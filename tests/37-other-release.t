#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A compiled sibling written on another Debian release (another libseccomp:
# 2.5.4 on Debian 12, 2.6.0 on 13) is never trusted in place of its INI: the
# engine's id, which names libseccomp's version, is part of what a sibling
# must match. CI leaves one from each release for the other
# (tools/leave-sibling.sh, SS_OTHER_RELEASE=DIR); without it, nothing to check.
. "$(dirname "$0")/lib.sh"

here=$(. /etc/os-release && echo "${VERSION_CODENAME:-$ID}")
found=0
for d in "${SS_OTHER_RELEASE:-/nonexistent}"/*/; do
    [ -f "$d/deny-uname.compiled" ] || continue
    release=$(basename "$d")
    [ "$release" = "$here" ] && continue
    found=1
    theirs=$(cat "$d/libseccomp-version")
    mine=$(pkg-config --modversion libseccomp)
    if [ "$theirs" = "$mine" ]; then
        skip "$release has libseccomp $theirs too: its sibling may well be current" 3
        continue
    fi
    run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$d/deny-uname.ini" LD_PRELOAD="$SHIM" uname
    is "$STATUS" 159 "a sibling from $release (libseccomp $theirs): uname still dies, by the INI"
    like "$ERR" "deny-uname.compiled: ignored: .*compiled from another version" \
        "a sibling from $release: ignored as stale, and warnings say so"
    run env SECCOMP_SHIM_POLICY="$d/deny-uname.ini" LD_PRELOAD="$SHIM" sh -c 'echo ran'
    is "$STATUS/$OUT/$ERR" "0/ran/" "a sibling from $release: nothing said without warnings"
done
[ "$found" = 1 ] || skip "no sibling from another release (CI leaves one: SS_OTHER_RELEASE)"

done_testing
