#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim compile and precompiled policies: they work like their INI
# source, and the shim refuses (exit 125, program never runs) any compiled
# file it cannot trust: truncated, corrupted, another architecture, newer.
. "$(dirname "$0")/lib.sh"

# compiled SRC: compiles SRC into $TMP/NAME.compiled and prints the path.
compiled() {
    local out=$TMP/$(basename "$1" .ini).compiled
    "$CLI" compile -o "$out" "$1" >/dev/null 2>&1 || echo "compile of $1 failed" >&2
    echo "$out"
}

# shim_file_in INPUT FILE CMD...: like shim_file, with INPUT on stdin.
shim_file_in() {
    local input=$1 file=$2
    shift 2
    { printf '%s' "$input" | env SECCOMP_SHIM_POLICY="$file" LD_PRELOAD="$SHIM" "$@" \
        >"$TMP/out" 2>"$TMP/err"; STATUS=$?; } 2>/dev/null
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# patch FILE OFFSET HEXBYTES [fix]: overwrites bytes; with "fix", recomputes
# the checksum as a careful forger would, so only the field itself is wrong.
patch() {
    "$PY" - "$@" <<'PY'
import hashlib, sys
path, off, data = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
b = bytearray(open(path, 'rb').read())
b[off:off + len(data)] = data
if len(sys.argv) > 4:
    b[64:72] = bytes(8)
    b[64:72] = hashlib.sha256(b).digest()[:8]
open(path, 'wb').write(b)
PY
}

# ---- compile --------------------------------------------------------------
DENY=$(compiled "$ROOT/conf/deny-uname.ini")
is "$(head -c 8 "$DENY" | od -An -c | tr -s ' ')" ' 177 S S H I M P \0' "compile: magic at the start"

run "$CLI" compile "$ROOT/conf/deny-uname.ini" -o "$TMP/sub.compiled"
is "$STATUS" 0 "compile: options after FILE work"
run cmp "$DENY" "$TMP/sub.compiled"
is "$STATUS" 0 "compile: the same source compiles to the same bytes"
is "$(ls -A "$TMP" | grep -c 'compiled\.')" 0 "compile: no temporary file left behind"

cp "$ROOT/conf/deny-uname.ini" "$TMP/default-name.ini"
run "$CLI" compile "$TMP/default-name.ini"
is "$STATUS" 0 "compile without -o: exit 0"
ok "$([ -s "$TMP/default-name.compiled" ]; echo $?)" "compile without -o: writes FILE.compiled beside FILE"

"$CLI" compile -o - "$ROOT/conf/deny-uname.ini" >"$TMP/stdout.compiled" 2>/dev/null </dev/null
cmp -s "$TMP/stdout.compiled" "$DENY"
ok $? "compile -o -: the compiled policy on a non-terminal stdout"

# ---- the compiled policies work like their source ---------------------------
shim_file "$DENY" uname -a
is "$STATUS" 159 "compiled deny-uname: uname dies by SIGSYS"
is "$OUT" "" "compiled deny-uname: uname printed nothing"
shim_file "$DENY" ls "$ROOT/conf"
is "$STATUS" 0 "compiled deny-uname: ls runs"
like "$OUT" "deny-uname.ini" "compiled deny-uname: ls lists conf/"

shim_file "$DENY" sh -c 'uname; echo "after uname: $?"'
like "$OUT" "after uname: 159" "compiled deny-uname: inherited by a child of sh"
shim_file "$DENY" sh -c 'grep Seccomp_filters /proc/self/status'
like "$OUT" "Seccomp_filters:[[:space:]]+1$" "compiled deny-uname: an exec'd child does not stack a second filter"

STDIO=$(compiled "$ROOT/conf/stdio-only.ini")
shim_file_in "hello" "$STDIO" "$PROGS/read_write_raw"
is "$STATUS" 7 "compiled stdio-only: raw read/write program exits with its own status"
is "$OUT" "raw:hello" "compiled stdio-only: its output is complete"
shim_file_in "hello" "$STDIO" "$PROGS/printf_line"
is "$STATUS" 159 "compiled stdio-only: printf (newfstatat) is killed"

ALLOW=$(compiled "$ROOT/conf/allowlist.ini")
shim_file_in $'a line\n' "$ALLOW" "$PROGS/printf_line"
is "$STATUS" 0 "compiled allowlist: fgets/printf program works"
is "$OUT" "line: a line" "compiled allowlist: its output is complete"
shim_file "$ALLOW" cat "$ROOT/conf/deny-uname.ini"
is "$STATUS" 159 "compiled allowlist: opening a file is killed"

EXPL=$(compiled "$(policy $'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill')")
shim_file "$EXPL" uname
is "$STATUS" 159 "compiled explain: uname still dies by SIGSYS"
like "$ERR" "policy kills syscall uname" "compiled explain: the kill is reported"

STRICT=$(compiled "$ROOT/conf/strict.ini")
is "$(stat -c %s "$STRICT")" 72 "compile strict mode: a header without a program"
shim_file_in "x" "$STRICT" "$PROGS/read_write_raw"
is "$STATUS" 137 "compiled strict: SIGKILL at exit_group (strict mode is installed)"
is "$OUT" "raw:x" "compiled strict: raw read/write before that works"

# ---- tampering: exit 125, a clear message, the program never runs ----------
# tampered NAME MESSAGE-REGEX: runs sh under $TMP/bad and checks all three.
tampered() {
    shim_file "$TMP/bad" sh -c 'echo RAN-UNSANDBOXED'
    is "$STATUS" 125 "$1: exit 125"
    like "$ERR" "^seccomp-shim: $TMP/bad: .*$2" "$1: says what is wrong"
    unlike "$OUT" "RAN-UNSANDBOXED" "$1: the program never ran"
}

head -c 100 "$DENY" >"$TMP/bad"
tampered "truncated program" "truncated"
head -c 20 "$DENY" >"$TMP/bad"
tampered "truncated header" "truncated"
head -c 1 "$DENY" >"$TMP/bad"
tampered "truncated to one byte" "truncated"

cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 80 ff
tampered "one flipped byte in the program" "corrupted: checksum mismatch"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 33 00
tampered "one changed byte in the source id" "corrupted: checksum mismatch"
cp "$DENY" "$TMP/bad" && printf 'x' >>"$TMP/bad"
tampered "a byte appended" "bytes after its program"

cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 12 b70000c0 fix
tampered "aarch64 header, valid checksum" "architecture aarch64 \(0xc00000b7\); this shim runs x86_64"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 8 05000000 fix
tampered "format version 5, valid checksum" "format version 5; this shim reads version 4"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 8 01000000 fix
tampered "format version 1, valid checksum" "old format version 1; this shim reads versions 2 to 4: compile it again"
# Version 2 is version 4 without a Landlock section: still read.
cp "$DENY" "$TMP/v2" && patch "$TMP/v2" 8 02000000 fix
shim_file "$TMP/v2" sh -c 'uname; echo "uname: $?"'
is "$STATUS:$OUT" "0:uname: 159" "a version-2 compiled policy still loads and works"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 28 00000001 fix
tampered "absurd include list, valid checksum" "announces a 16777216-byte include list"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 16 08000000 fix
tampered "unknown flag, valid checksum" "unknown flags 0x8"
cp "$DENY" "$TMP/bad" && patch "$TMP/bad" 24 01110000 fix
tampered "absurd instruction count, valid checksum" "announces 4353 instructions; a filter has 1 to 4081"
cp "$STRICT" "$TMP/bad" && patch "$TMP/bad" 20 00000000 fix
tampered "strict header turned into an empty filter" "announces 0 instructions"
cp /bin/true "$TMP/bad"
tampered "an executable as the policy" "bad magic"

# ---- compile errors -------------------------------------------------------
BAD=$(policy $'[policy]\ndefault = allow\n[syscalls]\nunamee = kill')
run "$CLI" compile -o "$TMP/never.compiled" "$BAD"
is "$STATUS" 1 "compile of an invalid policy: exit 1"
like "$ERR" "^seccomp-shim: $BAD:4: unknown syscall .unamee." "compile of an invalid policy: FILE:LINE: message"
ok "$([ ! -e "$TMP/never.compiled" ]; echo $?)" "compile of an invalid policy: writes nothing"
run "$CLI" compile -o "$TMP/never.compiled" "$TMP/missing.ini"
is "$STATUS" 1 "compile of a missing file: exit 1"
like "$ERR" "missing.ini: cannot open policy" "compile of a missing file: says so"
run "$CLI" compile -o "$TMP/no-such-dir/x.compiled" "$ROOT/conf/deny-uname.ini"
is "$STATUS" 1 "compile into a missing folder: exit 1"
like "$ERR" "no-such-dir/x.compiled: cannot create" "compile into a missing folder: says so"
run "$CLI" compile
is "$STATUS" 2 "compile without FILE: usage error"
run "$CLI" compile "$ROOT/conf/deny-uname.ini" "$ROOT/conf/strict.ini"
is "$STATUS" 2 "compile with two FILEs: usage error"
run "$CLI" compile --help
is "$STATUS" 0 "compile --help: exit 0"
like "$OUT" "Usage: seccomp-shim compile" "compile --help: usage"
run "$CLI" --help
like "$OUT" "compile" "seccomp-shim --help lists compile"


# ---- a policy found by name -------------------------------------------------
# Its folder belongs to the system (make install's PREFIX/share, /etc, the
# Debian package's /usr/share): the compiled policy goes to the working
# directory, never beside the found file, and compile says where.
mkdir -p "$TMP/cfg/seccomp-shim" "$TMP/here"
cp "$ROOT/conf/deny-uname.ini" "$TMP/cfg/seccomp-shim/"
(cd "$TMP/here" && XDG_CONFIG_HOME=$TMP/cfg "$CLI" compile deny-uname >"$TMP/out" 2>"$TMP/err")
is "$?" 0 "compile NAME: exit 0"
ok "$([ ! -e "$TMP/cfg/seccomp-shim/deny-uname.compiled" ]; echo $?)" \
    "compile NAME: nothing written into the policy folder"
ok "$([ -s "$TMP/here/deny-uname.compiled" ]; echo $?)" "compile NAME: writes NAME.compiled in the working directory"
like "$(cat "$TMP/err")" "wrote \./deny-uname\.compiled .*$TMP/cfg/seccomp-shim/deny-uname\.ini" \
    "compile NAME: says where it wrote, and which file the name found"
(cd "$TMP/here" && XDG_CONFIG_HOME=$TMP/cfg "$CLI" compile deny-uname.ini >/dev/null 2>&1)
ok "$([ ! -e "$TMP/cfg/seccomp-shim/deny-uname.compiled" ]; echo $?)" \
    "compile NAME.ini: nothing written into the policy folder either"
shim_file "$TMP/here/deny-uname.compiled" "$PROGS/uname"
is "$STATUS" 159 "the compiled policy written here works"

done_testing
