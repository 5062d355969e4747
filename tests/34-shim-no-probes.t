#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shim installs its program itself, so libseccomp's probes of the
# kernel's seccomp API (9 seccomp() calls before its first filter: strict
# mode, five flags with no program, two actions, the notifier's sizes) answer
# nothing it uses: an INI start makes one prctl(PR_SET_NO_NEW_PRIVS) and one
# seccomp(SET_MODE_FILTER) (and the explain guard's, with explain), nothing
# else. strace -f over the sandboxed process only (its pid's lines).
. "$(dirname "$0")/lib.sh"

if ! command -v strace >/dev/null; then
    echo "1..0 # SKIP strace is not installed (tools/debian-packages.txt lists it)"
    exit 0
fi

# calls INI [VAR=VALUE...]: the seccomp and prctl calls of /bin/true under
# the shim with policy text INI, one a line, in CALLS.
calls() {
    local ini=$1 envs=() v
    shift
    for v in "$@"; do envs+=(-E "$v"); done
    strace -f -qq -o "$TMP/trace" -e trace=seccomp,prctl -E LD_PRELOAD="$SHIM" \
        -E SECCOMP_SHIM_INI="$ini" "${envs[@]}" /bin/true
    STATUS=$?
    local pid
    pid=$(awk 'NR == 1 { print $1 }' "$TMP/trace")
    CALLS=$(awk -v pid="$pid" '$1 == pid { $1 = ""; sub(/^ /, ""); print }' "$TMP/trace")
}

small=$'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process'

calls "$small"
is "$STATUS" 0 "a small INI policy: /bin/true runs"
is "$(grep -c '^seccomp(' <<<"$CALLS")" 1 "one seccomp() call" || sed 's/^/# /' <<<"$CALLS"
like "$CALLS" '^seccomp\(SECCOMP_SET_MODE_FILTER, [^,]*, \{len=' "... the install of the filter"
is "$(grep -c '^prctl(' <<<"$CALLS")" 1 "one prctl() call"
like "$CALLS" 'prctl\(PR_SET_NO_NEW_PRIVS, 1' "... no_new_privs"
unlike "$CALLS" 'SECCOMP_GET_ACTION_AVAIL|SECCOMP_GET_NOTIF_SIZES|SECCOMP_SET_MODE_STRICT|NULL\)' \
    "no probe of the kernel's seccomp API"

calls "$small" SECCOMP_SHIM_EXPLAIN=1
is "$STATUS" 0 "with explain: /bin/true runs"
is "$(grep -c '^seccomp(SECCOMP_SET_MODE_FILTER, [^,]*, {len=' <<<"$CALLS")" 2 \
    "with explain: two filters (the guard and the policy's)"
is "$(grep -c '^seccomp(' <<<"$CALLS")" 2 "... and no other seccomp() call" ||
    sed 's/^/# /' <<<"$CALLS"

# The probe answers tell the command's users what their kernel lacks: the
# command, where it probes, still does (not the shim's business).

done_testing
