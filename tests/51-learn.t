#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn: the program behaves as without learning, and then runs under the
# learned policy with the same output and status (shim mode with the shim,
# --direct mode with a launcher that installs the policy before exec).
. "$(dirname "$0")/lib.sh"

# learn_and_run NAME CMD...: learns CMD in shim mode and in --direct mode;
# checks that learning changed nothing and that CMD then gives the same
# output and status under each learned policy. Sets WANT_OUT, WANT_STATUS.
learn_and_run() {
    local name=$1
    shift
    run "$@"
    WANT_OUT=$OUT WANT_STATUS=$STATUS

    run "$CLI" learn -o "$TMP/$name.ini" -- "$@"
    is "$STATUS" "$WANT_STATUS" "$name: learn ends with CMD's status"
    is "$OUT" "$WANT_OUT" "$name: same output while learning"
    run "$CLI" check "$TMP/$name.ini"
    is "$STATUS.$ERR" "0." "$name: learned policy is valid"
    shim_file "$TMP/$name.ini" "$@"
    is "$STATUS" "$WANT_STATUS" "$name: same status under the learned policy"
    is "$OUT" "$WANT_OUT" "$name: same output under the learned policy"

    run "$CLI" learn --direct -o "$TMP/$name-direct.ini" -- "$@"
    is "$STATUS.$OUT" "$WANT_STATUS.$WANT_OUT" "$name: learn --direct changes nothing"
    shim_file "$TMP/$name-direct.ini" "$PROGS/shim-exec" "$@"
    is "$STATUS" "$WANT_STATUS" "$name: same status under the --direct policy"
    is "$OUT" "$WANT_OUT" "$name: same output under the --direct policy"
}

learn_and_run python "$PY" -c 'print("hello from python")'
is "$WANT_OUT" "hello from python" "python: printed"
has_line "$(cat "$TMP/python.ini")" '\[policy\]' "policy: [policy] section"
has_line "$(cat "$TMP/python.ini")" 'default = kill_process' "policy: default kill_process"
has_line "$(cat "$TMP/python.ini")" 'write = allow ; seen [0-9]+ times?' "policy: allow lines with counts"
header=$(sed -n '/^; on /q; p' "$TMP/python.ini" | sed 's/^;  //; s/ \\$//' | tr '\n' ' ')
is "$header" "; Written by: seccomp-shim learn -o $TMP/python.ini -- $PY -c 'print(\"hello from python\")' " \
    "policy: header names the command, quoted"
has_line "$(cat "$TMP/python.ini")" '; on [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} [-+][0-9]{4}\.' "policy: header has the date"
names=$(sed -n '/^\[syscalls\]/,$p' "$TMP/python.ini" | grep -E '; seen ' | grep -oE '^[a-z0-9_]+')
is "$names" "$(printf '%s\n' "$names" | sort)" "policy: sorted"
is "$(printf '%s\n' "$names" | sort | uniq -d)" "" "policy: one line per syscall"

# Shim mode starts where the shim installs its policy: the loader's calls
# (arch_prctl, mprotect of relocations) are not in it, and the policy is
# too small for --direct; the --direct policy has them. (What python's binary
# can call is in both, saying so: the loader's own calls are not.)
no_line "$(cat "$TMP/python.ini")" '(execve|arch_prctl) = .*; seen .*' "shim mode: loader and exec not recorded"
has_line "$(cat "$TMP/python-direct.ini")" 'execve = allow ; seen 1 time' "--direct: the exec of CMD recorded"
has_line "$(cat "$TMP/python-direct.ini")" 'arch_prctl = allow ; .*' "--direct: the loader's calls recorded"
# (--exact: generalization adds calls the loader makes too, arch_prctl and
# mprotect, for the programs a program runs.)
run "$CLI" learn --exact -o "$TMP/python-shim-exact.ini" -- "$PY" -c 'print("hello from python")'
shim_file "$TMP/python-shim-exact.ini" "$PROGS/shim-exec" "$PY" -c 'print("hello from python")'
is "$STATUS" 159 "a shim-mode policy is too small for --direct (SIGSYS)"
# A learned policy is an allow-list: something the program never did is
# killed (--no-scan: python's binary can make mkdir, 57-scan.t has the union).
run "$CLI" learn --no-scan -o "$TMP/python-run.ini" -- "$PY" -c 'print("hello from python")'
shim_file "$TMP/python-run.ini" "$PY" -c "import os; os.mkdir('$TMP/d')"
is "$STATUS" 159 "learned policy kills a syscall the program did not make (mkdir)"
# uname is not in the run, but a generalized policy allows it (facts about
# the machine, data/learn-generalize.def); the --exact one kills it.
has_line "$(cat "$TMP/python.ini")" 'uname = allow ; generalized: facts about the machine' \
    "generalized: uname added, and the line says why"
shim_file "$TMP/python.ini" "$PY" -c 'import os; print(os.uname().sysname)'
is "$STATUS.$OUT" "0.Linux" "generalized policy: uname allowed"
run "$CLI" learn --exact -o "$TMP/python-exact.ini" -- "$PY" -c 'print("hello from python")'
is "$STATUS.$OUT" "0.hello from python" "--exact: learned"
no_line "$(cat "$TMP/python-exact.ini")" '.*generalized.*' "--exact: no generalized line"
shim_file "$TMP/python-exact.ini" "$PY" -c 'import os; print(os.uname().sysname)'
is "$STATUS" 159 "--exact policy kills a syscall the program did not make (uname)"

learn_and_run pipeline sh -c 'ls / | sort | head -n 3'
is "$(printf '%s\n' "$WANT_OUT" | wc -l)" 3 "pipeline: printed 3 lines"
has_line "$(cat "$TMP/pipeline.ini")" 'execve = allow ; seen [0-9]+ times' "pipeline: the children's execs recorded"
has_line "$(cat "$TMP/pipeline.ini")" 'pipe2? = allow ; .*' "pipeline: pipe recorded"

learn_and_run threads "$PROGS/threads"
is "$WANT_OUT" "4 threads wrote 4 lines" "threads: ran"
has_line "$(cat "$TMP/threads.ini")" 'clone = allow if arg0 & 0x7e020000 == 0 ; seen 4 times( as clone3)?, no namespace flags' \
    "threads: 4 thread creations recorded, clone without namespace flags"
has_line "$(cat "$TMP/threads.ini")" 'exit = allow ; seen 4 times' "threads: 4 thread exits recorded"

learn_and_run nonzero ls /nonexistent
is "$WANT_STATUS" 2 "nonzero: ls exits 2"

learn_and_run signal "$PY" -c 'import os, signal
print("before", flush=True)
os.kill(os.getpid(), signal.SIGUSR1)'
is "$WANT_STATUS" 138 "signal: python dies by SIGUSR1"

learn_and_run abort "$PY" -c 'import os; os.abort()'
is "$WANT_STATUS" 134 "abort: python dies by SIGABRT"

# stdin is passed through.
printf 'one\ntwo\n' >"$TMP/input"
run sh -c "'$CLI' learn -o '$TMP/cat.ini' -- sort -r <'$TMP/input'"
is "$OUT" $'two\none' "stdin reaches the program while learning"
{ env SECCOMP_SHIM_POLICY="$TMP/cat.ini" LD_PRELOAD="$SHIM" sort -r <"$TMP/input" >"$TMP/out" 2>&1; STATUS=$?; } 2>/dev/null
is "$STATUS.$(cat "$TMP/out")" $'0.two\none' "same input, same output under the learned policy"

# Without -o the policy follows the program's output on stdout.
run "$CLI" learn -- "$PY" -c 'print("first")'
is "$(printf '%s\n' "$OUT" | head -2)" $'first\n; Written by:' "no -o: program output, then the policy"
# --default
run "$CLI" learn --default 'errno(EPERM)' -- true
has_line "$OUT" 'default = errno\(1\)' "--default errno(EPERM)"

# Processes that outlive CMD are followed until the last one exits.
run "$CLI" learn -o "$TMP/bg.ini" -- sh -c '(sleep 0.2; echo late) &'
is "$OUT" "late" "learn waits for a background descendant"
has_line "$(cat "$TMP/bg.ini")" 'clock_nanosleep = allow ; .*' "the background descendant's calls recorded"

# Signals to learn itself: SIGINT is CMD's business (like a shell), SIGTERM is
# forwarded; the policy is still written and learn dies like CMD did.
run "$CLI" learn -o "$TMP/int.ini" -- sh -c 'kill -INT $PPID; echo still here'
is "$STATUS.$OUT" "0.still here" "SIGINT to learn does not stop the learning"
run "$CLI" learn -o "$TMP/term.ini" -- sh -c 'kill -TERM $PPID; exec sleep 10'
is "$STATUS" 143 "SIGTERM to learn reaches CMD; learn dies by SIGTERM"
has_line "$(cat "$TMP/term.ini" 2>&1)" 'kill = allow ; .*' "policy written before dying"

# Errors: nothing is run, nothing is written.
run "$CLI" learn -o "$TMP/x.ini" -- no-such-command-here
is "$STATUS" 127 "command not found: 127"
like "$ERR" "no-such-command-here: command not found" "command not found: said"
run "$CLI" learn -o "$TMP/x.ini" -- /etc/passwd
is "$STATUS" 126 "not executable: 126"
[ -e "$TMP/x.ini" ]
is "$?" 1 "no policy after a failed start"
run "$CLI" learn -o "$TMP/no/such/dir/p.ini" -- sh -c 'echo ran'
is "$STATUS.$OUT" "125." "unwritable -o: exit 125 before running anything"
run "$CLI" learn
is "$STATUS" 2 "learn without a command: usage error"
run "$CLI" learn --frobnicate -- true
is "$STATUS" 2 "unknown option: usage error"

# A static program never loads the shim: shim mode cannot learn it, and says so.
run "$CLI" learn -o "$TMP/static.ini" -- /sbin/ldconfig -p
is "$STATUS" 125 "static program in shim mode: exit 125"
like "$ERR" "the shim never started" "static program: says why"
[ -e "$TMP/static.ini" ]
is "$?" 1 "static program: no policy written"
run "$CLI" learn --direct -o "$TMP/static.ini" -- /sbin/ldconfig -p
is "$STATUS" 0 "static program with --direct: learned"

# The kernel lacks user notification (here: seccomp() answers EOPNOTSUPP, as
# kernels before 5.0 do for SECCOMP_RET_USER_NOTIF): clear error, no policy.
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nseccomp = errno(EOPNOTSUPP)' \
    "$CLI" learn -o "$TMP/old.ini" -- sh -c 'echo ran'
is "$STATUS.$OUT" "125." "no user notification: exit 125, CMD not run"
like "$ERR" "lacks seccomp user notification" "no user notification: said clearly"
[ -e "$TMP/old.ini" ]
is "$?" 1 "no user notification: no policy written"

# User notification does not nest: learning a learn fails clearly.
run "$CLI" learn -o "$TMP/outer.ini" -- "$CLI" learn -o "$TMP/inner.ini" -- true
like "$ERR" "does not nest" "learn inside learn: explained"
[ -e "$TMP/inner.ini" ]
is "$?" 1 "learn inside learn: no inner policy"

# The shim's learn mode fails closed outside seccomp-shim learn.
run env SECCOMP_SHIM_LEARN=0123456789abcdef LD_PRELOAD="$SHIM" sh -c 'echo ran'
is "$STATUS.$OUT" "125." "SECCOMP_SHIM_LEARN without learn: 125, program not run"
like "$ERR" "no seccomp-shim learn watches this process" "SECCOMP_SHIM_LEARN without learn: said"
# Under a filter that is not learn's (here one that lets getpid through), the
# marker gets the real pid back, not learn's answer: still no policy, still 125.
run "$CLI" run --direct -i $'[policy]\ndefault = allow\n[syscalls]\nacct = errno(EPERM)' -- \
    env SECCOMP_SHIM_LEARN=0123456789abcdef LD_PRELOAD="$SHIM" uname -s
is "$STATUS.$OUT" "125." "SECCOMP_SHIM_LEARN under another filter: 125, program not run"
like "$ERR" "learn did not answer the marker" "SECCOMP_SHIM_LEARN under another filter: said"
# Nor does a filter that answers getpid with an error.
run "$CLI" run --direct -i $'[policy]\ndefault = allow\n[syscalls]\ngetpid = errno(EPERM)' -- \
    env SECCOMP_SHIM_LEARN=0123456789abcdef LD_PRELOAD="$SHIM" uname -s
is "$STATUS.$OUT" "125." "SECCOMP_SHIM_LEARN under a filter refusing getpid: 125"
run env SECCOMP_SHIM_LEARN=bad LD_PRELOAD="$SHIM" sh -c 'echo ran'
is "$STATUS.$OUT" "125." "malformed SECCOMP_SHIM_LEARN: 125"
run env SECCOMP_SHIM_LEARN=0123456789abcdef SECCOMP_SHIM_INI=x LD_PRELOAD="$SHIM" sh -c 'echo ran'
is "$STATUS.$OUT" "125." "SECCOMP_SHIM_LEARN with a policy: 125"

done_testing
