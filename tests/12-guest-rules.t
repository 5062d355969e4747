#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shim is a guest in someone else's process: it exports nothing, makes no
# syscall after its filter is live, frees what it allocated, leaves stdio alone.
. "$(dirname "$0")/lib.sh"

exports=$(nm -D --defined-only "$SHIM" | awk 'NF == 3 { print $3 }')
is "$exports" "" "the shim exports no symbol"
like "$(nm -D "$SHIM" | awk '$1 == "U" { print $2 }' | head -50)" "getenv" \
    "(nm sees the shim's imports, so the empty export list is real)"

# main makes a raw write and exit_group(7). With only those two allowed, any
# syscall by the shim after installing (or by glibc before main) would kill.
ONLY=$'[policy]\ndefault = kill_process\n[syscalls]\nwrite = allow\nexit_group = allow'
shim_ini "$ONLY" "$PROGS/raw_write_exit"
is "$STATUS/$OUT" "7/raw write ok" "only write and exit_group allowed: main runs, exits 7"
is "$ERR" "" "only write and exit_group allowed: nothing on stderr"
shim_ini "${ONLY/write = allow/read = allow}" "$PROGS/raw_write_exit"
is "$STATUS" 159 "(without write the same program dies: the policy is really in force)"

# With explain the shim also stacks its guard; still no syscall after it.
shim_ini "${ONLY/\[syscalls\]/explain = yes
[syscalls]}" "$PROGS/raw_write_exit"
is "$STATUS/$OUT" "7/raw write ok" "explain: still no syscall between the filter and main"

# stdio: no stream was used before main (glibc allocates a buffer at first use).
run "$PROGS/stdio_state"
is "$OUT" "stdin untouched, stdout untouched, stderr untouched" "stdio state unsandboxed"
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/stdio_state"
is "$OUT" "stdin untouched, stdout untouched, stderr untouched" "the shim used no stdio stream"
shim_ini $'[policy]\ndefault = allow\nexplain = yes\nlog = yes' "$PROGS/stdio_state"
is "$OUT" "stdin untouched, stdout untouched, stderr untouched" "nor with explain and log"
# Line buffering of stdout on a terminal-less pipe stays the program's: its
# output order with stderr is the same with and without the shim.
cmp_py='import sys; print("out1"); print("err", file=sys.stderr); print("out2")'
plain=$("$PY" -c "$cmp_py" 2>&1 | tr '\n' ' ')
sandboxed=$(SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" "$PY" -c "$cmp_py" 2>&1 | tr '\n' ' ')
is "$sandboxed" "$plain" "stdout buffering unchanged (same interleaving as unsandboxed)"

# Memory: nothing the shim, libseccomp or inih allocated is live after the
# constructor (heapcheck interposes malloc and reports at exit).
HEAP=$PROGS/libheapcheck.so
run env SECCOMP_SHIM_POLICY="$ROOT/conf/allowlist.ini" LD_PRELOAD="$HEAP $SHIM" "$PROGS/stdio_state"
like "$ERR" "^heapcheck: 0 of [1-9][0-9]* blocks" "allowlist.ini: the shim freed every block it allocated"
run env SECCOMP_SHIM_INI=$'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill\nsocket = errno(EACCES) if arg0 == 2' \
    LD_PRELOAD="$HEAP $SHIM" "$PROGS/stdio_state"
like "$ERR" "^heapcheck: 0 of [1-9][0-9]* blocks" "explain, conditions: every block freed"

# A precompiled start makes no malloc before main: the policy is read into
# static storage and the marker goes into a static copy of environ, so
# malloc's first call (getrandom, brk, fresh heap pages) is not part of every
# sandboxed start.
"$CLI" compile -o "$TMP/du.compiled" "$ROOT/conf/deny-uname.ini"
run strace -e trace=openat,brk,getrandom -o "$TMP/trace" env -i SECCOMP_SHIM_POLICY="$TMP/du.compiled" \
    LD_PRELOAD="$SHIM" /bin/true
after=$(sed -n '/du\.compiled/,$p' "$TMP/trace")
like "$after" "openat\(.*du\.compiled" "(strace saw /bin/true's shim open the policy)"
unlike "$after" "brk|getrandom" "a precompiled start: no malloc (no brk, no getrandom) before main"
# The same for an INI file with its compiled sibling (read after the INI).
mkdir "$TMP/sib" && cp "$ROOT/conf/docker-default.ini" "$TMP/sib/d.ini"
"$CLI" compile "$TMP/sib/d.ini" >/dev/null 2>&1
run strace -e trace=openat,brk,getrandom -o "$TMP/trace" env -i SECCOMP_SHIM_POLICY="$TMP/sib/d.ini" \
    LD_PRELOAD="$SHIM" /bin/true
after=$(sed -n '/d\.ini/,$p' "$TMP/trace")
like "$after" "openat\(.*d\.compiled" "(strace saw the shim open the compiled sibling)"
unlike "$after" "brk|getrandom" "an INI with its compiled sibling: no malloc before main either"

# The static environ is an ordinary one to the program: a stale marker is
# replaced (not repeated), variables set and unset afterwards reach children,
# and past what the static copy holds the marker still gets there (setenv).
run env SECCOMP_SHIM_ACTIVE=0123:1 HOME=/nonexistent SECCOMP_SHIM_POLICY="$TMP/du.compiled" \
    LD_PRELOAD="$SHIM" /bin/sh -c 'export ADDED=1; unset HOME; exec /usr/bin/env'
is "$(grep -c '^SECCOMP_SHIM_ACTIVE=' <<<"$OUT")" 1 "a stale marker is replaced by the new one, not repeated"
has_line "$OUT" 'SECCOMP_SHIM_ACTIVE=[0-9a-f]{32}:1' "... which is the marker of this start"
has_line "$OUT" "ADDED=1" "a variable the program sets after the shim reaches its child"
no_line "$OUT" "HOME=.*" "a variable the program unsets after the shim is gone in its child"
many=$(seq -f 'MANY%g=x' 600)
# shellcheck disable=SC2086 # one word per variable
run env $many SECCOMP_SHIM_POLICY="$TMP/du.compiled" LD_PRELOAD="$SHIM" \
    /bin/sh -c 'grep Seccomp_filters /proc/self/status; /usr/bin/env | grep -c "^MANY"'
is "$OUT" $'Seccomp_filters:\t1\n600' "600 variables: the marker still reaches the child, which inherits"
run env SECCOMP_SHIM_POLICY="$TMP/du.compiled" LD_PRELOAD="$SHIM" \
    /bin/sh -c 'grep Seccomp_filters /proc/self/status'
is "$OUT" $'Seccomp_filters:\t1' "the same with few variables (control)"
# A doubled marker in the environment (review): dash exports the last copy,
# so the shim leaves one, its own; the child then inherits, adding no filter.
for many in "" "$(seq -f 'MANY%g=x' 600)"; do
    # shellcheck disable=SC2086 # one word per variable
    run "$PROGS/exec_env" $many SECCOMP_SHIM_ACTIVE=0123:1 SECCOMP_SHIM_ACTIVE=4567:1 \
        SECCOMP_SHIM_POLICY="$TMP/du.compiled" LD_PRELOAD="$SHIM" PATH=/usr/bin:/bin -- \
        /bin/sh -c 'grep Seccomp_filters /proc/self/status'
    is "$OUT" $'Seccomp_filters:\t1' "two stale markers${many:+, 600 variables (setenv)}: one filter in the child"
done

# valgrind does not implement seccomp(2): under memcheck the shim must fail
# closed at libseccomp's first probe, having freed what it parsed, and say why. (The tool
# is started directly: valgrind's launcher is dynamic and would get the shim.)
VG=/usr/libexec/valgrind/memcheck-amd64-linux
if [ -x "$VG" ] && [ -x /usr/bin/valgrind.bin ]; then
    run env VALGRIND_LAUNCHER=/usr/bin/valgrind.bin VALGRIND_LIB=/usr/libexec/valgrind \
        SECCOMP_SHIM_POLICY="$ROOT/conf/allowlist.ini" LD_PRELOAD="$SHIM" \
        "$VG" --leak-check=full --show-leak-kinds=all "$PROGS/stdio_state"
    is "$STATUS" 125 "valgrind (no seccomp): the shim fails closed with 125"
    like "$ERR" "seccomp-shim: no seccomp support here .*valgrind" "valgrind: says there is no seccomp support"
    like "$ERR" "in use at exit: 0 bytes in 0 blocks" "valgrind: nothing in use at exit"
    like "$ERR" "total heap usage: ([1-9][0-9]*) allocs, \1 frees" "valgrind: as many frees as allocs"
    unlike "$OUT" "untouched" "valgrind: the program never ran"
else
    echo "# valgrind memcheck not found: skipped"
fi

done_testing
