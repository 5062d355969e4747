#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 7 items 1-2: foreign syscall ABIs never get through, also under
# `default = allow`. Without the shim each attack works (the controls), so the
# kills below are the filter's doing.
. "$(dirname "$0")/lib.sh"

DENY=$'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process'

if ia32_works; then
for call in getpid uname; do
    run "$PROGS/int80" "$call"
    like "$OUT" "i386 $call returned [0-9]+: survived" "control: int \$0x80 $call works unsandboxed"

    shim_ini "$DENY" "$PROGS/int80" "$call"
    is "$STATUS" 159 "deny-list (default allow): i386 $call via int \$0x80 is killed by SIGSYS"
    is "$OUT" "start" "deny-list: nothing after the i386 $call"

    printf 'x\n' >"$TMP/line"
    { env SECCOMP_SHIM_POLICY="$ROOT/conf/allowlist.ini" LD_PRELOAD="$SHIM" "$PROGS/int80" "$call" \
        <"$TMP/line" >"$TMP/out" 2>&1; STATUS=$?; } 2>/dev/null
    is "$STATUS" 159 "allowlist: i386 $call via int \$0x80 is killed by SIGSYS"
    unlike "$(cat "$TMP/out")" "survived" "allowlist: nothing after the i386 $call"
done

# i386 getpid is 20 and i386 uname 122; on x86_64 20 is writev and 122 is
# setfsuid. A policy that allows those x86_64 numbers must still kill. (stdio
# asks fstat for stdout's kind: glibc 2.36 with newfstatat, 2.41 with fstat.)
shim_ini $'[policy]\ndefault = kill_process\n[syscalls]\nwritev = allow\nsetfsuid = allow\nmmap = allow\nwrite = allow\nnewfstatat = allow\nfstat = allow\nbrk = allow\ngetrandom = allow\nexit_group = allow' \
    "$PROGS/int80" getpid
is "$STATUS/$OUT" "159/start" "allowing x86_64 writev (20) does not let i386 getpid (20) through"
else
    skip "this kernel runs no i386 code (int \$0x80 faults unsandboxed)" 11
fi

for call in getpid uname; do
    run "$PROGS/x32" "$call"
    like "$OUT" "survived" "control: x32 $call returns unsandboxed (ENOSYS without x32 support)"
    shim_ini "$DENY" "$PROGS/x32" "$call"
    is "$STATUS/$OUT" "159/start" "deny-list (default allow): x32 $call (nr | 0x40000000) is killed"
done
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/x32" getpid
is "$STATUS" 159 "conf/deny-uname.ini: x32 getpid is killed"

# explain turns policy kills into reported traps, never the bad-ABI kill.
if ia32_works; then
    shim_ini $'[policy]\ndefault = allow\nexplain = yes' "$PROGS/int80" getpid
    is "$STATUS/$OUT" "159/start" "explain = yes: i386 call still killed by SIGSYS"
else
    skip "this kernel runs no i386 code"
fi

done_testing
