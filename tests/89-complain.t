#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 14: run --complain runs a program its policy would kill to the end,
# and reports every refused call once (per syscall and rule) with its count,
# then the policy lines that would allow them.
. "$(dirname "$0")/lib.sh"

P=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process\nmkdir = errno(EACCES)')
SCRIPT="uname; uname -m; mkdir $TMP/a; echo done"

run "$CLI" run -q -p "$P" -- sh -c "$SCRIPT"
is "$STATUS/$OUT" "0/done" "control: under the policy, both unames are killed (the shell goes on)"
[ ! -d "$TMP/a" ]
ok $? "control: ... and mkdir is refused"

run "$CLI" run -q --complain -p "$P" -- sh -c "$SCRIPT"
is "$STATUS" 0 "--complain: the program runs to completion"
is "$OUT" $'Linux\nx86_64\ndone' "--complain: ... and every refused call ran"
[ -d "$TMP/a" ]
ok $? "--complain: mkdir really ran (the errno rule did not answer)"
has_line "$ERR" "seccomp-shim: complain: the policy would have refused 3 calls; they ran:" "the total"
has_line "$ERR" "seccomp-shim: complain:   uname: 2 calls, refused by $P:4: \`uname = kill_process\`" "uname once, with its count and rule"
has_line "$ERR" "seccomp-shim: complain:   mkdir: 1 call, refused by $P:5: \`mkdir = errno\\(EACCES\\)\`" "errno refusals too"
is "$(printf '%s\n' "$ERR" | grep -c 'complain:   uname')" 1 "each refused syscall is listed once"
is "$(printf '%s\n' "$ERR" | grep -x '[a-z0-9_]* = allow' | tr '\n' ' ')" "uname = allow mkdir = allow " "the lines that would allow them"

# The lines, put in place of the rules named, make the real run succeed.
{ grep -v '^uname\|^mkdir' "$P"; printf '%s\n' "$ERR" | grep -x '[a-z0-9_]* = allow'; } >"$TMP/fixed.ini"
rm -rf "$TMP/a"
run "$CLI" run -q -p "$TMP/fixed.ini" -- sh -c "$SCRIPT"
is "$STATUS/$OUT" $'0/Linux\nx86_64\ndone' "the suggested lines make the run succeed"

# An allowlist: the default refuses; the lines are to add.
run "$CLI" learn --exact -o "$TMP/true.ini" -- true
run "$CLI" run -q --complain -p "$TMP/true.ini" -- uname
is "$STATUS/$OUT" "0/Linux" "--complain, an allowlist learned for true: uname runs"
like "$ERR" "complain:   uname: 1 call, refused by the default action \\($TMP/true.ini:[0-9]+: \`default = kill_process\`\\)" "refused by the default action"
has_line "$ERR" "seccomp-shim: complain: lines that would allow them, for \\[syscalls\\]:" "the lines are to add"
{ cat "$TMP/true.ini"; printf '%s\n' "$ERR" | grep -x '[a-z0-9_]* = allow'; } >"$TMP/uname.ini"
run "$CLI" run -q -p "$TMP/uname.ini" -- uname
is "$STATUS/$OUT" "0/Linux" "the allowlist plus the printed lines runs uname"

# Nothing refused.
run "$CLI" run -q --complain -p "$P" -- true
is "$STATUS/$ERR" "0/seccomp-shim: complain: the policy would have refused nothing in this run" "nothing refused: said so"
# The exit status is CMD's.
run "$CLI" run -q --complain -p "$P" -- sh -c 'exit 7'
is "$STATUS" 7 "--complain: CMD's exit status"
# --direct judges from the exec: a static program, which the shim cannot reach.
if [ -x "$PROGS/static-uname" ]; then
    run "$CLI" run -q --complain --direct -p "$P" -- "$PROGS/static-uname"
    like "$ERR" "complain:   uname: 1 call" "--complain --direct: a static program's uname is judged"
fi
run "$CLI" run --complain --explain -p "$P" -- true
is "$STATUS" 2 "--complain with --explain: usage error"
# Landlock sections are not enforced: the report says so, and that their
# refusals were reported as they came (tests/98).
run "$CLI" run -q --complain -p "$ROOT/conf/write-here.ini" -- true
like "$ERR" "complain: \[filesystem\], \[network\] and \[scope\] were not enforced; what they would refuse is reported above" \
    "--complain with Landlock sections: says they were not enforced"

# A call whose argument decides what it does is suggested with that argument
# (as learn writes it), never whole: an AF_INET socket under an allowlist
# without socket gives `socket = allow if arg0 == AF_INET`, not every family.
run "$CLI" run -q --complain -p "$ROOT/conf/allowlist.ini" -- "$PY" -c 'import socket; socket.socket(socket.AF_INET)'
has_line "$ERR" 'socket = allow if arg0 == AF_INET' "--complain: socket suggested for the family used"
no_line "$ERR" 'socket = allow' "--complain: never socket for every family"

done_testing
