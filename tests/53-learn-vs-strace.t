#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# from-strace and learn --direct see the same program from the same point
# (the exec of CMD): on real strace output of the same commands they must
# give the same syscall set. No difference showed up on this machine for
# these commands, so none is tolerated.
. "$(dirname "$0")/lib.sh"

keys() { sed -n '/^\[syscalls\]/,$p' "$1" | grep -oE '^[a-z0-9_]+ =' | sort -u; }

compare() { # compare NAME STRACE-OPTION CMD...
    local name=$1 opt=$2
    shift 2
    # Both runs get the same stdio: glibc asks ioctl(TCGETS) only when stdout
    # is a character device, so /dev/null and a file would differ by ioctl.
    { strace -f $opt -o "$TMP/$name.trace" "$@" >/dev/null 2>&1 </dev/null; } 2>/dev/null
    # --exact: the syscalls each saw, not what generalization adds to them
    run "$CLI" from-strace --exact -o "$TMP/$name-strace.ini" "$TMP/$name.trace"
    is "$STATUS.$ERR" "0." "$name: from-strace read strace -f $opt"
    { "$CLI" learn --direct --exact -o "$TMP/$name-learn.ini" -- "$@" >/dev/null 2>&1 </dev/null; } 2>/dev/null
    is "$(keys "$TMP/$name-strace.ini")" "$(keys "$TMP/$name-learn.ini")" \
        "$name: from-strace ($opt) and learn --direct give the same syscalls"
}

compare python "" "$PY" -c 'print("hello")'
compare python-t -t "$PY" -c 'print("hello")'
compare pipeline -tt sh -c 'ls / | sort | head -n 3'
compare threads -ttt "$PROGS/threads"
compare nonzero -y ls /nonexistent
compare signal "" "$PY" -c 'import os, signal; os.kill(os.getpid(), signal.SIGUSR1)'
# Generalized (the default), both add the same relatives.
"$CLI" from-strace -o "$TMP/gen-strace.ini" "$TMP/pipeline.trace" 2>/dev/null
{ "$CLI" learn --direct --no-scan -o "$TMP/gen-learn.ini" -- sh -c 'ls / | sort | head -n 3' >/dev/null 2>&1 </dev/null; } 2>/dev/null
is "$(keys "$TMP/gen-strace.ini")" "$(keys "$TMP/gen-learn.ini")" "pipeline: generalized, the same policy too"
like "$(cat "$TMP/gen-strace.ini")" 'readlinkat = allow ; generalized from (fstat|lstat|stat|newfstatat|statx)' \
    "from-strace generalizes"
no_line "$(cat "$TMP/pipeline-strace.ini")" '.*generalized.*' "from-strace --exact does not"
# The policy from strace runs the program under the --direct launcher.
shim_file "$TMP/pipeline-strace.ini" "$PROGS/shim-exec" sh -c 'ls / | sort | head -n 3'
is "$STATUS.$(printf '%s\n' "$OUT" | wc -l)" "0.3" "pipeline: runs under the policy from strace"

done_testing
