#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Multi-line values: a list (include, [filesystem] paths, [network] ports)
# continues on indented lines, as inih joins them. An indented line that
# could mean something else (a key, a section, a single value's second half)
# is an error at its own line, never a silent change of meaning.
. "$(dirname "$0")/lib.sh"

RAN=program-ran

# bad TEXT REGEX NAME: TEXT as a policy file fails closed; REGEX follows "FILE:".
bad() {
    local f
    f=$(policy "$1")
    shim_file "$f" /bin/echo "$RAN"
    is "$STATUS" 125 "$3: exit status 125"
    unlike "$OUT" "$RAN" "$3: the program never ran"
    like "$ERR" "^seccomp-shim: $f:$2\$" "$3: message"
}

# --- include: one more file on each continuation line
printf '[syscalls]\nuname = errno(EPERM)\n' >"$TMP/uname.ini"
inc=$(policy "[policy]
include = $ROOT/conf/no-exec.ini
          $TMP/uname.ini")
shim_file "$inc" sh -c '/bin/true'
is "$STATUS" 126 "multi-line include: the first file applies (sh cannot exec)"
shim_file "$inc" "$PY" -c 'import os; os.uname()'
like "$ERR" "PermissionError" "multi-line include: the file on the continuation line applies too"
run "$CLI" check "$inc"
is "$STATUS" 0 "check accepts a multi-line include list"
head=$(policy "[policy]
include =
    $ROOT/conf/no-exec.ini ; no exec
    ; the next one refuses uname
    $TMP/uname.ini")
shim_file "$head" "$PY" -c 'import os; os.uname()'
like "$ERR" "PermissionError" "include with its files only on the lines below (comments between)"
shim_file "$head" sh -c '/bin/true'
is "$STATUS" 126 "... the first of them applies too"
run env SECCOMP_SHIM_INI=$'[policy]\ndefault = allow\ninclude =\n  '"$TMP/uname.ini" \
    LD_PRELOAD="$SHIM" "$PY" -c 'import os; os.uname()'
like "$ERR" "PermissionError" "SECCOMP_SHIM_INI text continues lines too"

# --- [filesystem]: a long path list over several lines
abi=$(landlock_abi)
if [ "$abi" -ge 5 ]; then
    mkdir -p "$TMP/fs"
    for d in a b c d; do echo "$d" >"$TMP/fs/$d"; done
    fs=$(policy "[policy]
include = $ROOT/conf/landlock-base.ini
[filesystem]
read = $TMP/fs/a
       $TMP/fs/b ; the second
       ; a comment line keeps the list open
	$TMP/fs/c
write = /dev/null")
    shim_file "$fs" cat "$TMP/fs/a" "$TMP/fs/b" "$TMP/fs/c"
    is "$STATUS:$OUT" $'0:a\nb\nc' "multi-line read list: the paths of every line are granted"
    shim_file "$fs" cat "$TMP/fs/d"
    like "$STATUS:$ERR" "^1:.*Permission denied" "... and nothing else (the list ends at the next key)"
    run "$CLI" check "$fs"
    is "$STATUS" 0 "check accepts a multi-line [filesystem] list"
else
    skip "the kernel's Landlock ABI is $abi; [filesystem] needs 5" 4
fi

# --- errors: at the line that is wrong, saying what to do
H=$'[policy]\ndefault = allow\n[syscalls]' # lines 1-3
long=$(printf 'x%.0s' {1..200})
bad "$H"$'\nuname = kill ; '"$long" \
    "4: line is longer than 198 characters: .*continue.*indent.*" "an over-long line says how to continue it"
bad "$H"$'\nwrite = allow\n  uname = kill' \
    "5: indented line with \`=\`: .*remove the indentation.*" "an indented rule is not joined to the line above"
bad $'[policy]\ndefault = allow\n[filesystem]\nread = /usr\n  exec = /usr' \
    "5: indented line with \`=\`: .*" "an indented key under a list is not taken for a path"
bad "$H"$'\nuname = kill\n  getpid' \
    "5: .*\`uname\` takes one value.*" "a rule's value does not continue"
bad $'[policy]\nmode = filter\n  strict\ndefault = allow' \
    "3: .*\`mode\` takes one value.*" "a setting does not continue"
bad "$H"$'\n  uname = kill' "4: indented line.*" "an indented first line of a section"
bad "$H"$'\n  getpid' "4: indented line: no list above it to continue.*" "an indented line after a section header"
bad $'[policy]\ndefault = allow\n[filesystem]\nread = /usr\n\n  /etc' \
    "6: indented line: no list above it to continue.*" "a blank line ends a list"
bad $'[policy]\ndefault = allow\n[filesystem]\nread = /usr\n  [syscalls]' \
    "5: indented line.*section.*" "an indented section header"
bad $'[policy]\ndefault = allow\n[filesystem]\nread = /usr\n  /etc\n  /nonexistent-multiline' \
    "6: read: /nonexistent-multiline: No such file or directory.*" "an error names the continuation line it is on"
bad $'[policy]\ninclude = '"$TMP/uname.ini"$'\n  '"$TMP/missing.ini" \
    "3: cannot include $TMP/missing.ini: .*" "a missing include on a continuation line: its line"
bad $'[policy]\ndefault = allow\n[network]\nconnect = 80\n  http' \
    "5: connect: \`http\` is not a port number.*" "ports continue too, and are checked"
bad $'[policy]\ndefault = allow\n[scope]\nsignals = no\n  yes' \
    "5: .*\`signals\` takes one value.*" "a [scope] setting does not continue"

done_testing
