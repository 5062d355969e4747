#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Landlock on kernels older than this one (tests/unit/landlock_abi.c): what
# `landlock = required` refuses and what best-effort drops, one warning line
# per right, while the real kernel enforces the rest. It prints TAP itself.
abi=$(/usr/bin/python3 -c 'import ctypes; print(ctypes.CDLL(None).syscall(444, None, 0, 1))')
if [ "$abi" -lt 6 ]; then
    echo "1..0 # SKIP the kernel's Landlock ABI is $abi; the cases need 6 to compare with"
    exit 0
fi
exec "$(dirname "$0")/../build/tests/unit/landlock_abi"
