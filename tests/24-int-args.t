#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# 32-bit arguments (engine/harden.c): the kernel reads an `int` argument from
# the low half of the register, the filter sees all 64 bits and the caller
# picks the upper half. A stricter-than-default rule must not be escaped by
# setting it; what cannot be made safe is warned about.
. "$(dirname "$0")/lib.sh"

hi=$(
    cat <<'PYEOF'
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
for fam in (2, 0x100000002, 0xffffffff00000002):
    fd = libc.syscall(41, ctypes.c_long(fam), 1, 0)  # socket(fam, SOCK_STREAM, 0)
    print(hex(fam), "fd" if fd >= 0 else "errno %d" % ctypes.get_errno())
PYEOF
)
run "$PY" -c "$hi"
is "$OUT" $'0x2 fd\n0x100000002 fd\n0xffffffff00000002 fd' \
    "unsandboxed: the kernel reads 0x100000002 and 0xffffffff00000002 as AF_INET"

deny=$'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == AF_INET'
shim_ini "$deny" "$PY" -c "$hi"
is "$OUT" $'0x2 errno 13\n0x100000002 errno 13\n0xffffffff00000002 errno 13' \
    "a deny rule on arg0 == AF_INET is not escaped with the upper 32 bits set"

run "$CLI" check -v "$(policy "$deny")"
like "$OUT" "socket +41 +errno\(EACCES\) +arg0 & 0xffffffff == AF_INET" "check -v shows the low-32-bit comparison"

# Stricter than another rule for the same syscall, not only than the default
# (review): with `socket = allow if arg1 == SOCK_STREAM` beside it, an errno
# rule on AF_INET that kept its 64-bit comparison was escaped with the upper
# half set, the allow rule then matching. So was conf/podman-default.ini's
# NETLINK_AUDIT refusal.
between=$'[policy]\ndefault = kill_process\n[syscalls]\n@default = allow\n@basic-io = allow\n@file-system = allow\n@process = allow\n@signal = allow\n@io-event = allow\n@ipc = allow\n@network-io = allow\nioctl = allow\nprctl = allow\nsocket = allow if arg1 == SOCK_STREAM\nsocket = errno(EACCES) if arg0 == AF_INET'
shim_ini "$between" "$PY" -c "$hi"
is "$STATUS:$OUT" $'0:0x2 errno 13\n0x100000002 errno 13\n0xffffffff00000002 errno 13' \
    "a deny rule stricter than an allow rule (laxer than the default) is not escaped to the allow rule"
# ... and not by widening that rule: r's action, laxer than the default, for
# calls that got the default would let a 64-bit argument through (review:
# lseek(fd, 0x100001000) ran under `lseek = log if arg1 == 4096`).
seek=$'[policy]\ndefault = kill_process\n[syscalls]\n@system-service = allow\nlseek = allow if arg2 == 1\nlseek = log if arg1 == 4096'
lseek='import os, ctypes
fd = os.open("/dev/null", os.O_RDONLY)
libc = ctypes.CDLL(None); libc.syscall.restype = ctypes.c_long
print(hex(libc.syscall(8, fd, ctypes.c_long(0x1000), 0)))
print(hex(libc.syscall(8, fd, ctypes.c_long(0x100001000), 0)))'
shim_ini "$seek" "$PY" -c "$lseek"
is "$STATUS:$OUT" $'159:0x0' "lseek(fd, 4096) is logged and runs; lseek(fd, 0x100001000), which no rule allows, is killed"
run "$CLI" check -v "$(policy "$seek")"
like "$OUT" "lseek .* log +arg1 & 0xffffffff == 0x1000 && arg1 > 0xffffffff && arg2 == 0x1" \
    "check -v shows the companion rule: the upper half set, and the laxer rule's conditions"
# ... nor kill what the literal policy allows (review: a 4 GiB seek matching
# the laxer allow rule was killed by the first companion, which had the
# default's action): such a call gets the stricter rule's action, log.
seek2=$'[policy]\ndefault = kill_process\n[syscalls]\n@system-service = allow\nlseek = allow if arg0 < 1024\nlseek = log if arg1 == 0'
shim_ini "$seek2" "$PY" -c 'import os; fd = os.open("/etc/passwd", os.O_RDONLY); print(os.lseek(fd, 1 << 32, 0))'
is "$STATUS:$OUT" "0:4294967296" "a 4 GiB seek the allow rule covers still runs (logged)"
# The companions are the engine's own: merge writes the policy's lines only.
run "$CLI" merge "$(policy "$between")" "$(policy "$between")"
unlike "$OUT" "0xffffffff" "merge does not write the hardening's companion rules"
printf '%s\n' "$OUT" >"$TMP/merged.ini"
run "$CLI" check "$TMP/merged.ini"
is "$STATUS" 0 "...and what it writes loads"
podman=$(
    cat <<'PYEOF'
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
for fam, proto in ((16, 9), (0x100000010, 9), (16, 0x100000009)):
    fd = libc.syscall(41, ctypes.c_long(fam), 3, ctypes.c_long(proto))  # NETLINK_AUDIT
    print("fd" if fd >= 0 else "errno %d" % ctypes.get_errno())
PYEOF
)
shim_file "$ROOT/conf/podman-default.ini" "$PY" -c "$podman"
is "$OUT" $'errno 22\nerrno 22\nerrno 22' \
    "podman-default: NETLINK_AUDIT sockets stay refused (EINVAL) with the upper halves set"

allow=$'[policy]\ndefault = errno(EPERM)\n[syscalls]\nsocket = allow if arg0 == AF_UNIX'
run "$CLI" check -v "$(policy "$allow")"
like "$OUT" "socket +41 +allow +arg0 == AF_UNIX" "an allow rule keeps the exact 64-bit comparison (stricter)"

run "$CLI" check "$(policy $'[policy]\ndefault = kill\n[syscalls]\nsocket = allow if arg0 != AF_NETLINK')"
like "$ERR" "warning: .arg0 != 0x10. lets more through than it says" "a laxer != rule is warned about"
run "$CLI" check "$(policy $'[policy]\ndefault = allow\n[syscalls]\nsocket = kill if arg0 < 3')"
like "$ERR" "warning: .arg0 < 0x3. can be escaped" "a stricter < rule is warned about"
run "$CLI" check "$(policy $'[policy]\ndefault = allow\n[syscalls]\nsocket = kill if arg0 > 3')"
unlike "$ERR" "32-bit" "a stricter > rule is safe: no 32-bit warning"
done_testing
