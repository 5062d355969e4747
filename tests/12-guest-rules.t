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
