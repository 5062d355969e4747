#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# io_uring opens, reads, writes files and creates sockets from its ring: the
# kernel performs the operation, no syscall is made that seccomp could see.
# The ready policies that restrict files or networking must refuse io_uring
# itself. tests/progs/uring_file.c attacks with raw syscalls (no liburing).
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
U=$PROGS/uring_file

echo "the secret" >"$TMP/secret"

# The attack works on this kernel: without the shim io_uring reads, writes and
# creates an INET socket.
run "$U" read "$TMP/secret"
is "$STATUS:$OUT" "0:read 11 bytes: the secret" "without the shim: IORING_OP_OPENAT + IORING_OP_READ read the file"
run "$U" write "$TMP/written" pwned
is "$STATUS:$OUT:$(cat "$TMP/written" 2>/dev/null)" "0:wrote 5 bytes:pwned" \
    "without the shim: IORING_OP_OPENAT + IORING_OP_WRITE create and write a file"
rm -f "$TMP/written"
run "$U" socket
like "$STATUS:$OUT" "^0:socket [0-9]+$" "without the shim: IORING_OP_SOCKET creates an INET socket"

# What each policy says happens to io_uring_setup: refused with an errno where
# its header says so (the program goes on and can fall back), killed where
# the policy kills everything it does not list.
refused() { # POLICY ERRNO
    local f=$C/$1 name=$1 e=$2 what
    for what in "read $TMP/secret" "write $TMP/written pwned" socket; do
        shim_file "$f" "$U" $what
        is "$STATUS:$OUT" "3:io_uring_setup refused: errno $e" "$name: io_uring ${what%% *} refused at io_uring_setup with errno $e"
    done
    ok "$([ ! -e "$TMP/written" ]; echo $?)" "$name: no file was written through io_uring"
}
refused read-only.ini 38      ; # io_uring_setup = errno(ENOSYS)
refused no-network.ini 38     ; # io_uring_setup = errno(ENOSYS)
refused docker-default.ini 1  ; # not in Docker's list: default = errno(EPERM)
refused podman-default.ini 38 ; # not in Podman's list: default = errno(ENOSYS)

# The headers promise exactly these answers.
like "$(cat "$C/read-only.ini")" "io_uring is refused with ENOSYS" "read-only.ini says io_uring gets ENOSYS"
like "$(cat "$C/no-network.ini")" "io_uring is refused with ENOSYS" "no-network.ini says io_uring gets ENOSYS"
for p in read-only no-network; do
    run "$CLI" check -v "$C/$p.ini"
    for s in io_uring_setup io_uring_enter io_uring_register; do
        like "$OUT" "(^|[[:space:]])$s[[:space:]].*errno\(ENOSYS\)" "$p.ini: $s = errno(ENOSYS) in the resolved rules"
    done
done

# Allowlists kill it like any syscall they do not list; strict mode is SIGKILL.
killed() { # POLICY STATUS
    shim_file "$C/$1" "$U" read "$TMP/secret"
    is "$STATUS:$OUT" "$2:" "$1: io_uring_setup kills the program (status $2), nothing read"
}
killed allowlist.ini 159
killed stdio-only.ini 159
killed strict.ini 137

# Policies that do not restrict files or networking leave io_uring alone: the
# test above can tell the difference.
shim_file "$C/no-exec.ini" "$U" read "$TMP/secret"
is "$STATUS:$OUT" "0:read 11 bytes: the secret" "no-exec.ini (not about files) lets io_uring read"

done_testing
