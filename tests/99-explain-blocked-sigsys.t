#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 19: explain never loses a kill. explain compiles kills as traps and
# its SIGSYS handler reports them; a program that blocks SIGSYS (liblzma
# around thread creation, posix_spawn children, or on purpose) gets no
# handler: the kernel forces the default action and kills it by SIGSYS, and
# a trap is logged only under the log flag, which explain now sets. `run
# --explain` sees its program die so and says that a kill happened, why there
# is no report, and where the kernel's record is.
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

# explain = all traps errno rules too: with SIGSYS blocked the kernel kills
# where, without explain, the program would have got the errno. run says so,
# not that the policy kills the call (review).
E=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM)')
run "$CLI" run -q -p "$E" -- "$PROGS/sigsys_handler" block
is "$STATUS" 0 "control: uname = errno(EPERM) without explain, SIGSYS blocked: the program goes on"
run "$CLI" run -q --explain -i $'[policy]\ndefault = allow\nexplain = all\n[syscalls]\nuname = errno(EPERM)' -- "$PROGS/sigsys_handler" block
is "$STATUS" 159 "explain = all, SIGSYS blocked: the trapped errno rule kills"
like "$ERR" "no report: a call the policy kills or refuses with an errno \\(explain = all traps those too" \
    "... and run says that an errno rule may be why"

# A program that dies by SIGSYS on its own (raise) under explain: the same
# word (run cannot tell it from a kill), never silence.
run "$CLI" run -q --explain -p "$P" -- sh -c 'kill -SYS $$'
is "$STATUS" 159 "a shell that kills itself by SIGSYS: its status"
# A policy that kills write kills explain's own report (a write to stderr):
# run says that this can be why there is none.
run "$CLI" run -q --explain -i $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process\nwrite = kill_process' -- uname
is "$STATUS" 159 "a policy killing write: uname still dies by SIGSYS"
like "$ERR" "no report: .*or the report itself, a write to stderr, which this policy does not allow" \
    "... and run names the refused report as a cause"

# Without run (bare LD_PRELOAD), nobody watches the program: explain sets the
# filter's log flag, so the kernel's forced trap leaves a record. The kernel
# log is shared: records are told apart by a command name of our own and pid.
if [ -r /dev/kmsg ]; then
    NAME=ssb$$
    cp "$PROGS/sigsys_handler" "$TMP/$NAME"
    # trap_record POLICY-TEXT: runs $NAME block under it; prints the record
    trap_record() {
        local t0 pid
        t0=$(date +%s)
        SECCOMP_SHIM_INI=$1 LD_PRELOAD=$SHIM "$TMP/$NAME" block >/dev/null 2>&1 &
        pid=$!
        wait $pid
        STATUS=$?
        for _ in 1 2 3 4 5 6; do
            REC=$("$CLI" audit -p "$pid" -c "$NAME" --since "@$t0" 2>/dev/null | sed 1d)
            [ -z "$REC" ] || return 0
            sleep 1
        done
    }
    # Control: a trap without explain is not logged; the same kill, unseen.
    trap_record $'[policy]\ndefault = allow\n[syscalls]\nuname = trap'
    is "$STATUS:$REC" "159:" "control: a trap with SIGSYS blocked kills and leaves no record"
    trap_record $'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill_process'
    is "$STATUS" 159 "bare explain, SIGSYS blocked: killed by SIGSYS"
    like "$REC" "$NAME +uname \\(63\\) +trap" "... and the kernel's record of the forced trap is there"
    # run --explain says where the record is: it is there.
    run "$CLI" run -q --explain -p "$P" -- "$TMP/$NAME" block
    pid=$(printf '%s\n' "$ERR" | sed -n 's/.*(pid \([0-9]*\)) was killed by SIGSYS.*/\1/p')
    REC=
    for _ in 1 2 3 4 5 6; do
        REC=$("$CLI" audit -p "${pid:-0}" -c "$NAME" 2>/dev/null | sed 1d)
        [ -z "$REC" ] || break
        sleep 1
    done
    like "$ERR" "seccomp-shim audit -p $pid" "run --explain names the record (pid $pid)"
    like "$REC" "$NAME +uname \\(63\\) +trap" "... which audit shows"
else
    skip "the kernel log is not readable here" 5
fi
done_testing
