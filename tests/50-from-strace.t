#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# from-strace: policies from real strace output in every form it prints, and
# unreadable traces reported by line, with no policy written.
. "$(dirname "$0")/lib.sh"

# The syscall names a policy allows, one per line.
keys() { sed -n '/^\[syscalls\]/,$p' "$1" | grep -E '; seen ' | grep -oE '^[a-z0-9_]+ =' | sort -u; }

# The same program traced with each timestamp form and -y gives one policy.
strace -f -o "$TMP/plain" "$PY" -c 'print("hi")' >/dev/null
run "$CLI" from-strace -o "$TMP/plain.ini" "$TMP/plain"
is "$STATUS" 0 "from-strace: plain -f trace read"
run "$CLI" check "$TMP/plain.ini"
is "$STATUS" 0 "from-strace: the policy is valid"
has_line "$(cat "$TMP/plain.ini")" '\[policy\]' "from-strace: [policy] section"
has_line "$(cat "$TMP/plain.ini")" 'default = kill_process' "from-strace: default kill_process"
like "$(cat "$TMP/plain.ini")" 'execve = allow ; seen 1 time' "from-strace: counts calls"
like "$(head -3 "$TMP/plain.ini")" "seccomp-shim from-strace -o $TMP/plain.ini $TMP/plain" \
    "from-strace: header names the command"
for v in -t -tt -ttt -r -y -yy -i -T; do
    strace -f $v -o "$TMP/trace$v" "$PY" -c 'print("hi")' >/dev/null
    run "$CLI" from-strace -o "$TMP/p$v.ini" "$TMP/trace$v"
    is "$STATUS.$ERR" "0." "from-strace: strace $v output read"
    is "$(keys "$TMP/p$v.ini")" "$(keys "$TMP/plain.ini")" "from-strace: strace $v gives the same syscalls"
done

# The sorted list is the set of names strace printed, checked independently.
expected=$(grep -oE '^[0-9]+ +[a-z0-9_]+\(' "$TMP/plain" | sed -E 's/^[0-9]+ +//; s/\($//' | sort -u)
is "$(keys "$TMP/plain.ini" | sed 's/ =$//')" "$expected" "from-strace: exactly the syscalls in the trace"
is "$(grep -E '^[a-z0-9_]+ = allow ; seen ' "$TMP/plain.ini" | sed 's/ =.*//')" "$(keys "$TMP/plain.ini" | sed 's/ =$//')" \
    "from-strace: lines are sorted"

# A multi-process trace: <unfinished ...> / <... resumed>, signals, exits.
strace -f -o "$TMP/pipe" sh -c 'ls / | sort | head -n 3' >/dev/null
like "$(cat "$TMP/pipe")" 'unfinished \.\.\.>' "pipeline trace has unfinished calls"
run "$CLI" from-strace "$TMP/pipe"
is "$STATUS" 0 "from-strace: multi-process trace read"
like "$OUT" 'pipe2 = allow' "from-strace: pipeline needs pipe2"
like "$OUT" 'wait4 = allow' "from-strace: pipeline needs wait4"
# An unfinished call is counted once, not again when it resumes.
n=$(grep -cE '^[0-9]+ +wait4\(' "$TMP/pipe")
like "$OUT" "wait4 = allow ; seen $n times?" "from-strace: resumed calls are not counted twice"

# The [pid N] form strace writes to stderr, and its "Process N attached" notes.
sed -E 's/^([0-9]+) /[pid \1] /' "$TMP/pipe" >"$TMP/pidform"
echo "strace: Process 4242 attached" >>"$TMP/pidform"
run "$CLI" from-strace "$TMP/pidform"
is "$STATUS.$ERR" "0." "from-strace: [pid N] form read"
# Several traces and standard input.
run sh -c "'$CLI' from-strace - '$TMP/plain' <'$TMP/pipe'"
is "$STATUS" 0 "from-strace: reads - (stdin) with other traces"
like "$OUT" 'pipe2 = allow' "from-strace: stdin trace included"

# Syscalls strace has no name for (syscall_0x...) are allowed by number.
# (strace 5.x, Debian 12's, prints mseal as syscall_0x1ce; strace 6.x names
# it: the line is written as the older one writes it.)
strace -f -o "$TMP/num" "$PY" -c 'import ctypes; ctypes.CDLL(None).syscall(462)' >/dev/null
like "$(cat "$TMP/num")" '(syscall_0x1ce|mseal)\(' "strace prints mseal by name or as syscall_0x1ce"
sed -i 's/\bmseal(/syscall_0x1ce(/' "$TMP/num"
run "$CLI" from-strace -o "$TMP/num.ini" "$TMP/num"
is "$STATUS" 0 "from-strace: syscall_0x line read"
# libseccomp 2.5 does not know mseal (written by number, named from
# data/syscalls-x86_64-newer.txt); 2.6 does.
has_line "$(cat "$TMP/num.ini")" '(462 = allow ; mseal \(unknown to libseccomp\), |mseal = allow ; )seen 1 time' \
    "from-strace: unnamed syscall allowed, by number where libseccomp lacks its name"
run "$CLI" check "$TMP/num.ini"
is "$STATUS" 0 "from-strace: numeric rule accepted by check"

# --default
run "$CLI" from-strace --default 'errno(EPERM)' "$TMP/plain"
has_line "$OUT" 'default = errno\(1\)' "from-strace --default errno(EPERM)"
run "$CLI" from-strace --default frobnicate "$TMP/plain"
is "$STATUS" 2 "from-strace: bad --default is a usage error"

# Unreadable lines: each reported as FILE:LINE, exit 1, no policy written.
{
    head -3 "$TMP/plain"
    echo '1234 frobnicate(1, 2) = 0'
    echo 'this is not strace output'
    head -6 "$TMP/plain" | tail -1
    echo '1234 openat(AT_FDCWD, "/etc/passwd", O_RDONLY'
    printf '1234 read(3, \0) = 1\n'
    echo '[ Process PID=1234 runs in 32 bit mode. ]'
} >"$TMP/bad"
run "$CLI" from-strace -o "$TMP/bad.ini" "$TMP/bad"
is "$STATUS" 1 "malformed trace: exit 1"
like "$ERR" "$TMP/bad:4: unknown syscall .frobnicate." "malformed: unknown syscall at line 4"
like "$ERR" "$TMP/bad:5: not a line of strace output" "malformed: garbage at line 5"
like "$ERR" "$TMP/bad:7: openat: call without a result" "malformed: cut-short call at line 7"
like "$ERR" "$TMP/bad:8: NUL byte" "malformed: NUL byte at line 8"
like "$ERR" "$TMP/bad:9: .*32 bit mode" "malformed: i386 process at line 9"
unlike "$ERR" "$TMP/bad:(1|2|3|6):" "malformed: good lines not reported"
like "$ERR" "5 unreadable lines: no policy written" "malformed: summary"
[ -e "$TMP/bad.ini" ]
is "$?" 1 "malformed: no policy file written"
is "$(ls -A "$TMP" | grep -c seccomp-shim-policy)" 0 "malformed: no temporary file left"

: >"$TMP/empty"
run "$CLI" from-strace "$TMP/empty"
is "$STATUS" 1 "empty trace: exit 1"
like "$ERR" "no syscalls found" "empty trace: says so"
run "$CLI" from-strace "$TMP/missing"
is "$STATUS" 1 "missing trace: exit 1"
like "$ERR" "$TMP/missing: No such file" "missing trace: named"
run "$CLI" from-strace
is "$STATUS" 2 "no trace: usage error"

done_testing
