#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The bad-input corpus (issue 7): every malformed policy in tests/bad/ exits
# 125 under the shim with `seccomp-shim: FILE:LINE: message`, the program
# never runs, and `seccomp-shim check` exits 1 with the same message.
# tests/bad/EXPECTED gives each file's line and message; a huge file, a FIFO
# and a device are made here.
. "$(dirname "$0")/lib.sh"

corpus=$TMP/bad
cp -r "$ROOT/tests/bad" "$corpus"
head -c $((1024 * 1024 + 10)) /dev/zero | tr '\0' ';' >"$corpus/huge.ini"
printf 'huge.ini\t0\tlarger than 1 MiB\n' >>"$corpus/EXPECTED"
mkfifo "$corpus/fifo.ini"
printf 'fifo.ini\t0\tnot a regular file\n' >>"$corpus/EXPECTED"
ln -s /dev/zero "$corpus/device.ini"
printf 'device.ini\t0\tnot a regular file\n' >>"$corpus/EXPECTED"

marker='the program ran'
n=0
while IFS=$'\t' read -r file line msg; do
    case $file in '#'* | '') continue ;; esac
    n=$((n + 1))
    f=$corpus/$file
    where="$f:$line: "
    [ "$line" = 0 ] && where="$f: "

    (cd "$corpus" && shim_file "$f" /bin/echo "$marker" && printf '%s\n%s\n%s\n' "$STATUS" "$OUT" "$ERR" >"$TMP/r")
    { read -r status; read -r out; err=$(cat); } <"$TMP/r"
    is "$status" 125 "$file: the shim exits 125"
    unlike "$out" "$marker" "$file: the program never ran"
    like "$err" "^seccomp-shim: $(printf '%s' "$where" | sed 's/[][\.*^$]/\\&/g').*($msg)" "$file: the shim names file, line and problem"
    is "$(printf '%s\n' "$err" | wc -l)" 1 "$file: one line"

    run timeout 10 "$CLI" check "$f"
    is "$STATUS" 1 "$file: check exits 1"
    like "$ERR" "^seccomp-shim: $(printf '%s' "$where" | sed 's/[][\.*^$]/\\&/g').*($msg)" "$file: check gives the same message"
done <"$corpus/EXPECTED"

ok "$([ "$n" -ge 30 ] && echo 0 || echo 1)" "the corpus has at least 30 malformed policies ($n)"
done_testing
