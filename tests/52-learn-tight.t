#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn --tight: a program that uses UNIX sockets gets a policy that allows
# UNIX sockets only; the same program reaching for an INET socket is killed.
# A program that starts threads and forks gets a policy under which neither
# clone nor clone3 can create a user namespace.
. "$(dirname "$0")/lib.sh"

# Serves one line over a UNIX socket to itself; with an argument it then also
# makes an INET socket.
cat >"$TMP/unix.py" <<'PY'
import os, socket, sys
path = os.path.join(sys.argv[1], "sock")
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
server.listen(1)
client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
client.connect(path)
conn, _ = server.accept()
client.sendall(b"ping over unix")
print(conn.recv(64).decode(), flush=True)
if len(sys.argv) > 2:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    print("inet socket made")
PY
mkdir "$TMP/l" "$TMP/r"

run "$CLI" learn --tight -o "$TMP/tight.ini" -- "$PY" "$TMP/unix.py" "$TMP/l"
is "$STATUS.$OUT" "0.ping over unix" "tight: program ran while learning"
policy=$(cat "$TMP/tight.ini")
# AF_UNIX is 1: the only socket line allows it, by name (issue 13), seen twice.
is "$(printf '%s\n' "$policy" | grep -E '^socket ')" "socket = allow if arg0 == AF_UNIX ; seen 2 times" \
    "tight: socket allowed for AF_UNIX only, written as AF_UNIX"
like "$policy" 'ioctl = allow if arg1 == ' "tight: ioctl restricted to the requests seen"
run "$CLI" check "$TMP/tight.ini"
is "$STATUS.$ERR" "0." "tight: the policy is valid"

shim_file "$TMP/tight.ini" "$PY" "$TMP/unix.py" "$TMP/r"
is "$STATUS.$OUT" "0.ping over unix" "tight: same program, same output under the policy"
rm -f "$TMP/r/sock"
shim_file "$TMP/tight.ini" "$PY" "$TMP/unix.py" "$TMP/r" inet
is "$STATUS" 159 "tight: an INET socket is refused (SIGSYS)"
is "$OUT" "ping over unix" "tight: killed at the INET socket, not before"

# Without --tight socket keeps its family too (issue 19; tests/59): the
# control is the policy with that condition removed.
rm -f "$TMP/l/sock" "$TMP/r/sock"
run "$CLI" learn -o "$TMP/loose.ini" -- "$PY" "$TMP/unix.py" "$TMP/l"
has=$(grep -E '^socket ' "$TMP/loose.ini")
is "$has" "socket = allow if arg0 == AF_UNIX ; seen 2 times" "loose: socket allowed for AF_UNIX only"
shim_file "$TMP/loose.ini" "$PY" "$TMP/unix.py" "$TMP/r" inet
is "$STATUS" 159 "loose: the INET socket is refused"
rm -f "$TMP/r/sock"
sed 's/^socket = .*/socket = allow/' "$TMP/loose.ini" >"$TMP/any.ini"
shim_file "$TMP/any.ini" "$PY" "$TMP/unix.py" "$TMP/r" inet
is "$STATUS" 0 "loose: control: with socket whole the INET socket is allowed"

# Several values of one argument are alternatives: one line each.
run "$CLI" learn --tight -o "$TMP/two.ini" -- "$PY" -c 'import socket
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)'
is "$(grep -E '^socket ' "$TMP/two.ini" | sed 's/ ;.*//')" \
    $'socket = allow if arg0 == AF_UNIX\nsocket = allow if arg0 == AF_INET6' "tight: two domains, two lines, sorted"

# clone: seccomp checks clone's flags but cannot read clone3's (a struct), so
# a tight policy refuses clone3 with ENOSYS and allows the flags glibc then
# passes to clone: those of the threads and spawns learned through clone3.
CP=$PROGS/clone-paths
run "$CLI" learn --tight -o "$TMP/clone.ini" -- "$CP"
is "$STATUS.$OUT" "0.thread, fork and spawn done" "clone: the program ran while learning"
policy=$(cat "$TMP/clone.ini")
unlike "$policy" '^clone3 = allow' "clone: clone3 is not allowed"
like "$policy" '^clone3 = errno\(ENOSYS\) ; seen' "clone: clone3 gets ENOSYS"
# glibc 2.36's thread flags: VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID.
like "$policy" '^clone = allow if arg0 == 0x3d0f00 ; seen 1 time as clone3' \
    "clone: the thread's clone3 flags are allowed on clone"
like "$policy" '^clone = allow if arg0 == 0x4111 ; seen 1 time as clone3' \
    "clone: posix_spawn's clone3 flags (VM|VFORK|SIGCHLD) are allowed on clone"
like "$policy" '^clone = allow if arg0 == 0x1200011 ; seen 1 time$' "clone: fork's flags allowed"
run "$CLI" check "$TMP/clone.ini"
is "$STATUS.$ERR" "0." "clone: the policy is valid, no warnings"

shim_file "$TMP/clone.ini" "$CP"
is "$STATUS.$OUT" "0.thread, fork and spawn done" "clone: threads, fork and spawn work under the policy"
run "$CLI" run -p "$TMP/clone.ini" -- "$CP"
is "$STATUS.$OUT" "0.thread, fork and spawn done" "clone: the same through run"
shim_file "$TMP/clone.ini" "$CP" clone3-newuser
is "$STATUS.$OUT" $'0.thread, fork and spawn done\nclone3: Function not implemented' \
    "clone: clone3(CLONE_NEWUSER) fails with ENOSYS, no child, no namespace"
shim_file "$TMP/clone.ini" "$CP" clone-newuser
is "$STATUS.$OUT" $'159.thread, fork and spawn done' "clone: clone(CLONE_NEWUSER) is killed"

# The attack is real: with clone3 allowed, as learn used to write it, the
# same program gets a child in a new user namespace, and the lint says why.
sed 's/^clone3 = errno(ENOSYS).*/clone3 = allow/' "$TMP/clone.ini" >"$TMP/clone3-allowed.ini"
run "$CLI" check "$TMP/clone3-allowed.ini"
like "$ERR" "warning: clone has conditions but clone3 is allowed: clone3 bypasses" \
    "clone: the lint warns about clone3 = allow beside clone's conditions"
run "$CP" clone3-newuser
if [ "$OUT" = $'thread, fork and spawn done\nchild: a new user namespace\nclone3: created a child' ]; then
    shim_file "$TMP/clone3-allowed.ini" "$CP" clone3-newuser
    like "$OUT" "child: a new user namespace" "clone: clone3 = allow would let a user namespace through"
else
    echo "# skipped: this machine does not let this user create user namespaces"
fi

done_testing
