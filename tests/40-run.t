#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim run: real programs under the shim, policy errors before
# anything runs, shell-like statuses, --explain, --direct.
. "$(dirname "$0")/lib.sh"

ALLOW=$'[policy]\ndefault = allow'
DENY_UNAME=$ROOT/conf/deny-uname.ini

run "$CLI" run -p "$DENY_UNAME" -- uname -a
is "$STATUS" 159 "run: uname under deny-uname dies by SIGSYS"
is "$OUT" "" "run: uname printed nothing"

run "$CLI" run -p "$DENY_UNAME" -- ls "$ROOT/conf"
is "$STATUS" 0 "run: ls runs under deny-uname"
like "$OUT" "deny-uname.ini" "run: ls lists conf/"

run "$CLI" run -i $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM)' -- uname
is "$STATUS" 1 "run -i: uname fails with errno instead of dying"
like "$ERR" "Operation not permitted" "run -i: uname reports EPERM"

run "$CLI" run -i $'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == 2' -- \
    "$PY" -c 'import socket
socket.socket(socket.AF_UNIX)
print("unix ok")
socket.socket(socket.AF_INET)'
like "$OUT" "unix ok" "run: python3 makes an AF_UNIX socket"
like "$ERR" "PermissionError" "run: python3's AF_INET socket refused"

# A #! script: sh gets the shim, and its children inherit the filter.
printf '#!/bin/sh\nuname\necho "uname status $?"\n' >"$TMP/script"
chmod +x "$TMP/script"
run "$CLI" run -p "$DENY_UNAME" -- "$TMP/script"
is "$STATUS" 0 "run: sh script runs"
is "$OUT" "uname status 159" "run: the script's uname child is killed too"

# Strict mode through the shim: glibc's exit_group is not allowed.
run "$CLI" run -p "$ROOT/conf/strict.ini" -- true
is "$STATUS" 137 "run: strict mode kills true by SIGKILL"

# The environment the program gets: shim first, then the user's preload;
# the policy by absolute path.
LIBM=$(ls /lib/x86_64-linux-gnu/libm.so.6)
cd "$ROOT" || exit 1
LD_PRELOAD=$LIBM run "$CLI" run -p conf/deny-uname.ini -- env
cd - >/dev/null || exit 1
like "$OUT" "^LD_PRELOAD=$LIBM:$SHIM\$" "run: shim last in the user's LD_PRELOAD (its constructor runs first)"
printf '%s\n' "$OUT" | grep -qx "SECCOMP_SHIM_POLICY=$ROOT/conf/deny-uname.ini"
ok $? "run: SECCOMP_SHIM_POLICY is absolute"
unlike "$OUT" "SECCOMP_SHIM_INI|SECCOMP_SHIM_EXPLAIN" "run -p: no policy text, no explain"
SECCOMP_SHIM_POLICY=/nonexistent run "$CLI" run -i "$ALLOW" -- env
unlike "$OUT" "SECCOMP_SHIM_POLICY" "run -i: a stale SECCOMP_SHIM_POLICY is removed"
like "$OUT" "SECCOMP_SHIM_INI=" "run -i: policy text passed"

# --explain
run "$CLI" run --explain -p "$DENY_UNAME" -- uname
is "$STATUS" 159 "--explain: uname still dies by SIGSYS"
like "$ERR" "policy kills syscall uname" "--explain: the kill is explained"
run "$CLI" run -p "$DENY_UNAME" -- uname
unlike "$ERR" "policy kills" "without --explain: no report"
run "$CLI" run --explain -p "$DENY_UNAME" -- "$TMP/script"
is "$OUT" "uname status 159" "--explain: the script's child dies too"
like "$ERR" "policy kills syscall uname" "--explain: reaches children of a script"
run "$CLI" run --explain -p "$ROOT/conf/strict.ini" -- true
is "$STATUS" 125 "--explain with strict mode: policy error"
like "$ERR" "strict.ini:[0-9]+: explain does not apply to strict mode" "--explain strict: says why"
run "$CLI" run --explain -i $'[policy]\ndefault = allow\n[syscalls]\nuname = trap' -- true
is "$STATUS" 125 "--explain with a trap rule: policy error"
like "$ERR" "<inline>:4: trap cannot be used with explain" "--explain trap: names the line"

# Policy errors: 125, as FILE:LINE, and the program never runs.
run "$CLI" run -i $'[policy]\ndefault = allow\n[syscalls]\nunmae = kill' -- touch "$TMP/ran"
is "$STATUS" 125 "invalid inline policy: 125"
like "$ERR" "^seccomp-shim: <inline>:4: " "invalid inline policy: <inline>:LINE:"
[ ! -e "$TMP/ran" ]
ok $? "invalid inline policy: the program did not run"
bad=$(policy $'[policy]\ndefault = allw')
run "$CLI" run -p "$bad" -- touch "$TMP/ran"
is "$STATUS" 125 "invalid policy file: 125"
like "$ERR" "^seccomp-shim: $bad:2: " "invalid policy file: FILE:LINE:"
[ ! -e "$TMP/ran" ]
ok $? "invalid policy file: the program did not run"
run "$CLI" run -p "$TMP/missing.ini" -- true
is "$STATUS" 125 "missing policy file: 125"

# Programs that cannot be run, as a shell reports them.
run "$CLI" run -i "$ALLOW" -- no-such-command-here
is "$STATUS" 127 "unknown command: 127"
like "$ERR" "no-such-command-here: command not found" "unknown command: says so"
run "$CLI" run -i "$ALLOW" -- "$TMP/nothing"
is "$STATUS" 127 "missing path: 127"
run "$CLI" run -i "$ALLOW" -- "$TMP"
is "$STATUS" 126 "directory: 126"
printf '#!/bin/sh\necho x\n' >"$TMP/noexec"
run "$CLI" run -i "$ALLOW" -- "$TMP/noexec"
is "$STATUS" 126 "not executable: 126"
mkdir "$TMP/bin" && cp "$TMP/script" "$TMP/bin/my-script"
PATH=$TMP/bin:$PATH run "$CLI" run -p "$DENY_UNAME" -- my-script
is "$OUT" "uname status 159" "CMD is found through PATH"

# --direct: the filter is installed by seccomp-shim itself before exec.
run "$CLI" run --direct -p "$DENY_UNAME" -- uname
is "$STATUS" 159 "--direct: dynamic uname dies by SIGSYS"
run "$CLI" run --direct -p "$DENY_UNAME" -- "$PROGS/static-uname"
is "$STATUS" 159 "--direct: static uname dies by SIGSYS"
is "$OUT" "" "--direct: static uname printed nothing"
run "$CLI" run --direct -i $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM)' -- \
    "$PROGS/static-uname"
is "$STATUS" 1 "--direct: static uname gets EPERM"
like "$ERR" "uname: Operation not permitted" "--direct: EPERM reported by the program"
run "$CLI" run --direct -i "$ALLOW" -- "$PROGS/static-uname"
is "$OUT" "static uname: Linux" "--direct: static program runs when allowed"
if ia32_works; then
    run "$PROGS/i386-exit"
    is "$STATUS" 7 "i386 program exits 7 on its own"
    run "$CLI" run --direct -i "$ALLOW" -- "$PROGS/i386-exit"
    is "$STATUS" 159 "--direct: an i386 program's syscalls are killed even under default = allow"
else
    skip "this kernel runs no i386 code" 2
fi
run "$CLI" run --direct --explain -i $'[policy]\ndefault = allow\n[syscalls]\nexecve = kill_process' -- true
is "$STATUS" 159 "--direct: a policy without execve kills the launch"
like "$ERR" "policy kills syscall execve" "--direct --explain: explains the launch"
run "$CLI" run --direct -p "$ROOT/conf/strict.ini" -- true
is "$STATUS" 125 "--direct with strict mode: refused as a policy error"
like "$ERR" "strict mode allows no execve" "--direct strict: says why"

done_testing
