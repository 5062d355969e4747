#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The seed's three experiments, rewritten for the preload setting, and the
# gentle strict equivalent. Each case runs the same program without the shim
# first, so a test cannot pass because the program never worked.
. "$(dirname "$0")/lib.sh"

# 1. deny uname: the uname program dies by SIGSYS before printing.
run "$PROGS/uname"
is "$STATUS/$OUT" "0/Linux" "uname program prints the system name unsandboxed"
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/uname"
is "$STATUS" 159 "deny-uname: the uname program dies by SIGSYS (128+31)"
is "$OUT" "" "deny-uname: it printed nothing"

# 2. strict mode: the file writer is killed by SIGKILL at open(), so the file
# never exists. (Strict mode kills with SIGKILL, not SIGSYS.)
run "$PROGS/file_writer" "$TMP/unsandboxed"
is "$STATUS/$(cat "$TMP/unsandboxed")" "0/written" "file writer writes its file unsandboxed"
shim_file "$ROOT/conf/strict.ini" "$PROGS/file_writer" "$TMP/strict"
is "$STATUS" 137 "strict: the file writer dies by SIGKILL (128+9)"
[ ! -e "$TMP/strict" ]
ok $? "strict: the file was never created"
is "$ERR" "" "strict: nothing reported (the kernel kills silently)"

# Under strict mode a raw write gets out, then exit_group (not _exit) kills.
shim_file "$ROOT/conf/strict.ini" "$PROGS/raw_write_exit"
is "$STATUS/$OUT" "137/raw write ok" "strict: a raw write works, exit_group is killed by SIGKILL"
shim_file "$ROOT/conf/strict.ini" /bin/true
is "$STATUS" 137 "strict: even /bin/true dies at exit (glibc exits with exit_group)"

# The gentle equivalent lets the same program exit with its own status.
shim_file "$ROOT/conf/stdio-only.ini" "$PROGS/raw_write_exit"
is "$STATUS/$OUT" "7/raw write ok" "stdio-only: raw write, then exit_group(7) is allowed"
shim_file "$ROOT/conf/stdio-only.ini" "$PROGS/file_writer" "$TMP/stdio-only"
is "$STATUS" 159 "stdio-only: the file writer dies by SIGSYS (a filter kill, not strict's SIGKILL)"
[ ! -e "$TMP/stdio-only" ]
ok $? "stdio-only: the file was never created"
shim_file "$ROOT/conf/stdio-only.ini" "$PROGS/allowlist"
is "$STATUS" 159 "stdio-only: a program using stdio dies (fgets/printf call newfstatat first)"

# 3. the allowlist: read a line, printf it, exit. Anything more: SIGSYS.
run_in() { # run_in INPUT CMD...: like run, with INPUT on stdin
    local input=$1
    shift
    { printf '%s\n' "$input" | "$@" >"$TMP/out" 2>"$TMP/err"; STATUS=$?; } 2>/dev/null
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}
A=(env SECCOMP_SHIM_POLICY="$ROOT/conf/allowlist.ini" LD_PRELOAD="$SHIM" "$PROGS/allowlist")
run_in hello "${A[@]}"
is "$STATUS/$OUT" "0/read: hello" "allowlist: reads a line, printf()s it, exits 0"
is "$ERR" "" "allowlist: nothing on stderr"
for more in open uname socket; do
    run_in hello "$PROGS/allowlist" "$more"
    like "$OUT" "survived $more" "allowlist program does $more unsandboxed"
    run_in hello "${A[@]}" "$more"
    is "$STATUS" 159 "allowlist: $more kills the program by SIGSYS"
    unlike "$OUT" "survived" "allowlist: nothing runs after $more"
    like "$OUT" "^read: hello" "allowlist: the output before $more got out"
done

done_testing
