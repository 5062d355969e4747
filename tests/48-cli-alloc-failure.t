#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# import and export under allocation failure: whichever allocation fails,
# they either write what they write with enough memory or fail with status 1
# and a message; never a crash, never a file that lost a rule or a condition.
. "$(dirname "$0")/lib.sh"
FAIL=$B/tests/libfailmalloc.so
if sanitized; then
    echo "1..0 # SKIP allocation failures are injected through malloc, which ASan replaces"
    exit 0
fi

# One conditional allow for 330 syscalls: about 10 KB of policy, so the text
# in memory grows several times while it is written. No long strings: jansson
# ignores allocation failures while it reads them and may lose characters.
names=$("$CLI" syscalls | awk '$2 < 330 { printf "%s\"%s\"", (n++ ? "," : ""), $1 }')
printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": [%s], %s}]}\n' "$names" \
    '"action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 7, "op": "SCMP_CMP_EQ"}]' \
    >"$TMP/profile.json"

# A deny list: an entry or a condition left out of its OCI profile lets
# through what the policy refuses.
printf '%s\n' '[policy]' 'default = allow' '[syscalls]' 'ptrace = kill_process' \
    'personality = errno(EPERM) if arg0 != 0' 'socket = errno(EAFNOSUPPORT) if arg0 == 16' \
    'kill = errno(EPERM) if arg1 & 0xff == 9' 'uname = errno(EPERM)' >"$TMP/deny.ini"

# every_allocation NAME ARGS...: runs `seccomp-shim ARGS -o OUT` with each of
# its allocations failing in turn.
every_allocation() {
    local name=$1 n i st crashed= theirs= damaged= silent=
    shift
    "$CLI" "$@" -o "$TMP/ref" 2>/dev/null
    ok $? "$name with enough memory"
    n=$(LD_PRELOAD=$FAIL "$CLI" "$@" -o "$TMP/count" 2>&1 >/dev/null | sed -n 's/^allocations: //p')
    [ "${n:-0}" -gt 100 ]
    ok $? "$name: the allocations counted ($n)"
    for ((i = 1; i <= ${n:-0}; i++)); do
        rm -f "$TMP/out"
        { FAIL_AT=$i LD_PRELOAD=$FAIL "$CLI" "$@" -o "$TMP/out" >/dev/null 2>"$TMP/err"; st=$?; } 2>/dev/null
        if [ $st -gt 1 ] && grep -q '^failmalloc: .* in .*libseccomp' "$TMP/err"; then
            theirs="$theirs $i($st)"
        elif [ $st -gt 1 ]; then
            crashed="$crashed $i($st)"
        elif [ $st = 0 ] && ! cmp -s "$TMP/out" "$TMP/ref"; then
            damaged="$damaged $i"
        elif [ $st = 1 ] && ! grep -qv '^failmalloc: ' "$TMP/err"; then
            silent="$silent $i"
        fi
    done
    is "$crashed" "" "$name: no allocation failure crashes it (in our code)"
    # libseccomp 2.5.4 crashes on some failed allocations of its own (SECURITY.md;
    # export -f oci compiles the profile with it as a runtime would).
    echo "$([ -z "$theirs" ] && echo ok || echo "not ok") $((_n += 1)) - $name: failed allocations inside libseccomp do not crash it # TODO libseccomp 2.5.4 crashes on:${theirs:- none}"
    is "$damaged" "" "$name: no allocation failure makes it write a damaged file"
    is "$silent" "" "$name: every failure says why"
}

every_allocation import import "$TMP/profile.json"
every_allocation "export --format oci" export --format oci "$TMP/deny.ini"

done_testing
