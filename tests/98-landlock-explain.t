#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 20: under `run --explain`, every access the policy's Landlock part
# refuses is reported on stderr: the access, the path or port, and the line
# or section that decides (or that no line grants it), without kernel audit.
# Accesses the policy grants are silent. The report is advisory: Landlock
# itself decides, and each control shows that it really refused.
. "$(dirname "$0")/lib.sh"

abi=$(landlock_abi)
if [ "$abi" -lt 6 ]; then
    echo "1..0 # SKIP the kernel's Landlock ABI is $abi; these tests need 6 or later"
    exit 0
fi

mkdir -p "$TMP/ll/ro" "$TMP/ll/rw" "$TMP/ll/secret"
echo public >"$TMP/ll/ro/f"
echo secret >"$TMP/ll/secret/f"
cp "$ROOT/conf/landlock-base.ini" "$TMP/"
P=$TMP/ll.ini
cat >"$P" <<EOF2
[policy]
include = landlock-base.ini
[filesystem]
read  = $TMP/ll/ro
write = $TMP/ll/rw
exec  = $PROGS
[network]
connect = 9
bind = 0
[scope]
signals = yes
EOF2
FS="decided by \\[filesystem\\] \\([^)]*:[0-9]+\\)"

# Reading: a file no line grants, then one the policy grants.
run "$CLI" run -q --explain -p "$P" -- cat "$TMP/ll/secret/f"
is "$STATUS/$OUT" 1/ "control: Landlock refuses cat of a file no line grants"
has_line "$ERR" "seccomp-shim: landlock refuses read_file on $TMP/ll/secret/f \\(openat\\) \\[pid [0-9]+\\]" \
    "a refused read: the access and the path"
has_line "$ERR" "seccomp-shim:   $FS: no line grants read_file on $TMP/ll/secret/f" \
    "... the section that decides, and that no line grants it"
has_line "$ERR" "seccomp-shim:   to allow it, add to \\[filesystem\\]: read_file = $TMP/ll/secret/f" \
    "... and the line that would allow it"
run "$CLI" run -q --explain -p "$P" -- cat "$TMP/ll/ro/f"
is "$STATUS/$OUT/$ERR" "0/public/" "a granted read: no report"

# Writing over a file of a read-only tree: the line that grants less.
run "$CLI" run -q --explain -p "$P" -- sh -c "echo x > $TMP/ll/ro/f"
is "$(cat "$TMP/ll/ro/f")" public "control: Landlock refuses the write"
has_line "$ERR" "seccomp-shim: landlock refuses write_file,truncate on $TMP/ll/ro/f \\(openat\\) .*" "a refused write"
has_line "$ERR" "seccomp-shim:   $FS: $P:4: \`read = $TMP/ll/ro\` grants read_file,read_dir there, not write_file,truncate" \
    "... names the line that grants other rights there"

# Making and removing, beneath the read-only tree and beneath no grant.
run "$CLI" run -q --explain -p "$P" -- touch "$TMP/ll/secret/t"
[ ! -e "$TMP/ll/secret/t" ]
ok $? "control: touch is refused"
has_line "$ERR" "seccomp-shim: landlock refuses make_reg in $TMP/ll/secret \\(openat of $TMP/ll/secret/t\\) .*" \
    "touch: make_reg in the folder"
run "$CLI" run -q --explain -p "$P" -- mkdir "$TMP/ll/ro/d"
[ ! -e "$TMP/ll/ro/d" ]
ok $? "control: mkdir is refused"
has_line "$ERR" "seccomp-shim: landlock refuses make_dir in $TMP/ll/ro \\(mkdir(at)? of $TMP/ll/ro/d\\) .*" \
    "mkdir: make_dir in the folder"
has_line "$ERR" "seccomp-shim:   to allow it, add to \\[filesystem\\]: make_dir = $TMP/ll/ro" "... and the line"
run "$CLI" run -q --explain -p "$P" -- rm "$TMP/ll/ro/f"
[ -e "$TMP/ll/ro/f" ]
ok $? "control: rm is refused"
has_line "$ERR" "seccomp-shim: landlock refuses remove_file in $TMP/ll/ro \\(unlinkat of $TMP/ll/ro/f\\) .*" \
    "rm: remove_file in the folder"
run "$CLI" run -q --explain -p "$P" -- sh -c "mkdir $TMP/ll/rw/d && echo x > $TMP/ll/rw/d/f && cat $TMP/ll/rw/d/f && rm -r $TMP/ll/rw/d"
is "$STATUS/$OUT/$ERR" "0/x/" "making, writing, reading and removing beneath the write grant: no report"
# A relative path is resolved against the caller's directory.
run "$CLI" run -q --explain -p "$P" -- sh -c "cd $TMP/ll/secret && cat f"
has_line "$ERR" "seccomp-shim: landlock refuses read_file on $TMP/ll/secret/f \\(openat\\) .*" \
    "a relative path: reported as the absolute one"

# Executing a program no line grants.
cp "$PROGS/tcp_port" "$TMP/ll/ro/"
run "$CLI" run -q --explain -p "$P" -- sh -c "$TMP/ll/ro/tcp_port connect 9"
is "$STATUS" 126 "control: Landlock refuses the exec"
has_line "$ERR" "seccomp-shim: landlock refuses execute on $TMP/ll/ro/tcp_port \\(execve\\) .*" "a refused exec"

# TCP: connect and bind, to ports granted and not.
run "$CLI" run -q --explain -p "$P" -- "$PROGS/tcp_port" connect 7
is "$OUT" "connect 7: Permission denied" "control: Landlock refuses connect to port 7"
has_line "$ERR" "seccomp-shim: landlock refuses connect to TCP port 7 \\(connect\\) .*" "a refused connect: the port"
has_line "$ERR" "seccomp-shim:   decided by \\[network\\] \\($P:7\\): no line grants connect to port 7" \
    "... the section, and that no line grants it"
has_line "$ERR" "seccomp-shim:   to allow it, add to \\[network\\]: connect = 7" "... and the line"
run "$CLI" run -q --explain -p "$P" -- "$PROGS/tcp_port" connect 9
is "$OUT/$ERR" "connect 9: Connection refused/" "a granted connect: no report"
run "$CLI" run -q --explain -p "$P" -- "$PROGS/tcp_port" bind 7
is "$OUT" "bind 7: Permission denied" "control: Landlock refuses bind on port 7"
has_line "$ERR" "seccomp-shim: landlock refuses bind to TCP port 7 \\(bind\\) .*" "a refused bind"
run "$CLI" run -q --explain -p "$P" -- "$PROGS/tcp_port" bind 0
is "$OUT/$ERR" "bind 0: ok/" "a granted bind: no report"

# Signals: to a process outside the sandbox, and to one inside.
sleep 60 &
outside=$!
run "$CLI" run -q --explain -p "$P" -- kill -TERM "$outside"
kill -0 "$outside"
ok $? "control: Landlock refuses the signal to a process outside the sandbox"
has_line "$ERR" "seccomp-shim: landlock refuses signal 15 to pid $outside, outside the sandbox \\(kill\\) .*" \
    "a refused signal: the signal and the target"
has_line "$ERR" "seccomp-shim:   decided by \\[scope\\] \\($P:10\\): \`signals = yes\`: .*" "... and the section"
kill "$outside"
run "$CLI" run -q --explain -p "$P" -- sh -c 'sleep 30 & kill $!; wait; echo killed'
is "$OUT/$ERR" "killed/" "a signal inside the sandbox: no report"

# --complain: nothing is enforced; what Landlock would refuse is reported.
run "$CLI" run -q --complain -p "$P" -- sh -c "cat $TMP/ll/secret/f; $PROGS/tcp_port connect 7"
is "$OUT" $'secret\nconnect 7: Connection refused' "--complain: the read and the connect ran"
has_line "$ERR" "seccomp-shim: landlock would refuse read_file on $TMP/ll/secret/f \\(openat\\) .*" \
    "--complain: the read Landlock would refuse"
has_line "$ERR" "seccomp-shim: landlock would refuse connect to TCP port 7 \\(connect\\) .*" \
    "--complain: the connect Landlock would refuse"
has_line "$ERR" "seccomp-shim:   $FS: no line grants read_file on $TMP/ll/secret/f" "--complain: the section"
run "$CLI" run -q --complain -p "$P" -- cat "$TMP/ll/ro/f"
unlike "$ERR" "landlock would refuse" "--complain: a granted read: no report"

# Without --explain, nothing is said (Landlock's own bare EACCES).
run "$CLI" run -q -p "$P" -- cat "$TMP/ll/secret/f"
unlike "$ERR" "landlock refuses" "without --explain: no report"
done_testing
