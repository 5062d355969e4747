#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 7 items 5 and 10: threads. A thread a library started before the shim
# ran is filtered too (TSYNC); kill_process ends every thread; strict mode,
# per-thread in the kernel, is refused when threads exist.
. "$(dirname "$0")/lib.sh"

run "$PROGS/prethread"
like "$OUT" "thread survived uname" "control: the early thread's uname works unsandboxed"
like "$OUT" "thread seccomp mode 0" "control: unsandboxed, the early thread has no filter"

shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/prethread"
like "$OUT" "main running" "the program runs under the shim"
like "$OUT" "thread seccomp mode 2" "the thread started before the shim is under the filter (TSYNC)"
is "$STATUS" 159 "its uname kills the whole process by SIGSYS"
unlike "$OUT" "survived" "neither the thread nor main survived"

shim_file "$ROOT/conf/strict.ini" "$PROGS/prethread"
is "$STATUS" 125 "strict mode with a second thread: refused with 125"
like "$ERR" "^seccomp-shim: strict mode is per-thread and this process already has 2 threads" \
    "strict mode refusal says why"
unlike "$OUT" "main running" "strict mode refused: the program never ran"

# kill_process: thread 3 calls uname; main would print "main survived".
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/threads_kill"
is "$STATUS" 159 "kill_process from a non-main thread: the process dies by SIGSYS"
unlike "$OUT" "main survived" "kill_process: main did not survive"
like "$OUT" "thread 0 alive" "(the threads were running when it happened)"
# The wait above returns only when every thread of the group is gone; prove
# the difference with kill_thread, where main does survive.
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_thread' "$PROGS/threads_kill"
like "$OUT" "main survived" "contrast: kill_thread ends only the calling thread"

done_testing
