#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shim core: the classic experiments on real binaries.
. "$(dirname "$0")/lib.sh"

shim_file "$ROOT/conf/deny-uname.ini" uname -a
is "$STATUS" 159 "deny-uname: uname dies by SIGSYS"
is "$OUT" "" "deny-uname: uname printed nothing"

shim_file "$ROOT/conf/deny-uname.ini" ls "$ROOT/conf"
is "$STATUS" 0 "deny-uname: ls runs"
like "$OUT" "deny-uname.ini" "deny-uname: ls lists conf/"

shim_ini $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM)' uname
is "$STATUS" 1 "errno(EPERM): uname fails instead of dying"
like "$ERR" "Operation not permitted" "errno(EPERM): uname reports EPERM"

shim_ini $'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == 2 && arg1 & 15 == 1' \
    "$PY" -c 'import socket
socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("others ok")
socket.socket(socket.AF_INET, socket.SOCK_STREAM)'
like "$OUT" "others ok" "condition: AF_UNIX and UDP sockets pass"
like "$ERR" "PermissionError" "condition: AF_INET stream socket refused with EACCES"

done_testing
