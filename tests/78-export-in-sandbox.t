#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# export and compile write a filter for something else to install; they must
# work where seccomp(2) itself is refused (inside a sandbox, or valgrind,
# which does not know the syscall): libseccomp must not probe the kernel.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
NOSECCOMP='[policy]
default = allow
[syscalls]
seccomp = errno(EPERM)'

"$CLI" export --format bpf -o "$TMP/free.bpf" "$C/no-exec.ini"
"$CLI" compile -o "$TMP/free.bin" "$C/no-exec.ini"
for fmt in bpf pfc oci; do
    shim_ini "$NOSECCOMP" "$CLI" export --format $fmt -o "$TMP/boxed.$fmt" "$C/no-exec.ini"
    is "$STATUS:$ERR" "0:" "export --format $fmt works where seccomp() is refused"
done
cmp -s "$TMP/free.bpf" "$TMP/boxed.bpf"
ok $? "export --format bpf: the same program as outside the sandbox"
shim_ini "$NOSECCOMP" "$CLI" compile -o "$TMP/boxed.bin" "$C/no-exec.ini"
is "$STATUS:$ERR" "0:" "compile works where seccomp() is refused"
cmp -s "$TMP/free.bin" "$TMP/boxed.bin"
ok $? "compile: the same compiled policy as outside the sandbox"
# The compiled policy still works where it is installed.
run env SECCOMP_SHIM_POLICY="$TMP/boxed.bin" LD_PRELOAD="$SHIM" sh -c /bin/true
is "$STATUS" 126 "the compiled no-exec policy made in the sandbox refuses exec"

done_testing
