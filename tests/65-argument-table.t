#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 21: what a syscall argument means has one home, data/syscall-args.txt.
# Each of its four readers is shown to follow a row: the explain report
# decodes chdir's path, check -v names kill's signal, learn --tight keeps
# prctl's option, learn --filesystem records mkdir's folder. Then a copy of
# the tree is built with those four rows changed, and each behaviour changes
# with its row: no other table decides it.
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/w"
printf '[policy]\ndefault = allow\n[syscalls]\nkill = allow if arg1 == 9\n' >"$TMP/kill.ini"

# observe CLI: sets EXPLAIN, SYMBOLIC, TIGHT and FILES from what CLI does.
observe() {
    local cli=$1
    run "$cli" run -q --explain -i $'[policy]\ndefault = allow\n[syscalls]\nchdir = kill_process' -- \
        "$PY" -c 'import os; os.chdir("/")'
    EXPLAIN=$(printf '%s\n' "$ERR" | grep -o 'policy kills syscall chdir([^,]*')
    run "$cli" check -v "$TMP/kill.ini"
    SYMBOLIC=$(printf '%s\n' "$OUT" | grep -o 'arg1 == [A-Z0-9_x]*')
    run "$cli" learn --tight --exact -o "$TMP/tight.ini" -- \
        "$PY" -c 'import ctypes; ctypes.CDLL(None).prctl(15, b"t65")'
    TIGHT=$(grep -E '^prctl ' "$TMP/tight.ini" | sed 's/ *;.*//')
    rm -rf "$TMP/w/new"
    run "$cli" learn --filesystem --exact -o "$TMP/fs.ini" -- "$PY" -c "import os; os.mkdir('$TMP/w/new')"
    FILES=$(sed -n '/^\[filesystem\]/,$p' "$TMP/fs.ini" | grep -c -- "$TMP/w\b")
}

observe "$CLI"
is "$EXPLAIN" 'policy kills syscall chdir("/"' "explain: chdir's arg0 is a path (row 'chdir 0 path')"
is "$SYMBOLIC" 'arg1 == SIGKILL' "check -v: kill's arg1 is a signal (row 'kill 1 signal')"
is "$TIGHT" 'prctl = allow if arg0 == PR_SET_NAME' "learn --tight: prctl's option kept (row 'prctl 0 prctl tight')"
is "$FILES" 1 "learn --filesystem: mkdir's folder recorded (row 'mkdir 0 path create')"

# The same tree with the four rows changed.
copy=$TMP/tree
mkdir -p "$copy/debian"
cp -r "$ROOT/Makefile" "$ROOT/engine" "$ROOT/preload" "$ROOT/cli" "$ROOT/include" "$ROOT/data" \
    "$ROOT/tools" "$copy/"
cp "$ROOT/debian/changelog" "$copy/debian/"
rows="$copy/data/syscall-args.txt"
sed -i -E -e '/^chdir +0 +path *$/d' \
    -e 's/^(kill +1 +)signal *$/\1af/' \
    -e 's/^(prctl +0 +prctl +)tight *$/\1/' \
    -e 's/^(mkdir +0 +path +)create *$/\1/' "$rows"
is "$(diff "$ROOT/data/syscall-args.txt" "$rows" | grep -c '^<')" 4 "(the four rows are changed in the copy)"
# A plain build whatever make runs the test (check-sanitize passes B, CC, CFLAGS).
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$copy" -j2 B=build CFLAGS=-O0 LDFLAGS= \
    build/seccomp-shim build/libseccomp-shim.so >"$TMP/make.log" 2>&1
ok $? "the copy builds" || sed 's/^/#   /' "$TMP/make.log" | tail -20

observe "$copy/build/seccomp-shim"
like "$EXPLAIN" '^policy kills syscall chdir\(0x[0-9a-f]+$' "without its row, explain leaves chdir's arg0 a number"
is "$SYMBOLIC" 'arg1 == AF_X25' "kill's arg1 made an address family, check -v names 9 AF_X25"
is "$TIGHT" 'prctl = allow' "prctl's option not tight, learn --tight keeps no condition"
is "$FILES" 0 "mkdir's path only looked up, learn --filesystem records no folder"

done_testing
