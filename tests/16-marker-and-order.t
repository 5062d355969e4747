#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Two ways around the shim that an independent review found, now closed:
# a copied SECCOMP_SHIM_ACTIVE marker where /proc cannot verify it, and a
# user's own LD_PRELOAD object whose constructor ran before the filter.
. "$(dirname "$0")/lib.sh"

# A marker taken from a real sandboxed run.
marker=$(SECCOMP_SHIM_POLICY=$ROOT/conf/deny-uname.ini LD_PRELOAD=$SHIM printenv SECCOMP_SHIM_ACTIVE)
like "$marker" '^[0-9a-f]{32}:[0-9]+$' "a sandboxed program sees the marker"

# Without /proc (a fresh tmpfs over it, in a private mount namespace).
noproc() { unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' sh "$@"; }
run noproc env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" uname -s
is "$STATUS" 159 "without /proc: the shim still installs (control)"
run noproc env SECCOMP_SHIM_ACTIVE="$marker" SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" \
    LD_PRELOAD="$SHIM" uname -s
is "$STATUS" 159 "without /proc: a copied marker does not switch the shim off"
unlike "$OUT" Linux "... uname printed nothing"
run noproc env SECCOMP_SHIM_ACTIVE="$marker" "$CLI" run -p "$ROOT/conf/deny-uname.ini" -- uname -s
ok "$([ "$STATUS" != 0 ] && [ -z "$OUT" ] && echo 0 || echo 1)" \
    "without /proc: nor through seccomp-shim run (status $STATUS: it cannot even find the shim)"

# Under some unrelated filter, the count check alone would accept a copied
# marker; run drops any marker it is given, so its shim installs for real.
acct=$'[policy]\ndefault = allow\n[syscalls]\nacct = errno(EPERM)'
run "$CLI" run --direct -i "$acct" -- env SECCOMP_SHIM_ACTIVE="$marker" \
    "$CLI" run -p "$ROOT/conf/deny-uname.ini" -- uname -s
is "$STATUS" 159 "run drops a copied marker: under another filter, uname is still killed"

# The same copied marker given straight to the shim under that other filter:
# the probe (preload/probe.c) asks the filter itself, and only a filter the
# shim stamped with this policy's identity answers.
run "$CLI" run --direct -i "$acct" -- env SECCOMP_SHIM_ACTIVE="$marker" \
    SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" uname -s
is "$STATUS" 159 "a copied marker under someone else's filter: the shim still installs"

# The probe's answer cannot be put in a policy (a filter of ours imitating it).
run "$CLI" check "$(policy $'[policy]\ndefault = allow\n[syscalls]\naccess = errno(4093) if arg1 == 0x5ec0')"
like "$ERR" "errno 4093 is reserved" "a policy cannot answer the probe in the stamp's place"

# A preload that defines syscall() cannot answer the probe for the kernel:
# the shim makes its own syscalls with the instruction, not through libc.
cat >"$TMP/fake.c" <<'CEOF'
#include <errno.h>
#include <stdarg.h>
long syscall(long nr, ...)
{
    (void)nr;
    errno = 4093;
    return -1;
}
CEOF
cc -shared -fPIC -o "$TMP/libfake.so" "$TMP/fake.c"
# (A compiled policy: libseccomp, which calls syscall() itself, stays out.)
"$CLI" compile -o "$TMP/du.bin" "$ROOT/conf/deny-uname.ini"
cmarker=$(SECCOMP_SHIM_POLICY="$TMP/du.bin" LD_PRELOAD="$SHIM" printenv SECCOMP_SHIM_ACTIVE)
run env SECCOMP_SHIM_ACTIVE="$cmarker" SECCOMP_SHIM_POLICY="$TMP/du.bin" \
    LD_PRELOAD="$TMP/libfake.so:$SHIM" uname -s
is "$STATUS" 159 "a preloaded fake syscall() does not fool the probe"

# A real inherited child asks the probe, not /proc, and installs nothing.
run strace -f -e trace=access,seccomp,prctl,openat -o "$TMP/trace" env \
    SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" sh -c /bin/true
child=$(awk '/access\(0x[0-9a-f]+, 0x5ec0/ {print $1}' "$TMP/trace" | head -1)
like "$(grep "^$child " "$TMP/trace")" "access\(0x[0-9a-f]+, 0x5ec0.*errno 4093" "the exec'd child's probe is answered by the stamped filter"
unlike "$(grep "^$child " "$TMP/trace")" "seccomp\(|prctl\(|/proc/self/status" "... and it makes no seccomp or prctl call and reads no /proc"

# A preloaded library of the user's whose constructor calls uname.
cat >"$TMP/pre.c" <<'CEOF'
#include <stdio.h>
#include <sys/utsname.h>
__attribute__((constructor)) static void early(void)
{
    struct utsname u;
    extern char *program_invocation_short_name;
    if (uname(&u) == 0)
        fprintf(stderr, "uname ran in %s\n", program_invocation_short_name);
}
CEOF
cc -shared -fPIC -o "$TMP/libpre.so" "$TMP/pre.c"
run env LD_PRELOAD="$TMP/libpre.so" /bin/true
like "$ERR" "uname ran in true" "unsandboxed, the preloaded constructor calls uname (control)"
run env LD_PRELOAD="$TMP/libpre.so" "$CLI" run -p "$ROOT/conf/deny-uname.ini" -- /bin/true
is "$STATUS" 159 "run: the user's preload's constructor runs under the filter"
unlike "$ERR" "uname ran in true" "... and its uname never ran (in the program; the launcher is not sandboxed)"

# learn puts the shim last too: the preload's uname is recorded, and the
# learned policy runs the same command (with the same preload) to the end.
LD_PRELOAD="$TMP/libpre.so" run "$CLI" learn -o "$TMP/learned.ini" -- /bin/true
is "$STATUS" 0 "learn with a user's preload"
like "$(cat "$TMP/learned.ini")" "^uname = allow" "... records the preload's constructor's uname"
LD_PRELOAD="$TMP/libpre.so" run "$CLI" run -p "$TMP/learned.ini" -- /bin/true
is "$STATUS" 0 "... and the learned policy runs the command, preload included"
done_testing
