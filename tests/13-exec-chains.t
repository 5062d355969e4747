#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Exec chains: children of a sandboxed program stay sandboxed, the same
# policy is not stacked again (and costs no seccomp/prctl call), a different
# policy is stacked on top, and a copied marker cannot switch the sandbox off.
. "$(dirname "$0")/lib.sh"

filters() { printf '%s' "$1" | awk '/^Seccomp_filters:/ { print $2 }'; }

# The child shims must make no seccomp or prctl call: this policy kills both.
NOSEC=$'[policy]\ndefault = allow\n[syscalls]\nseccomp = kill_process\nprctl = kill_process'
shim_ini "$NOSEC" sh -c '/bin/echo hi'
is "$STATUS/$OUT" "0/hi" "sh -c '/bin/echo hi' works under a policy that kills seccomp and prctl"
shim_ini "$NOSEC" sh -c 'sh -c "sh -c /bin/true" && grep Seccomp_filters /proc/self/status'
is "$STATUS/$(filters "$OUT")" "0/1" "three levels of sh under that policy: still one filter"
shim_ini "$NOSEC" "$PY" -c 'import ctypes; ctypes.CDLL(None).prctl(38, 1, 0, 0, 0); print("prctl ran")'
is "$STATUS" 159 "(the policy really kills prctl: a program calling it dies by SIGSYS)"

# Same policy at every level: one filter.
shim_file "$ROOT/conf/deny-uname.ini" sh -c 'sh -c "grep Seccomp_filters /proc/self/status"'
is "$(filters "$OUT")" 1 "same policy in a child: not stacked (Seccomp_filters 1)"

# A different policy for a child is stacked on top, and both apply.
OTHER=$'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES)'
shim_file "$ROOT/conf/deny-uname.ini" \
    env -u SECCOMP_SHIM_POLICY SECCOMP_SHIM_INI="$OTHER" grep Seccomp_filters /proc/self/status
is "$STATUS/$(filters "$OUT")" "0/2" "a child given a different policy stacks it (Seccomp_filters 2)"
shim_file "$ROOT/conf/deny-uname.ini" env -u SECCOMP_SHIM_POLICY SECCOMP_SHIM_INI="$OTHER" \
    "$PY" -c 'import socket
try:
    socket.socket()
except PermissionError:
    print("socket refused")
import os; os.uname(); print("uname ran")'
is "$STATUS" 159 "stacked: the parent's policy still kills uname"
is "$OUT" "socket refused" "stacked: the child's policy refuses socket"

# A marker copied into an unfiltered process does not switch the sandbox off.
shim_file "$ROOT/conf/deny-uname.ini" printenv SECCOMP_SHIM_ACTIVE
marker=$OUT
like "$marker" "^[0-9a-f]{32}:1$" "the shim leaves a marker HASH:DEPTH for its children (a 128-bit HASH)"
run env SECCOMP_SHIM_ACTIVE="$marker" SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" \
    LD_PRELOAD="$SHIM" "$PROGS/uname"
is "$STATUS/$OUT" "159/" "a genuine marker in an unfiltered process: the filter is installed anyway"
run env SECCOMP_SHIM_ACTIVE="${marker%:1}:0" SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" \
    LD_PRELOAD="$SHIM" "$PROGS/uname"
is "$STATUS" 159 "a forged marker with depth 0: the filter is installed anyway"
run env SECCOMP_SHIM_ACTIVE="${marker%:1}:0" SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" \
    LD_PRELOAD="$SHIM" grep Seccomp_filters /proc/self/status
is "$(filters "$OUT")" 1 "forged marker: exactly one filter, the shim's"

# Markers of another shape (what sscanf would have taken) are no marker.
for bad in "${marker%:1}:-1" "${marker%:1}: 1" "${marker%:1}:+1" "0x${marker}" "${marker%:1}:" \
    "${marker%:1}:1234567"; do
    run env SECCOMP_SHIM_ACTIVE="$bad" SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" \
        LD_PRELOAD="$SHIM" "$PROGS/uname"
    is "$STATUS" 159 "malformed marker '$bad': the filter is installed"
done

# The marker names the policy: changing the file's bytes is a new policy.
cp "$ROOT/conf/deny-uname.ini" "$TMP/p.ini"
run env SECCOMP_SHIM_POLICY="$TMP/p.ini" LD_PRELOAD="$SHIM" \
    sh -c 'echo "getpid = errno(EPERM)" >>"$SECCOMP_SHIM_POLICY"; grep Seccomp_filters /proc/self/status'
is "$(filters "$OUT")" 2 "the policy file changed between parent and child: stacked, not skipped"

done_testing
