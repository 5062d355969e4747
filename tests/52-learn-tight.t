#!/bin/bash
# learn --tight: a program that uses UNIX sockets gets a policy that allows
# UNIX sockets only; the same program reaching for an INET socket is killed.
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
# AF_UNIX is 1: the only socket line allows arg0 == 1, seen twice.
is "$(printf '%s\n' "$policy" | grep -E '^socket ')" "socket = allow if arg0 == 1 ; seen 2 times" \
    "tight: socket allowed for AF_UNIX only"
like "$policy" 'ioctl = allow if arg1 == ' "tight: ioctl restricted to the requests seen"
run "$CLI" check "$TMP/tight.ini"
is "$STATUS.$ERR" "0." "tight: the policy is valid"

shim_file "$TMP/tight.ini" "$PY" "$TMP/unix.py" "$TMP/r"
is "$STATUS.$OUT" "0.ping over unix" "tight: same program, same output under the policy"
rm -f "$TMP/r/sock"
shim_file "$TMP/tight.ini" "$PY" "$TMP/unix.py" "$TMP/r" inet
is "$STATUS" 159 "tight: an INET socket is refused (SIGSYS)"
is "$OUT" "ping over unix" "tight: killed at the INET socket, not before"

# Without --tight the same learning allows any socket: --tight is what refuses.
rm -f "$TMP/l/sock" "$TMP/r/sock"
run "$CLI" learn -o "$TMP/loose.ini" -- "$PY" "$TMP/unix.py" "$TMP/l"
has=$(grep -E '^socket ' "$TMP/loose.ini")
is "$has" "socket = allow ; seen 2 times" "loose: socket allowed unconditionally"
shim_file "$TMP/loose.ini" "$PY" "$TMP/unix.py" "$TMP/r" inet
is "$STATUS" 0 "loose: the INET socket is allowed"

# Several values of one argument are alternatives: one line each.
run "$CLI" learn --tight -o "$TMP/two.ini" -- "$PY" -c 'import socket
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)'
is "$(grep -E '^socket ' "$TMP/two.ini" | sed 's/ ;.*//')" \
    $'socket = allow if arg0 == 1\nsocket = allow if arg0 == 10' "tight: two domains, two lines, sorted"

done_testing
