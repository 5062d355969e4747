#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# [network] and the TCP that Landlock's rights do not see (issue 20). Landlock
# checks bind and connect on IPPROTO_TCP sockets only: an MPTCP socket
# (socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)) connects to any TCP listener,
# and listen() on an unbound socket binds an ephemeral port without a bind()
# to check. tests/progs/tcp_reach.c attacks; the controls show each attack
# works without the policy.
. "$(dirname "$0")/lib.sh"
R=$PROGS/tcp_reach

abi=$(landlock_abi)
if [ "$abi" -lt 4 ]; then
    echo "1..0 # SKIP the kernel's Landlock ABI is $abi; [network] needs 4"
    exit 0
fi

# Two local listeners: the first port is granted, the second never is.
"$PY" "$ROOT/tests/data/tcp-listeners.py" 120 >"$TMP/ports" </dev/null &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/ports" ] && break; sleep 0.1; done
read -r port other <"$TMP/ports"

# ---- MPTCP ---------------------------------------------------------------
run "$R" tcp "$other"
is "$STATUS:$OUT" "0:connected" "control: plain TCP reaches the ungranted listener without a policy"
run "$R" mptcp "$other"
if [ "$STATUS:$OUT" != "0:connected" ]; then
    echo "# SKIP MPTCP checks: socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP) fails here ($OUT)"
else
    ok 0 "control: MPTCP reaches the ungranted listener without a policy"
    allow="[policy]
default = allow
[network]
connect = $port
[syscalls]
socket = allow"
    shim_ini "$allow" "$R" tcp "$other"
    is "$OUT" "connect: errno 13" "socket = allow: plain TCP to the ungranted port gets EACCES (Landlock)"
    shim_ini "$allow" "$R" mptcp "$other"
    is "$STATUS:$OUT" "1:socket: errno 93" \
        "socket = allow: the MPTCP socket is refused (EPROTONOSUPPORT), whatever [syscalls] says"
    shim_ini "$allow" "$R" mptcp-hi "$other"
    is "$STATUS:$OUT" "1:socket: errno 93" "...also with the upper halves of the arguments set"
    shim_ini "$allow" "$R" tcp "$port"
    is "$STATUS:$OUT" "0:connected" "...while plain TCP to the granted port still works"
    shim_ini "[policy]
default = allow
[network]
bind = $port" "$R" mptcp "$other"
    is "$STATUS:$OUT" "1:socket: errno 93" "a [network] with bind only refuses MPTCP too"
    shim_ini "[policy]
default = allow
[syscalls]
socket = allow" "$R" mptcp "$other"
    is "$STATUS:$OUT" "0:connected" "without [network] MPTCP is the policy's business: it connects"

    # What learn --network writes: the ports it saw, socket allowed.
    for tight in "" --tight; do
        run "$CLI" learn --network $tight -o "$TMP/learned.ini" -- "$R" tcp "$port"
        is "$STATUS:$OUT" "0:connected" "learn --network $tight: the control connects while learning"
        shim_file "$TMP/learned.ini" "$R" tcp "$port"
        is "$STATUS:$OUT" "0:connected" "learn --network $tight: the learned policy lets it connect again"
        shim_file "$TMP/learned.ini" "$R" mptcp "$other"
        is "$STATUS:$OUT" "1:socket: errno 93" \
            "learn --network $tight: the learned policy refuses the MPTCP socket"
    done
fi

# ---- listen() on an unbound socket -----------------------------------------
# listening CMD...: runs CMD... `tcp_reach listen` in the background, connects
# to the port it prints from here, sets STATUS and OUT.
listening() {
    local pid lport
    rm -f "$TMP/listen.out"
    "$@" "$R" listen >"$TMP/listen.out" 2>/dev/null </dev/null &
    pid=$!
    for _ in $(seq 100); do
        grep -q '^listening on\|errno' "$TMP/listen.out" 2>/dev/null && break
        sleep 0.1
    done
    lport=$(sed -n 's/^listening on //p' "$TMP/listen.out")
    [ -n "$lport" ] && "$PY" -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)' "$lport"
    wait "$pid"
    STATUS=$?
    OUT=$(sed 's/^listening on [0-9]*$/listening/' "$TMP/listen.out" | tr '\n' ' ')
}
under() { # under INI CMD...: CMD under the shim with policy text INI
    SECCOMP_SHIM_INI=$1 LD_PRELOAD=$SHIM "${@:2}"
}
listening env
is "$STATUS:$OUT" "0:listening accepted " "control: listen() binds an ephemeral port and accepts without a policy"
for net in "bind = none" "connect = $port"; do
    listening under "[policy]
default = allow
[network]
$net"
    is "$STATUS:$OUT" "1:listen: errno 13 " "[network] with $net (no bind granted): listen() gets EACCES"
done
listening under "[policy]
default = allow
[network]
bind = $port"
is "$STATUS:$OUT" "0:listening accepted " \
    "a bind grant lets listen() through (Landlock checks bind() only: documented limit)"

# learn --network on a program that listens without bind(): it bound no port,
# so the learned policy grants none, and refuses the listen.
listening "$CLI" learn --network -o "$TMP/learned-listen.ini" --
is "$STATUS:$OUT" "0:listening accepted " "learn --network: the listening program runs while learning"
has_line "$(cat "$TMP/learned-listen.ini")" 'connect = none.*' "learn --network: no port granted"
listening env SECCOMP_SHIM_POLICY="$TMP/learned-listen.ini" LD_PRELOAD="$SHIM"
is "$STATUS:$OUT" "1:listen: errno 13 " "learn --network: the learned policy (no bind) refuses listen()"

done_testing
