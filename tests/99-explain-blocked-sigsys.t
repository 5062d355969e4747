#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 19: explain never loses a kill. explain compiles kills as traps and
# its SIGSYS handler reports them; a program that blocks SIGSYS (liblzma
# around thread creation, posix_spawn children, or on purpose) gets no
# handler: the kernel forces the default action and kills it by SIGSYS, and
# a trap leaves no kernel record. `run --explain` sees its program die so and
# says that a kill happened, and why there is no report.
. "$(dirname "$0")/lib.sh"

P=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process')

# Control: with SIGSYS free, the handler reports and run adds nothing.
run "$CLI" run -q --explain -p "$P" -- "$PROGS/sigsys_handler" handler
is "$STATUS" 159 "control: the killed uname dies by SIGSYS"
like "$ERR" "seccomp-shim: policy kills syscall uname\\(" "control: the handler's report"
unlike "$ERR" "no report" "control: a reported kill gets no second word"

# Blocked: the handler cannot run; run says what happened.
run "$CLI" run -q --explain -p "$P" -- "$PROGS/sigsys_handler" block
is "$STATUS" 159 "blocked SIGSYS: still killed by SIGSYS"
unlike "$ERR" "policy kills syscall" "blocked SIGSYS: the handler did not run"
has_line "$ERR" "seccomp-shim: $PROGS/sigsys_handler \\(pid [0-9]+\\) was killed by SIGSYS with no report: .*SIGSYS blocked.*" \
    "blocked SIGSYS: run reports the kill and why the handler said nothing"
like "$ERR" "run --complain" "... and how to find the call"

# A program that dies by SIGSYS on its own (raise) under explain: the same
# word (run cannot tell it from a kill), never silence.
run "$CLI" run -q --explain -p "$P" -- sh -c 'kill -SYS $$'
is "$STATUS" 159 "a shell that kills itself by SIGSYS: its status"
done_testing
