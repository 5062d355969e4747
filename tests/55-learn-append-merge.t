#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn --append adds what a new run needed to a policy, keeping the file as
# it was above a marked block; merge joins policies learned separately and
# refuses what it cannot join; learn ends with a summary line and its own
# failures exit 125.
. "$(dirname "$0")/lib.sh"

first=(-c 'print("first")')
second=(-c 'import os; print(os.uname().sysname); os.mkdir(os.environ["D"])')
export D=$TMP/made

# ---- --append ---------------------------------------------------------------
run "$CLI" learn --exact -o "$TMP/p.ini" -- "$PY" "${first[@]}"
is "$STATUS.$OUT" "0.first" "append: the first run learned"
# The user's own edits: a comment and a line order learn would not write.
{ echo "; my notes: keep this"; cat "$TMP/p.ini"; echo "; trailing comment"; } >"$TMP/p2.ini"
mv "$TMP/p2.ini" "$TMP/p.ini"
cp "$TMP/p.ini" "$TMP/before.ini"
shim_file "$TMP/p.ini" "$PY" "${second[@]}"
is "$STATUS" 159 "append: the second input is killed under the first policy"

run "$CLI" learn --exact --append "$TMP/p.ini" -- "$PY" "${second[@]}"
is "$STATUS.$OUT" "0.Linux" "append: the second run learned, with its output"
like "$ERR" "learned [0-9]+ syscalls from [0-9]+ calls; 2 lines added to $TMP/p.ini; [0-9.]+ s" \
    "append: the summary says what was added"
n=$(wc -l <"$TMP/before.ini")
is "$(head -n "$n" "$TMP/p.ini")" "$(cat "$TMP/before.ini")" "append: the file is kept as it was, byte for byte"
added=$(tail -n +"$((n + 1))" "$TMP/p.ini")
like "$added" '^; Added by:' "append: the new lines come in a marked block"
has_line "$added" ';  seccomp-shim learn --exact --append .*' "append: the block names the command"
has_line "$added" 'uname = allow ; seen 1 time' "append: uname added"
has_line "$added" 'mkdir = allow ; seen 1 time' "append: mkdir added"
no_line "$added" '\[syscalls\]' "append: no section header when the file ends in [syscalls]"
is "$(grep -c '^read = ' "$TMP/p.ini")" 1 "append: a syscall the policy had is not written again"
run "$CLI" check "$TMP/p.ini"
is "$STATUS.$ERR" "0." "append: the policy is valid"
rm -rf "$D"
shim_file "$TMP/p.ini" "$PY" "${second[@]}"
is "$STATUS.$OUT" "0.Linux" "append: the policy runs the second input"
shim_file "$TMP/p.ini" "$PY" "${first[@]}"
is "$STATUS.$OUT" "0.first" "append: and still the first"

# Nothing new: the file is left alone.
cp "$TMP/p.ini" "$TMP/before2.ini"
rm -rf "$D"
run "$CLI" learn --exact --append "$TMP/p.ini" -- "$PY" "${second[@]}"
is "$STATUS" 0 "append again: ran"
like "$ERR" "; 0 lines added to " "append again: nothing to add, said so"
is "$(cat "$TMP/p.ini")" "$(cat "$TMP/before2.ini")" "append again: the file is unchanged"

# A syscall the policy refuses stays refused: append only adds.
pol=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nuname = errno(EPERM)')
run "$CLI" learn --append "$pol" -- uname -s
is "$STATUS.$OUT" "0.Linux" "append: uname ran while learning"
is "$(grep -c '^uname' "$pol")" 1 "append: the policy's uname rule is left as it was"
run "$CLI" check "$pol"
is "$STATUS" 0 "append: still valid"

# A file whose last section is another one gets [syscalls] before the block.
pol=$(policy $'[syscalls]\nread = allow\n[policy]\ndefault = kill_process')
run "$CLI" learn --exact --append "$pol" -- uname -s
is "$(sed -n '/^; Added by/,$p' "$pol" | grep -E '^\[|^uname')" $'[syscalls]\nuname = allow ; seen 1 time' \
    "append: [syscalls] comes first when the file ends in another section"
shim_file "$pol" uname -s
is "$STATUS.$OUT" "0.Linux" "append: and the policy runs"

# -o writes elsewhere and leaves POLICY alone.
cp "$TMP/before.ini" "$TMP/q.ini"
rm -rf "$D"
run "$CLI" learn --exact --append "$TMP/q.ini" -o "$TMP/q-out.ini" -- "$PY" "${second[@]}"
is "$(cat "$TMP/q.ini")" "$(cat "$TMP/before.ini")" "append -o: POLICY unchanged"
has_line "$(cat "$TMP/q-out.ini")" 'uname = allow ; seen 1 time' "append -o: the result in OUT"

# Errors of learn itself: 125, nothing run, nothing written.
run "$CLI" learn --append "$TMP/none.ini" -- sh -c 'echo ran'
is "$STATUS.$OUT" "125." "append to a missing file: 125, CMD not run"
pol=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process')
run "$CLI" learn --append "$pol" -- sh -c 'echo ran'
is "$STATUS.$OUT" "125." "append to a deny-list: 125, CMD not run"
like "$ERR" "needs a default that refuses" "append to a deny-list: says why"
pol=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nuname = frobnicate')
run "$CLI" learn --append "$pol" -- sh -c 'echo ran'
is "$STATUS.$OUT" "125." "append to an invalid policy: 125"
like "$ERR" "$pol:4: " "append to an invalid policy: names file:line"
run "$CLI" learn --append "$TMP/p.ini" --default 'errno(EPERM)' -- true
is "$STATUS" 2 "--append with --default: usage error"

# ---- the summary line ---------------------------------------------------------
run "$CLI" learn -o "$TMP/s.ini" -- "$PY" "${first[@]}"
n=$(sed -n '/^\[syscalls\]/,$p' "$TMP/s.ini" | grep -cE '^[a-z0-9_]+ = ')
g=$(grep -c '; generalized' "$TMP/s.ini")
seen=$(grep -c '; seen ' "$TMP/s.ini")
b=$(grep -c '; from the binary' "$TMP/s.ini")
like "$ERR" "^seccomp-shim: learned $seen syscalls from [0-9]+ calls; $n lines \($g generalized, $b from the binary\) written to $TMP/s.ini; [0-9]+\.[0-9]{2} s$" \
    "summary: syscalls seen, lines written (generalized, from the binary), file, time"
run "$CLI" learn --exact -- true
like "$ERR" "; [0-9]+ lines? written to standard output; " "summary: standard output named"

# ---- merge --------------------------------------------------------------------
run "$CLI" learn --exact -o "$TMP/a.ini" -- "$PY" "${first[@]}"
rm -rf "$D"
run "$CLI" learn --exact -o "$TMP/b.ini" -- "$PY" "${second[@]}"
run "$CLI" merge "$TMP/a.ini" "$TMP/b.ini" -o "$TMP/m.ini"
is "$STATUS.$ERR" "0." "merge: merged"
m=$(cat "$TMP/m.ini")
has_line "$m" 'default = kill_process' "merge: the common default"
has_line "$m" "uname = allow ; $TMP/b.ini:[0-9]+" "merge: a line of b only names b"
has_line "$m" "read = allow ; $TMP/a.ini:[0-9]+, $TMP/b.ini:[0-9]+" "merge: a line of both names both"
keys() { sed -n '/^\[syscalls\]/,$p' "$1" | grep -oE '^[a-z0-9_]+ =' | sort -u; }
is "$(keys "$TMP/m.ini")" "$(sort -u <(keys "$TMP/a.ini") <(keys "$TMP/b.ini"))" "merge: the union of the syscalls"
run "$CLI" check "$TMP/m.ini"
is "$STATUS.$ERR" "0." "merge: the merged policy is valid"
rm -rf "$D"
shim_file "$TMP/m.ini" "$PY" "${second[@]}"
is "$STATUS.$OUT" "0.Linux" "merge: runs what b learned"
shim_file "$TMP/m.ini" "$PY" "${first[@]}"
is "$STATUS.$OUT" "0.first" "merge: runs what a learned"
shim_file "$TMP/m.ini" "$PY" -c 'import socket; socket.socket()'
is "$STATUS" 159 "merge: still an allowlist (socket killed)"

# An unconditional allow covers the other's conditional allows.
c1=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nsocket = allow if arg0 == 1\nread = allow')
c2=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nsocket = allow')
run "$CLI" merge "$c1" "$c2"
has_line "$OUT" "socket = allow ; $c2:4, $c1:4" "merge: allow covers the conditional allows"
# Conflicts name both lines, and nothing is written.
c3=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nread = allow\nsocket = allow if arg0 == 2')
run "$CLI" merge -o "$TMP/c.ini" "$c1" "$c3"
is "$STATUS" 1 "merge: different conditions: status 1"
like "$ERR" "$c3:5: \`socket = allow if arg0 == 0x2\` conflicts with $c1:4: \`socket = allow if arg0 == 0x1\`" \
    "merge: the conflict names both lines"
[ -e "$TMP/c.ini" ]
is "$?" 1 "merge: nothing written on a conflict"
c4=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nread = errno(EPERM)')
run "$CLI" merge "$c1" "$c4"
like "$STATUS.$ERR" "^1.seccomp-shim: $c4:4: \`read = errno\(1\)\` conflicts with $c1:5: \`read = allow\`" \
    "merge: errno against allow is a conflict"
d=$(policy $'[policy]\ndefault = errno(EPERM)\n[syscalls]\nread = allow')
run "$CLI" merge "$c1" "$d"
like "$STATUS.$ERR" "^1.seccomp-shim: $d:2: default = errno\(1\) differs from $c1:2: default = kill_process" \
    "merge: different defaults name both lines"
run "$CLI" merge "$c1"
is "$STATUS" 2 "merge: one policy is a usage error"
run "$CLI" merge --frob "$c1" "$c2"
is "$STATUS" 2 "merge: unknown option"
run "$CLI" merge --help
like "$STATUS.$OUT" "^0.Usage: seccomp-shim merge" "merge --help"
run "$CLI" merge "$c1" "$TMP/none.ini"
is "$STATUS" 1 "merge: a missing file: status 1"

# A file name with newlines must stay in its comment (issue 20): raw, this one
# put `mount = allow` into the merged policy, which check accepted.
evil=$TMP/$'b\n[syscalls]\nmount = allow\n;'
printf '[policy]\ndefault = errno(EPERM)\n[syscalls]\nuname = allow\n' >"$evil"
printf '[policy]\ndefault = errno(EPERM)\n[syscalls]\nread = allow\n' >"$TMP/plain.ini"
run "$CLI" merge "$TMP/plain.ini" "$evil" -o "$TMP/evil-merged.ini"
is "$STATUS" 0 "merge: a file name with newlines merges"
no_line "$(cat "$TMP/evil-merged.ini")" 'mount *=.*' "merge: ...and its name adds no rule"
run "$CLI" test "$TMP/evil-merged.ini" 'mount(0, 0, 0, 0, 0)'
like "$OUT" "errno\(1\), by the default" "merge: mount is still refused by the merged policy"
like "$(cat "$TMP/evil-merged.ini")" "^;  \\$'[^']*/b\\\\x0a\\[syscalls\\]" "merge: the name is written escaped"
has_line "$(cat "$TMP/evil-merged.ini")" "uname = allow ; \\$'[^']*/b\\\\x0a.*:4" "merge: ...in each rule's comment too"

done_testing
