#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 14: explain = all reports errno refusals too, and the program sees
# the same answers as without explain (errno actions are compiled as traps
# carrying the errno; the handler reports and returns -errno).
. "$(dirname "$0")/lib.sh"

BASE=$'[policy]\ndefault = allow\nexplain = EXPLAIN\n[syscalls]\nuname = errno(EPERM)\nmkdir = kill_process'
PROG='
import os
for i in range(3):
    try:
        os.uname()
    except OSError as e:
        print("uname", e.errno)
try:
    os.rmdir("/nonexistent/x")
except OSError as e:
    print("rmdir", e.errno)
print("before mkdir", flush=True)
os.mkdir("'$TMP'/d")
print("survived")'

shim_ini "${BASE/EXPLAIN/no}" "$PY" -c "$PROG"
want_out=$OUT
is "$STATUS" 159 "control: without explain, mkdir kills"
is "$want_out" $'uname 1\nuname 1\nuname 1\nrmdir 2\nbefore mkdir' "control: uname fails with EPERM three times"

shim_ini "${BASE/EXPLAIN/all}" "$PY" -c "$PROG"
is "$STATUS/$OUT" "159/$want_out" "explain = all: the program sees the same answers and dies the same way"
is "$(printf '%s\n' "$ERR" | grep -c 'policy refuses syscall uname(.*) \[number 63\] with errno 1$')" 3 \
    "explain = all: each errno refusal is reported (3 unames)"
has_line "$ERR" "seccomp-shim:   decided by <inline>:5: \`uname = errno\\(EPERM\\)\`" "the errno rule is named"
like "$ERR" "policy kills syscall mkdir\\(\"$TMP/d\"" "explain = all: the kill after them is reported too"
unlike "$ERR" "rmdir" "a call the policy allows is not reported (rmdir failed on its own)"

shim_ini "${BASE/EXPLAIN/yes}" "$PY" -c "$PROG"
is "$STATUS/$OUT" "159/$want_out" "explain = yes: the same answers"
unlike "$ERR" "refuses" "explain = yes: errno refusals are not reported"

# The default action refuses: the report says so.
shim_ini $'[policy]\ndefault = errno(EACCES)\nexplain = all\n[syscalls]\n@default = allow\n@basic-io = allow\n@file-system = allow\n@process = allow\n@signal = allow\nbrk = allow\nmmap = allow\nmprotect = allow\nmunmap = allow\nrseq = allow\nprlimit64 = allow\ngetrandom = allow\nset_robust_list = allow' "$PY" -c 'import os
try:
    os.uname()
except OSError as e:
    print("uname", e.errno)'
is "$STATUS/$OUT" "0/uname 13" "default = errno(EACCES): the program sees EACCES"
has_line "$ERR" 'seccomp-shim:   decided by the default action \(<inline>:2: `default = errno\(EACCES\)`\)' "... and the report says the default decided"
has_line "$ERR" "seccomp-shim:   to allow it, add to \[syscalls\]: uname = allow" "... and gives the line to add"

# A compiled policy keeps it (the errno travels in the program's traps).
printf '%s\n' "${BASE/EXPLAIN/all}" >"$TMP/all.ini"
run "$CLI" compile -o "$TMP/all.compiled" "$TMP/all.ini"
run "$CLI" run -q -p "$TMP/all.compiled" -- "$PY" -c "$PROG"
is "$STATUS/$OUT" "159/$want_out" "compiled explain = all: the same answers"
like "$ERR" "policy refuses syscall uname" "compiled explain = all: errno refusals reported"
# seccomp-shim test runs the real program: the trap says what it carries.
run "$CLI" test "$TMP/all.ini" 'uname()'
like "$OUT" "uname\(0, 0, 0, 0, 0, 0\): trap carrying errno\(1\) \(explain = all\)" "test: a trap carrying the errno"

# The handler needs write and rt_sigreturn: a policy refusing them is an error.
run "$CLI" run -q -i $'[policy]\ndefault = allow\nexplain = all\n[syscalls]\nwrite = errno(EPERM) if arg0 == 2' -- true
like "$ERR" "explain = all needs write allowed whatever its arguments" "explain = all with write restricted: refused"
is "$STATUS" 125 "... as a policy error"
run "$CLI" run -q -i $'[policy]\ndefault = allow\nexplain = maybe\n[syscalls]\n' -- true
like "$ERR" "explain must be yes, no or all, not \`maybe\`" "explain takes yes, no or all"
is "$STATUS" 125 "... anything else is a policy error"

done_testing
