#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every subcommand has --help; usage errors exit 2 with a hint.
. "$(dirname "$0")/lib.sh"

run "$CLI" --help
is "$STATUS" 0 "--help: 0"
commands=$(printf '%s\n' "$OUT" | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
for c in run check export syscalls; do
    like "$commands" "(^|$'\n')$c($|$'\n')" "--help lists $c"
done
for c in $commands; do
    run "$CLI" "$c" --help
    is "$STATUS" 0 "$c --help: 0"
    like "$OUT" "^Usage: seccomp-shim $c" "$c --help: usage on stdout"
    run "$CLI" "$c" --no-such-option
    is "$STATUS" 2 "$c --no-such-option: 2"
    like "$ERR" "Try 'seccomp-shim $c --help'" "$c --no-such-option: hint"
done

# A bad option is reported once, by our message naming it (not getopt's too).
for c in $commands; do
    run "$CLI" "$c" --no-such-option
    is "$(printf '%s\n' "$ERR" | grep -c -- 'no-such-option')" 1 "$c --no-such-option: said once"
    like "$ERR" "^seccomp-shim $c: unknown option '--no-such-option'" "$c --no-such-option: named"
done
run "$CLI" export -x -f oci "$ROOT/conf/deny-uname.ini"
is "$STATUS:$ERR" "2:seccomp-shim export: unknown option '-x'
Try 'seccomp-shim export --help'." "unknown short option: one message and the hint"
run "$CLI" run -p
is "$STATUS:$ERR" "2:seccomp-shim run: option '-p' needs an argument
Try 'seccomp-shim run --help'." "missing argument: one message and the hint"
run "$CLI" compile --output
like "$ERR" "^seccomp-shim compile: option '--output' needs an argument" "missing argument of a long option"

# help CMD is CMD --help.
for c in $commands; do
    run "$CLI" help "$c"
    is "$STATUS:$OUT" "0:$("$CLI" "$c" --help)" "help $c: the same as $c --help"
done
run "$CLI" help frobnicate
is "$STATUS" 2 "help with an unknown command: 2"
like "$ERR" "unknown command 'frobnicate'" "help with an unknown command: says so"

# --version: the version of debian/changelog's top entry, the one place it is
# written (the Makefile reads it).
version=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$ROOT/debian/changelog")
run "$CLI" --version
is "$STATUS:$OUT" "0:seccomp-shim ${version:-?}" "--version: debian/changelog's version"

run "$CLI"
is "$STATUS" 2 "no command: 2"
run "$CLI" frobnicate
is "$STATUS" 2 "unknown command: 2"

usage() { # usage NAME ARGS...
    local name=$1
    shift
    run "$CLI" "$@"
    is "$STATUS" 2 "usage error: $name"
    is "$OUT" "" "usage error: $name: nothing on stdout"
}
usage "run without a policy" run -- true
usage "run with -p and -i" run -p "$ROOT/conf/deny-uname.ini" -i x -- true
usage "run without a command" run -p "$ROOT/conf/deny-uname.ini"

# A second -p or -i must not silently replace the first: with
# `-i KILL-UNAME -i ALLOW-ALL` the last one won and uname ran unfiltered.
KILL_UNAME=$'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process'
run "$CLI" run -i "$KILL_UNAME" -i $'[policy]\ndefault = allow' -- uname
is "$STATUS" 2 "run -i A -i B: a usage error, not the last policy alone"
is "$OUT" "" "run -i A -i B: uname did not run"
like "$ERR" "one policy" "run -i A -i B: says one policy per run"
# Several -p compose (tests/96-run-compose.t): never the last one alone.
run "$CLI" run -p "$ROOT/conf/deny-uname.ini" -p "$ROOT/conf/no-exec.ini" -- uname
is "$STATUS/$OUT" "159/" "run -p A -p B: both apply, uname is killed"
usage "run -p without its argument" run -p
usage "export without --format" export "$ROOT/conf/deny-uname.ini"
usage "export with an unknown format" export -f yaml "$ROOT/conf/deny-uname.ini"
usage "export without a file" export -f oci
usage "export with two files" export -f oci "$ROOT/conf/deny-uname.ini" "$ROOT/conf/strict.ini"

# run stops reading its own options at CMD: CMD's options are CMD's.
run "$CLI" run -i $'[policy]\ndefault = allow' uname --help
is "$STATUS" 0 "run: options after CMD go to CMD"
like "$OUT" "Usage: uname" "run: uname --help ran"

done_testing
