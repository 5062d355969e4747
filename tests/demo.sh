#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# make demo: the classic seccomp experiments, run under the shim. Each result
# is checked first and explained only when it is the expected one; the demo
# exits 1 when one is not. Needs `make all` and the test programs built.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHIM=$ROOT/build/libseccomp-shim.so
PROGS=$ROOT/build/tests
TMP=$(mktemp -d)
# Outside both trees conf/write-here.ini lets a program write ($PWD and /tmp),
# wherever the checkout is.
ELSEWHERE=$(mktemp -d -p /var/tmp seccomp-shim-demo.XXXXXX) || exit 1
trap 'rm -rf "$TMP" "$ELSEWHERE"' EXIT
ulimit -c 0
unset SECCOMP_SHIM_POLICY SECCOMP_SHIM_INI SECCOMP_SHIM_ACTIVE LD_PRELOAD
FAILED=0

# quote ARG...: the arguments as a shell would need them typed.
quote() {
    sep=
    for a in "$@"; do
        case $a in
        *[!A-Za-z0-9_./=:@%+-]* | '') a="'$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
        esac
        printf '%s%s' "$sep" "$a"
        sep=' '
    done
}

# run POLICY-FILE CMD...: shows the command, runs it under the shim (output
# indented) and sets STATUS.
run() {
    policy=$1
    shift
    echo "  \$ SECCOMP_SHIM_POLICY=conf/$(basename "$policy") LD_PRELOAD=build/libseccomp-shim.so $(quote "$@" | sed "s|$PROGS/|build/tests/|g")"
    env SECCOMP_SHIM_POLICY="$policy" LD_PRELOAD="$SHIM" "$@" <"$TMP/input" >"$TMP/out" 2>&1
    STATUS=$?
    # dash writes its own "Killed"/"Bad system call" notice into the same file.
    grep -vxE 'Killed|Bad system call' "$TMP/out" | sed 's/^/  | /'
    says
}

# says: the status in words.
says() {
    if [ "$STATUS" -gt 128 ]; then
        sig=$((STATUS - 128))
        case $sig in
        31) name="SIGSYS (\"bad system call\"): the seccomp filter killed it" ;;
        9) name="SIGKILL: strict mode killed it (strict mode always uses SIGKILL)" ;;
        *) name="signal $sig" ;;
        esac
        echo "  => died by $name; the shell shows status $STATUS (128 + $sig)."
    else
        echo "  => exited normally with status $STATUS."
    fi
}

# expect WHAT TEST...: runs TEST; when it fails, says so (the explanation that
# follows is skipped) and marks the demo failed.
expect() {
    what=$1
    shift
    "$@" && return 0
    echo "  !! Unexpected: $what. The explanation does not apply here."
    FAILED=1
    return 1
}
status_is() { [ "$STATUS" = "$1" ]; }

echo "hello seccomp" >"$TMP/input"

cat <<'T'

== 1. Deny one syscall: conf/deny-uname.ini =====================================
The policy allows everything (default = allow) except uname(2), which it kills.
The program below prints the system name, which it gets from uname(2).
T
run "$ROOT/conf/deny-uname.ini" "$PROGS/uname"
expect "it should have died by SIGSYS (159)" status_is 159 && {
    echo "  Why: the filter was installed before main; the first uname(2) call never"
    echo "  reached the kernel's uname code: the filter answered kill_process instead."
}

cat <<'T'

== 2. Strict mode: conf/strict.ini ==============================================
SECCOMP_MODE_STRICT (2005) allows read, write, _exit and sigreturn, nothing else.
The program opens a file for writing, then writes to it.
T
rm -f "$TMP/written"
run "$ROOT/conf/strict.ini" "$PROGS/file_writer" "$TMP/written"
expect "it should have died by SIGKILL (137) before creating the file" \
    eval 'status_is 137 && [ ! -e "$TMP/written" ]' && {
    echo "  The file was never created."
    echo "  Why: open(2) is not one of strict mode's four syscalls. Even a program that"
    echo "  only writes to stdout dies at exit: glibc's exit() calls exit_group, not _exit."
}
run "$ROOT/conf/strict.ini" "$PROGS/raw_write_exit"
expect "its write should have got out, then SIGKILL (137)" status_is 137 &&
    echo "  Its raw write(2) got out; exit_group(2) did not."

cat <<'T'

== 3. An allowlist that works with today's glibc: conf/allowlist.ini =============
Only read, write, fstat-style newfstatat, brk, getrandom, exit and exit_group
(and rt_sigreturn) are allowed; any other syscall kills. The program reads a
line, printf()s it and exits.
T
run "$ROOT/conf/allowlist.ini" "$PROGS/allowlist"
expect "it should have exited with status 0" status_is 0 && {
    echo "  Why it works: those are exactly the syscalls glibc makes for fgets, printf"
    echo "  and exit (printf's first call is newfstatat(1, \"\", AT_EMPTY_PATH), not fstat)."
}
echo "  Now the same program also tries to open a file after printing:"
run "$ROOT/conf/allowlist.ini" "$PROGS/allowlist" open
expect "it should have died by SIGSYS (159)" status_is 159 &&
    echo "  Why: openat(2) is not on the list, so the default action (kill_process) applied."

cat <<'T'

== 3b. The gentle strict mode: conf/stdio-only.ini ===============================
A filter allowing read, write, exit, exit_group and rt_sigreturn: strict mode's
spirit, but a program may exit normally.
T
run "$ROOT/conf/stdio-only.ini" "$PROGS/raw_write_exit"
expect "it should have exited with its own status, 7" status_is 7 && {
    echo "  Why: the same program that strict mode killed at exit now exits with its own"
    echo "  status (7). A filter kills with SIGSYS; strict mode with SIGKILL."
}

cat <<'T'

== 4. Paths, not syscall numbers: Landlock in conf/write-here.ini ================
seccomp cannot see paths. [filesystem] can: everything may be read and run,
but files may be created only beneath the starting directory and /tmp.
T
mkdir -p "$TMP/work"
cd "$TMP/work" || exit 1
run "$ROOT/conf/write-here.ini" sh -c "echo kept > here.txt && cat here.txt"
if [ "$STATUS" = 125 ]; then
    echo "  This kernel's Landlock cannot confine what write-here.ini asks for (it needs"
    echo "  ABI 5, Linux 6.10), so the shim refused to run the program at all: it never"
    echo "  runs a program with less confinement than its policy asks for."
else
    expect "the write beneath the starting directory should have worked" \
        eval 'status_is 0 && [ -s here.txt ]'
    run "$ROOT/conf/write-here.ini" sh -c "echo lost > $ELSEWHERE/x.txt"
    expect "the write to $ELSEWHERE (outside both trees) should have been refused" \
        eval '! status_is 0 && [ ! -e "$ELSEWHERE/x.txt" ]' && {
        echo "  The file was not created."
        echo "  Why: Landlock refused the open(O_CREAT) outside the granted trees with EACCES;"
        echo "  the same shell wrote beneath its working directory. Children inherit it."
    }
fi
cd "$ROOT" || exit 1
echo
[ "$FAILED" = 0 ] || echo "Some results were not the expected ones (marked !! above)."
exit "$FAILED"
