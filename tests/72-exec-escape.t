#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 7 items 6-8: the filter belongs to the process, not to LD_PRELOAD.
# Nested execs do not stack it; dropping the environment, unsetting
# LD_PRELOAD, exec'ing a static binary or a setuid-root one does not shed it.
. "$(dirname "$0")/lib.sh"

# 200 nested execs, the shim loaded at every level with the same policy.
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/execself" 200
like "$OUT" "Seccomp:[[:space:]]+2" "200 nested execs: still in filter mode at the bottom"
like "$OUT" "Seccomp_filters:[[:space:]]+1\$" "200 nested execs: exactly one filter (no stacking)"
is "$STATUS" 159 "200 nested execs: uname still kills at the bottom"
unlike "$ERR" "exec|Cannot allocate" "200 nested execs: no exec failure, no ENOMEM"
shim_ini $'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill' "$PROGS/execself" 200
like "$OUT" "Seccomp_filters:[[:space:]]+2\$" "explain, 200 execs: the policy and its guard, once"
like "$ERR" "policy kills syscall uname" "explain, 200 execs: the handler is re-armed at the bottom"
is "$STATUS" 159 "explain, 200 execs: uname kills at the bottom"

# env -i: no LD_PRELOAD, no policy, no marker in the child; the kernel keeps the filter.
shim_file "$ROOT/conf/deny-uname.ini" env -i "$PROGS/uname"
is "$STATUS/$OUT" "159/" "env -i: the uname program is still killed"
shim_file "$ROOT/conf/deny-uname.ini" env -i /bin/sh -c 'uname; echo "status $?"'
is "$OUT" "status 159" "env -i sh -c uname: uname dies by SIGSYS, the shell goes on"

# unsetenv("LD_PRELOAD") and the shim's variables, then exec.
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/exec_clean" "$PROGS/uname"
is "$STATUS/$OUT" "159/" "unsetenv(LD_PRELOAD) + exec: still killed"
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/exec_clean" /bin/sh -c 'echo "[$LD_PRELOAD]"; uname'
is "$OUT" "[]" "unsetenv + exec: the child really has no LD_PRELOAD"
is "$STATUS" 159 "unsetenv + exec: ... and its uname is killed"

# A static binary: LD_PRELOAD means nothing to it, the inherited filter does.
readelf -l "$PROGS/uname-static" | grep -q INTERP
is "$?" 1 "uname-static is static (no program interpreter)"
run "$PROGS/uname-static"
is "$STATUS/$OUT" "0/Linux" "control: the static binary works unsandboxed"
run env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" "$PROGS/uname-static"
is "$STATUS/$OUT" "0/Linux" "(started directly, a static binary escapes the shim: out of its reach)"
shim_file "$ROOT/conf/deny-uname.ini" "$PROGS/exec_clean" "$PROGS/uname-static"
is "$STATUS/$OUT" "159/" "a static binary exec'd from a sandboxed process is killed"

# setuid-root, exec'd by an unprivileged sandboxed process.
SUID=$TMP/ids-suid
cp "$PROGS/ids" "$SUID"
chown root:root "$SUID"
chmod 4755 "$SUID"
as_nobody_copies
cp "$PROGS/exec_clean" "$TMP/world/"
findmnt -no OPTIONS -T "$TMP" | grep -qw nosuid
is "$?" 1 "the test folder is not mounted nosuid"
run "${AS_NOBODY[@]}" "$SUID" quiet
is "$OUT" "ruid=65534 euid=0 nnp=0" "control: unsandboxed, nobody gets euid 0 from the setuid copy"
run "${AS_NOBODY[@]}" env SECCOMP_SHIM_POLICY="$W_CONF/deny-uname.ini" LD_PRELOAD="$W_SHIM" \
    /bin/sh -c "exec $SUID"
like "$OUT" "^ruid=65534 euid=65534 nnp=1" "sandboxed: the setuid program gains no privilege (no_new_privs)"
is "$STATUS" 159 "sandboxed: the setuid program stays filtered (uname kills)"
run "${AS_NOBODY[@]}" env SECCOMP_SHIM_POLICY="$W_CONF/deny-uname.ini" LD_PRELOAD="$W_SHIM" \
    "$TMP/world/exec_clean" "$SUID"
like "$OUT" "^ruid=65534 euid=65534 nnp=1" "sandboxed, LD_PRELOAD unset: still no privilege"
is "$STATUS" 159 "sandboxed, LD_PRELOAD unset: still filtered"

done_testing
