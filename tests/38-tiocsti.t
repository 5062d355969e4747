#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 20: a sandboxed program must not push input into a terminal that
# outlives it (ioctl TIOCSTI, and TIOCLINUX), or the shell that started it
# runs the pushed line unsandboxed when it exits. Through a real
# pseudo-terminal: tools/pty-shell.py plays the shell and prints what is
# left in the terminal's input queue after the program exits.
. "$(dirname "$0")/lib.sh"

DRIVE=$ROOT/tests/tools/pty-shell.py
PROG=$PROGS/tiocsti
LINE='touch /refused'
ALLOW=$'[policy]\ndefault = allow'

# pty CMD...: runs CMD as the pty shell's child; OUT is its report.
pty() { run "$PY" "$DRIVE" "$@"; }
flat() { printf '%s' "$1" | tr '\n' ' '; }

if [ -r /proc/sys/dev/tty/legacy_tiocsti ] && [ "$(cat /proc/sys/dev/tty/legacy_tiocsti)" = 0 ]; then
    echo "1..0 # SKIP dev.tty.legacy_tiocsti = 0: this kernel refuses TIOCSTI to everyone"
    exit 0
fi

# Controls: without the shim the attack works.
pty "$PROG" "$LINE"
is "$OUT" "status=0 queued=$LINE" "control: unsandboxed, the pushed line waits for the shell"
pty "$PROG" --high "$LINE"
is "$OUT" "status=0 queued=$LINE" "control: the kernel drops the upper 32 bits of the command"
pty "$PROG" --linux
unlike "$ERR" "Operation not permitted" "control: TIOCLINUX is not refused with EPERM unsandboxed"

# The bare LD_PRELOAD path, with a policy that allows everything.
pty env SECCOMP_SHIM_INI="$ALLOW" LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "LD_PRELOAD, default = allow: TIOCSTI refused with EPERM, nothing queued"
pty env SECCOMP_SHIM_INI="$ALLOW" LD_PRELOAD="$SHIM" "$PROG" --high "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "LD_PRELOAD, default = allow: upper 32 bits set, still refused"
pty env SECCOMP_SHIM_INI="$ALLOW" LD_PRELOAD="$SHIM" "$PROG" --linux
is "$ERR" "TIOCLINUX: Operation not permitted" "LD_PRELOAD, default = allow: TIOCLINUX refused"
pty env SECCOMP_SHIM_INI="$ALLOW" LD_PRELOAD="$SHIM" "$PROG" --linux --high
is "$ERR" "TIOCLINUX: Operation not permitted" "LD_PRELOAD: TIOCLINUX with upper bits refused"
pty env SECCOMP_SHIM_POLICY="$ROOT/conf/write-here.ini" LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT" "status=1 queued=" "LD_PRELOAD, conf/write-here.ini: nothing queued"
# ioctl allowed outright over a refusing default (docker's profile): still refused.
pty env SECCOMP_SHIM_POLICY="$ROOT/conf/docker-default.ini" LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "LD_PRELOAD, conf/docker-default.ini (ioctl = allow): refused"
pty env SECCOMP_SHIM_INI=$'[policy]\ndefault = log\n[syscalls]\nioctl = allow if arg0 == 0' \
    LD_PRELOAD="$SHIM" "$PROG" --high "$LINE"
is "$OUT" "status=1 queued=" "LD_PRELOAD, a conditional ioctl allow rule: refused"
# A default stricter than EPERM stays in force: the call is killed.
pty env SECCOMP_SHIM_INI=$'[policy]\ndefault = kill_process\n[syscalls]\n@default = allow\n@basic-io = allow\n@file-system = allow\n@process = allow\n@signal = allow\nioctl = allow if arg0 == 0' \
    LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT" "status=-31 queued=" "LD_PRELOAD, default = kill_process, ioctl allowed on fd 0: killed"

# seccomp-shim run, through the shim and --direct.
pty "$CLI" run -p "$ROOT/conf/write-here.ini" -- "$PROG" "$LINE"
is "$OUT" "status=1 queued=" "run -p write-here: nothing queued"
pty "$CLI" run --direct -p "$ROOT/conf/write-here.ini" -- "$PROG" "$LINE"
is "$OUT" "status=1 queued=" "run --direct -p write-here: nothing queued"
pty "$CLI" run --keep-session -p "$ROOT/conf/write-here.ini" -- "$PROG" --high "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "run --keep-session (the terminal still its controlling tty): the filter refuses"
pty "$CLI" run --keep-session --direct -i "$ALLOW" -- "$PROG" --high "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "run --keep-session --direct: the filter refuses"

# A precompiled policy, given directly and as an INI's compiled sibling.
printf '%s\n' "$ALLOW" >"$TMP/allow.ini"
run "$CLI" compile -o "$TMP/allow.compiled" "$TMP/allow.ini"
is "$STATUS" 0 "compile a default = allow policy"
pty env SECCOMP_SHIM_POLICY="$TMP/allow.compiled" LD_PRELOAD="$SHIM" "$PROG" --high "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" "precompiled policy: refused"
pty "$CLI" run -p "$TMP/allow.compiled" -- "$PROG" "$LINE"
is "$OUT" "status=1 queued=" "run -p a precompiled policy: nothing queued"
mkdir "$TMP/sib" && printf '%s\n' "$ALLOW" >"$TMP/sib/p.ini"
run "$CLI" compile "$TMP/sib/p.ini"
is "$STATUS" 0 "compile an INI's sibling"
pty env SECCOMP_SHIM_POLICY="$TMP/sib/p.ini" SECCOMP_SHIM_WARNINGS=1 LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT" "status=1 queued=" "compiled sibling: nothing queued"

# The opt-out: tty_inject = allow leaves it to the policy's rules. (run's
# new session does not stop root: CAP_SYS_ADMIN may push into any terminal;
# see the tests as nobody below.)
OPT=$'[policy]\ndefault = allow\ntty_inject = allow'
pty env SECCOMP_SHIM_INI="$OPT" LD_PRELOAD="$SHIM" "$PROG" "$LINE"
is "$OUT" "status=0 queued=$LINE" "tty_inject = allow: the policy lets the program push input"
pty "$CLI" run --keep-session -i "$OPT" -- "$PROG" "$LINE"
is "$OUT" "status=0 queued=$LINE" "run --keep-session -i 'tty_inject = allow': pushed (the opt-out's cost)"
OWN=$OPT$'\n[syscalls]\nioctl = errno(EPERM) if arg1 == TIOCSTI'
pty "$CLI" run --keep-session -i "$OWN" -- "$PROG" --high "$LINE"
is "$OUT" "status=1 queued=" "tty_inject = allow with the policy's own TIOCSTI rule: hardened to 32 bits"

# run on a terminal: the program's status and signals come back as they were.
pty "$CLI" run -i "$ALLOW" -- /bin/sh -c 'exit 7'
is "$OUT" "status=7 queued=" "run on a terminal: the exit status comes back"
pty "$CLI" run -i $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process' -- "$PROGS/uname"
is "$OUT" "status=-31 queued=" "run on a terminal: death by SIGSYS comes back as such"
pty "$CLI" run -i "$ALLOW" -- /bin/sh -c 'kill -INT $PPID; sleep 5; exit 3'
is "$OUT" "status=-2 queued=" "run on a terminal: SIGINT to run reaches the program"
pty "$CLI" run -i "$ALLOW" -- /bin/sh -c 'test "$(ps -o sid= -p $$ | tr -d " ")" = $$ && echo leader >&2'
is "$ERR" "leader" "run on a terminal: the program leads a new session"
pty "$CLI" run --keep-session -i "$ALLOW" -- /bin/sh -c 'test "$(ps -o sid= -p $$ | tr -d " ")" = $$ || echo same >&2'
is "$ERR" "same" "run --keep-session: the program stays in the caller's session"
run "$CLI" run -i "$ALLOW" -- /bin/sh -c 'test "$(ps -o sid= -p $$ | tr -d " ")" = $$ || echo same'
is "$OUT" "same" "run without a terminal: no new session (exec in place)"

# The model says it: check, test, export.
run "$CLI" test -i "$ALLOW" 'ioctl(0, TIOCSTI, 0)' 'ioctl(0, 0x100005412, 0)' 'ioctl(0, TIOCLINUX, 0)' 'ioctl(0, TCGETS, 0)'
like "$(printf '%s\n' "$OUT" | sed -n 1p)" "^ioctl\(0, 0x5412.*errno\(1\)" "test: TIOCSTI gets errno(EPERM)"
like "$(printf '%s\n' "$OUT" | sed -n 2p)" "^ioctl\(0, 0x100005412.*errno\(1\)" "test: TIOCSTI with upper bits gets errno(EPERM)"
like "$(printf '%s\n' "$OUT" | sed -n 3p)" "^ioctl\(0, 0x541c.*errno\(1\)" "test: TIOCLINUX gets errno(EPERM)"
like "$(printf '%s\n' "$OUT" | sed -n 4p)" "^ioctl\(0, 0x5401.*allow" "test: TCGETS still allowed"
run "$CLI" test --arch aarch64 -i "$ALLOW" 'ioctl(0, TIOCSTI, 0)' 'ioctl(0, 0x10000541c, 0)'
like "$OUT" "aarch64 ioctl\(0, 0x5412.*errno\(1\)" "test --arch aarch64: TIOCSTI refused"
like "$OUT" "aarch64 ioctl\(0, 0x10000541c.*errno\(1\)" "test --arch aarch64: TIOCLINUX with upper bits refused"
run "$CLI" test -i "$OPT" 'ioctl(0, TIOCSTI, 0)'
like "$OUT" "allow" "test: tty_inject = allow lets the policy decide"
printf '%s\n' "$ALLOW" >"$TMP/a.ini"
run "$CLI" export -f oci "$TMP/a.ini"
like "$(flat "$OUT")" '"ioctl".*"value": 4294967295, *"valueTwo": 21522, *"op": "SCMP_CMP_MASKED_EQ"' \
    "export -f oci: the TIOCSTI refusal is in the profile (low 32 bits)"
like "$(flat "$OUT")" '"valueTwo": 21532' "export -f oci: the TIOCLINUX refusal is in the profile"
run "$CLI" export -f bpf -o "$TMP/a.bpf" "$TMP/a.ini"
run "$CLI" test "$TMP/a.bpf" 'ioctl(0, 0x100005412, 0)'
like "$OUT" "errno\(1\)" "export -f bpf: the raw program refuses TIOCSTI"

# As nobody, from copies in a world-readable folder.
N=$TMP/nobody
mkdir "$N" && cp "$PROG" "$CLI" "$SHIM" "$DRIVE" "$N/" && chmod -R a+rX "$TMP" && chmod 755 "$TMP"
AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" "$N/tiocsti" "$LINE"
is "$OUT" "status=0 queued=$LINE" "control, as nobody: the pushed line waits for the shell"
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" env SECCOMP_SHIM_INI="$ALLOW" \
    LD_PRELOAD="$N/libseccomp-shim.so" "$N/tiocsti" --high "$LINE"
is "$OUT" "status=1 queued=" "as nobody, LD_PRELOAD, default = allow: nothing queued"
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" "$N/seccomp-shim" run --keep-session -i "$ALLOW" -- \
    "$N/tiocsti" "$LINE"
is "$OUT" "status=1 queued=" "as nobody, run --keep-session: nothing queued"
# The new session alone (the policy lets the call through): the kernel
# refuses TIOCSTI on a terminal that is not the caller's controlling one.
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" "$N/seccomp-shim" run --keep-session -i "$OPT" -- \
    "$N/tiocsti" "$LINE"
is "$OUT" "status=0 queued=$LINE" "control, as nobody: run --keep-session, tty_inject = allow: pushed"
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" "$N/seccomp-shim" run -i "$OPT" -- "$N/tiocsti" "$LINE"
is "$OUT/$ERR" "status=1 queued=/TIOCSTI: Operation not permitted" \
    "as nobody, run, tty_inject = allow: the new session alone stops it"
run "${AS_NOBODY[@]}" "$PY" "$N/pty-shell.py" "$N/seccomp-shim" run --direct -i "$OPT" -- \
    "$N/tiocsti" "$LINE"
is "$OUT" "status=1 queued=" "as nobody, run --direct, tty_inject = allow: the new session stops it"

done_testing
