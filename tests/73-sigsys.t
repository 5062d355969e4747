#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 7 item 9: a program that handles, ignores or blocks SIGSYS does not
# survive a kill action, with or without explain. (explain compiles kills as
# traps, which a handler could catch: its guard filter skips the program's
# rt_sigaction(SIGSYS) and answers 0, so the shim's handler stays; a blocked
# SIGSYS is forced to its default.) tests/86 checks that the pretended
# success keeps programs that reset their signals (libuv) working.
. "$(dirname "$0")/lib.sh"

for how in handler ignore block; do
    run "$PROGS/sigsys_handler" "$how"
    like "$OUT" "survived uname" "control: $how, unsandboxed, uname returns"
done
# The control that matters: a trap action is catchable, so a handler survives it.
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nuname = trap' "$PROGS/sigsys_handler" handler
like "$OUT" "own handler caught SIGSYS" "control: under a trap action the program's handler catches it"
like "$OUT" "survived uname" "control: ... and the program survives a trap"

KILL=$'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process'
EXPLAIN=$'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill_process'
for how in handler ignore block; do
    shim_ini "$KILL" "$PROGS/sigsys_handler" "$how"
    is "$STATUS" 159 "kill_process, $how SIGSYS: dies by SIGSYS"
    unlike "$OUT" "survived|caught" "kill_process, $how SIGSYS: nothing ran after uname"

    shim_ini "$EXPLAIN" "$PROGS/sigsys_handler" "$how"
    is "$STATUS" 159 "explain, $how SIGSYS: dies by SIGSYS"
    unlike "$OUT" "survived|caught" "explain, $how SIGSYS: nothing ran after uname"
done
shim_ini "$EXPLAIN" "$PROGS/sigsys_handler" handler
is "$OUT" "handler: done" "explain: the program's sigaction(SIGSYS) pretends success (no error)..."
unlike "$OUT" "own handler caught" "explain: ... but the program's handler was not installed"
like "$ERR" "^seccomp-shim: policy kills syscall uname\\(.*\\) \\[number 63\\]" "explain: the kill is reported"
shim_ini "$EXPLAIN" "$PROGS/sigsys_handler" ignore
like "$OUT" "ignore: done" "explain: signal(SIGSYS, SIG_IGN) pretends success, SIGSYS is not ignored"
like "$ERR" "policy kills syscall uname" "explain, ignore attempt: the kill is reported"
shim_ini "$EXPLAIN" "$PROGS/sigsys_handler" block
like "$OUT" "block: done" "explain: blocking SIGSYS cannot be refused (seccomp cannot read the mask)"
is "$ERR" "" "explain, blocked SIGSYS: no report (documented), but the kernel still kills"

# The guard is the shim's: its own re-arm in an exec'd child passes it.
shim_ini "$EXPLAIN" sh -c "$PROGS/sigsys_handler handler"
like "$ERR" "policy kills syscall uname" "explain in an exec'd child: handler re-armed, kill reported"
is "$STATUS" 159 "explain in an exec'd child: dies by SIGSYS"

# Asking for the current handler (act == NULL) is still allowed.
shim_ini "$EXPLAIN" "$PY" -c 'import signal; print(signal.getsignal(signal.SIGSYS))'
is "$STATUS/$OUT" "0/None" "explain: querying the SIGSYS disposition still works"
# A SIGSYS sent by kill(2) is not a seccomp trap: default action, no report.
shim_ini "$EXPLAIN" "$PY" -c 'import os, signal; os.kill(os.getpid(), signal.SIGSYS); print("survived")'
is "$STATUS/$OUT/$ERR" "159//" "explain: kill -SYS still ends the program as by default"

# Limits of explain (SECURITY.md): a trap is a signal, so the program can
# survive one where kill_process cannot.
# 1. uname with the stack pointer on an unmapped page: the kernel cannot push
#    the SIGSYS frame and raises SIGSEGV, which a handler on an alternate
#    stack catches. The trapped uname never runs (nor would a second one:
#    each is caught the same way).
run "$PROGS/sigsys_altstack"
like "$OUT" "uname returned 0: Linux" "control: unsandboxed, uname with a bad stack pointer works"
shim_ini "$KILL" "$PROGS/sigsys_altstack"
is "$STATUS/$OUT" "159/" "kill_process: a bad stack pointer does not help, dies by SIGSYS"
shim_ini "$EXPLAIN" "$PROGS/sigsys_altstack"
is "$STATUS" 0 "limit: under explain, a SIGSEGV handler on an alternate stack survives the kill"
is "$OUT" 'survived uname: SIGSEGV caught, uts.sysname is ""' "limit: ... but uname did not run"
# 3. The knock is public: a program that passes it installs its own handler.
shim_ini "$KILL" "$PROGS/sigsys_knock"
is "$STATUS" 159 "kill_process: a program passing explain's knock still dies by SIGSYS"
shim_ini "$EXPLAIN" "$PROGS/sigsys_knock"
is "$STATUS" 0 "limit: under explain, a program passing the (public) knock survives the kill"
has_line "$OUT" 'survived uname: -1, sysname ""' "limit: ... but uname did not run"
# 2. A ptrace parent decides whether a signal is delivered: it can discard SIGSYS.
run "$PROGS/ptrace_swallow" "$PROGS/uname"
if [ "$OUT" = Linux ]; then
    shim_ini "$KILL" "$PROGS/ptrace_swallow" "$PROGS/uname"
    is "$STATUS/$OUT" "159/" "kill_process: a tracer cannot save the program"
    shim_ini "$EXPLAIN" "$PROGS/ptrace_swallow" "$PROGS/uname"
    like "$ERR" "discarded SIGSYS" "limit: under explain, a tracer discards the SIGSYS"
    unlike "$ERR" "policy kills" "limit: ... so the shim's handler never reports"
    is "$STATUS" 1 "limit: ... and the program lives on; uname did not run (its call failed)"
else
    echo "# skipped: ptrace is not allowed here ($ERR)"
fi

done_testing
