#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# from-strace keeps the deciding argument of the calls learn keeps it for
# (socket's family, clone's flags, unshare's namespaces...): a policy from a
# trace grants no more than the trace shows. An argument it cannot read is
# reported by line and no policy is written (fail closed).
. "$(dirname "$0")/lib.sh"

cat >"$TMP/args" <<'TRACE'
100 execve("/bin/true", ["true"], 0x7ffd2c1fdd58 /* 1 var */) = 0
100 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3
100 unshare(CLONE_NEWUSER) = 0
100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f1) = 101
100 clone(child_stack=NULL, flags=CLONE_NEWNET|SIGCHLD <unfinished ...>
101 exit_group(0) = ?
100 <... clone resumed>, child_tidptr=0x7f1) = 102
100 clone3({flags=CLONE_VM|CLONE_VFORK|CLONE_CLEAR_SIGHAND, exit_signal=SIGCHLD, stack=0x7f2, stack_size=0x9000}, 88) = 103
100 exit_group(0) = ?
TRACE
for mode in "" --exact; do
    run "$CLI" from-strace $mode -o "$TMP/args$mode.ini" "$TMP/args"
    is "$STATUS.$ERR" "0." "from-strace $mode: trace with arguments read"
    p=$(cat "$TMP/args$mode.ini")
    has_line "$p" 'socket = allow if arg0 == AF_UNIX ; seen 1 time' "from-strace $mode: socket only for AF_UNIX"
    no_line "$p" 'socket = allow( ;.*)?' "from-strace $mode: no whole socket line"
    has_line "$p" 'unshare = allow if arg0 == CLONE_NEWUSER ; seen 1 time' "from-strace $mode: unshare only for CLONE_NEWUSER"
    no_line "$p" 'unshare = allow( ;.*)?' "from-strace $mode: no whole unshare line"
    has_line "$p" 'clone = allow if arg0 & 0x7e020000 == 0 ; seen .*' "from-strace $mode: clone without namespace flags"
    has_line "$p" 'clone = allow if arg0 == (CLONE_NEWNET\|SIGCHLD|SIGCHLD\|CLONE_NEWNET|0x40000011) ; seen 1 time' \
        "from-strace $mode: the namespace clone exactly (read from an unfinished line)"
    no_line "$p" 'clone = allow( ;.*)?' "from-strace $mode: no whole clone line"
    has_line "$p" 'clone3 = errno\(ENOSYS\) ; .*' "from-strace $mode: clone3 errno(ENOSYS)"
    run "$CLI" check "$TMP/args$mode.ini"
    is "$STATUS" 0 "from-strace $mode: the policy is valid"
    run "$CLI" test "$TMP/args$mode.ini" 'socket(AF_INET, SOCK_STREAM, 0)' 'unshare(CLONE_NEWNET)'
    like "$OUT" 'socket\(0x2.*kill_process' "from-strace $mode: AF_INET socket refused"
    like "$OUT" 'unshare\(0x40000000.*kill_process' "from-strace $mode: other namespace refused"
done

# A deciding argument that cannot be read: reported by line, no policy.
cat >"$TMP/unread" <<'TRACE'
100 execve("/bin/true", ["true"], 0x7ffd2c1fdd58 /* 1 var */) = 0
100 socket(AF_FROBNICATE, SOCK_STREAM, 0) = 3
100 unshare(...) = 0
100 clone(child_stack=NULL, child_tidptr=0x7f1) = 101
100 clone3({exit_signal=SIGCHLD, ...}, 88) = 103
100 socket( <unfinished ...>
100 <... socket resumed>AF_UNIX, SOCK_STREAM, 0) = 4
100 socket(AF_UNIX, SOCK_STREAM, 0) = 5
TRACE
run "$CLI" from-strace -o "$TMP/unread.ini" "$TMP/unread"
is "$STATUS" 1 "unreadable argument: exit 1"
like "$ERR" "$TMP/unread:2: socket: .*AF_FROBNICATE" "unreadable: unknown constant at line 2"
like "$ERR" "$TMP/unread:3: unshare: " "unreadable: ... at line 3"
like "$ERR" "$TMP/unread:4: clone: .*flags" "unreadable: clone without flags= at line 4"
like "$ERR" "$TMP/unread:5: clone3: .*flags" "unreadable: clone3 without flags at line 5"
like "$ERR" "$TMP/unread:6: socket: " "unreadable: unfinished before the argument at line 6"
unlike "$ERR" "$TMP/unread:(1|7|8):" "unreadable: readable lines not reported"
[ -e "$TMP/unread.ini" ]
is "$?" 1 "unreadable: no policy file written"

# A real trace: the policy from it allows the AF_UNIX socket the program
# made, and kills an AF_INET one (the control shows the same program
# otherwise runs, and that AF_INET works without the policy).
code='import socket, sys; socket.socket(getattr(socket, sys.argv[1])); print("made")'
strace -f -o "$TMP/real" "$PY" -c "$code" AF_UNIX >/dev/null
like "$(cat "$TMP/real")" 'socket\(AF_UNIX, ' "strace saw socket(AF_UNIX, ...)"
run "$CLI" from-strace -o "$TMP/real.ini" "$TMP/real"
is "$STATUS.$ERR" "0." "real trace read"
has_line "$(cat "$TMP/real.ini")" 'socket = allow if arg0 == AF_UNIX ; seen 1 time' "real trace: socket for AF_UNIX only"
run "$PY" -c "$code" AF_INET
is "$STATUS.$OUT" "0.made" "control: AF_INET socket works without the policy"
run "$CLI" run --direct -p "$TMP/real.ini" -- "$PY" -c "$code" AF_UNIX
is "$STATUS.$OUT" "0.made" "control: AF_UNIX socket runs under the policy from strace"
run "$CLI" run --direct -p "$TMP/real.ini" -- "$PY" -c "$code" AF_INET
is "$STATUS.$OUT" "159." "AF_INET socket killed (SIGSYS) under the policy from strace"

done_testing
