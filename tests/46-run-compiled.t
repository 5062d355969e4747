#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# `seccomp-shim run -p` takes a compiled policy as the shim does, checked first.
. "$(dirname "$0")/lib.sh"

run "$CLI" compile -o "$TMP/du.bin" "$ROOT/conf/deny-uname.ini"
is "$STATUS" 0 "compile deny-uname"

run "$CLI" run -p "$TMP/du.bin" -- uname
is "$STATUS" 159 "run -p COMPILED: uname dies by SIGSYS"
run "$CLI" run -p "$TMP/du.bin" -- /bin/echo still here
is "$STATUS:$OUT" "0:still here" "run -p COMPILED: other programs run"
run "$CLI" run --direct -p "$TMP/du.bin" -- "$PROGS/uname-static"
is "$STATUS" 159 "run --direct -p COMPILED: a static uname dies by SIGSYS"

head -c 60 "$TMP/du.bin" >"$TMP/cut.bin"
run "$CLI" run -p "$TMP/cut.bin" -- touch "$TMP/ran"
is "$STATUS" 125 "a truncated compiled policy: 125 before anything runs"
like "$ERR" "cut.bin: compiled policy is truncated" "... saying so"
ok "$([ ! -e "$TMP/ran" ] && echo 0 || echo 1)" "... and the program never ran"

run "$CLI" run --explain -p "$TMP/du.bin" -- touch "$TMP/ran"
is "$STATUS" 125 "--explain with a policy compiled without explain: 125"
like "$ERR" "compiled without explain" "... saying why"
ok "$([ ! -e "$TMP/ran" ] && echo 0 || echo 1)" "... and the program never ran"

printf '[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill\n' >"$TMP/ex.ini"
run "$CLI" compile -o "$TMP/ex.bin" "$TMP/ex.ini"
run "$CLI" run -p "$TMP/ex.bin" -- uname
is "$STATUS" 159 "compiled with explain: still dies by SIGSYS"
like "$ERR" "policy kills syscall uname" "... after the report"

run "$CLI" compile -o "$TMP/strict.bin" "$ROOT/conf/strict.ini"
run "$CLI" run --direct -p "$TMP/strict.bin" -- /bin/true
is "$STATUS" 125 "compiled strict mode with --direct: refused (no execve under strict)"
done_testing
