#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The lint is off the shim's start-up path: it runs (with its did-you-mean
# searches) only when SECCOMP_SHIM_WARNINGS asks for its warnings, and then
# prints what `seccomp-shim check` prints. Hardening runs always: it changes
# the filter.
. "$(dirname "$0")/lib.sh"

STARTUP=$PROGS/unit/startup

W=$(policy $'[policy]\ndefault = allow\n[syscalls]\nchown32 = kill\nuname = kill if arg0 < 5\nsocket = errno(EPERM) if arg0 == 2\nsocket = kill if arg1 == 1')
for f in "$W" "$ROOT/conf/docker-default.ini" "$ROOT/conf/allowlist.ini"; do
    name=$(basename "$f")
    run "$CLI" check "$f"
    checked=$(printf '%s\n' "$ERR" | grep ': warning: ')
    shim_file "$f" true
    is "$STATUS/$ERR" "0/" "$name: the shim prints no warning without SECCOMP_SHIM_WARNINGS"
    run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$f" LD_PRELOAD="$SHIM" true
    is "$ERR" "$checked" "$name: with SECCOMP_SHIM_WARNINGS, the warnings check prints"
    run "$STARTUP" start "$f"
    start=$OUT
    run "$STARTUP" lint "$f"
    is "$start" "$OUT" "$name: the same identity and filter with and without the lint"
done
run "$CLI" check "$W"
like "$ERR" "chown32 is not an x86_64 syscall.*did you mean chown\?" "check: the did-you-mean suggestion"
like "$ERR" "arg0 < 0x5. can be escaped" "check: hardening's warning"

# Hardening without the lint: uname(0x100000000) is uname(0) to the kernel,
# and the rule refusing arg0 == 0 must catch it (the filter compares 32 bits).
H=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM) if arg0 == 0')
shim_file "$H" "$PROGS/uname"
is "$STATUS/$ERR" "0/" "hardening without the lint: the policy loads, uname(buf) runs"
run env SECCOMP_SHIM_POLICY="$H" LD_PRELOAD="$SHIM" /usr/bin/python3 -c '
import ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
r = libc.syscall(63, ctypes.c_ulong(0x100000000))
print("refused" if r == -1 and ctypes.get_errno() == errno.EPERM else "ran")'
is "$OUT" "refused" "hardening without the lint: uname(0x100000000) is refused like uname(0)"

done_testing
