#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Strict mode and Landlock (before ABI 8) confine only the calling thread, so
# the shim must know it is the only one. It asks the kernel: unshare(CLONE_THREAD)
# succeeds, doing nothing, in a single-threaded process and is EINVAL with
# other threads. Reading /proc/self/status instead cost ~30 us of every
# Landlock start (a fresh process's first /proc access) and trusted whoever
# mounted /proc. The question is asked only with no seccomp filter present:
# an inherited filter may kill unshare. /proc still words the refusal when
# there are threads (tests/92-strict-proc.t, tests/27-landlock.t).
. "$(dirname "$0")/lib.sh"

abi=$(landlock_abi)
if [ "$abi" -lt 1 ]; then
    echo "1..0 # SKIP no Landlock in this kernel"
    exit 0
fi

mkdir -p "$TMP/w" "$TMP/r"
fs=$(policy "[policy]
include = $ROOT/conf/landlock-base.ini
[filesystem]
write = $TMP/w")

# The start-up path no longer reads /proc (deterministic: strace, not time).
run strace -f -e trace=openat,unshare -o "$TMP/trace" env SECCOMP_SHIM_POLICY="$fs" \
    LD_PRELOAD="$SHIM" sh -c "echo in >'$TMP/w/a'"
is "$STATUS" 0 "a Landlock policy starts (under strace)"
no_line "$(cat "$TMP/trace")" '.*/proc/self/status.*' "...without opening /proc/self/status"
like "$(cat "$TMP/trace")" 'unshare\(CLONE_THREAD\) += 0' "...the kernel said: one thread"

if unshare -m true 2>/dev/null; then
    # A tmpfs over /proc: the kernel's answer does not depend on it. Before,
    # each of these was refused with "/proc is not procfs".
    under_tmpfs_proc() {
        run timeout 20 unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' sh "$@"
    }
    under_tmpfs_proc env SECCOMP_SHIM_POLICY="$ROOT/conf/strict.ini" LD_PRELOAD="$SHIM" \
        "$PROGS/raw_write_exit"
    is "$STATUS/$OUT" "137/raw write ok" \
        "tmpfs over /proc: strict mode is installed in a one-thread program (exit_group kills)"
    under_tmpfs_proc env SECCOMP_SHIM_POLICY="$fs" LD_PRELOAD="$SHIM" \
        sh -c "echo in >'$TMP/w/b' && echo x >'$TMP/r/b'"
    like "$STATUS:$ERR" "^2:.*Permission denied" \
        "tmpfs over /proc: Landlock applies (a write outside the grant is refused)"
    is "$(cat "$TMP/w/b")" "in" "...and one inside works"
    # With a thread, the refusal still needs /proc's count, and fails closed.
    under_tmpfs_proc env SECCOMP_SHIM_POLICY="$ROOT/conf/strict.ini" LD_PRELOAD="$SHIM" \
        PRETHREAD_RELEASE_FIRST=1 LD_LIBRARY_PATH="$PROGS" "$PROGS/prethread"
    like "$STATUS:$ERR" "^125:seccomp-shim: strict mode: cannot count this process's threads: /proc" \
        "tmpfs over /proc, two threads: refused (125), as before"
    unlike "$OUT" "survived" "...and the early thread never ran"
else
    echo "# the checks under a tmpfs /proc need root (unshare -m): not run"
fi

# An inherited filter that kills unshare: the shim must not ask the kernel
# there. The outer filter really kills unshare...
killer='[policy]
default = allow
[syscalls]
unshare = kill_process'
run "$CLI" run --direct -i "$killer" -- unshare -U true
is "$STATUS" 159 "the outer filter kills a process that calls unshare (SIGSYS)"
# ... yet a Landlock policy started under it counts threads from /proc instead.
run "$CLI" run --direct -i "$killer" -- env SECCOMP_SHIM_POLICY="$fs" LD_PRELOAD="$SHIM" \
    sh -c "echo in >'$TMP/w/c' && echo x >'$TMP/r/c'"
like "$STATUS:$ERR" "^2:.*Permission denied" \
    "under a filter that kills unshare, the shim still starts and Landlock applies"
is "$(cat "$TMP/w/c")" "in" "...a write inside the grant works"
# An outer filter that fakes success (errno(0): a 0 return, the syscall not
# run) for prctl and unshare would have the kernel's answer say "one thread"
# while a library's thread runs outside Landlock (review). Such a filter cannot
# write the PR_GET_PDEATHSIG answer into memory, so the shim counts in /proc.
liar='[policy]
default = allow
[syscalls]
prctl = errno(0)
unshare = errno(0)'
run "$CLI" run --direct -i "$liar" -- env SECCOMP_SHIM_POLICY="$fs" LD_PRELOAD="$SHIM" \
    LD_LIBRARY_PATH="$PROGS" "$PROGS/prethread"
if [ "$abi" -lt 8 ]; then
    is "$STATUS:$OUT" "125:" "a filter faking prctl and unshare: the early thread is still seen (125)"
    like "$ERR" "landlock: this process already has 2 threads" "...counted in /proc"
else
    is "$STATUS" 0 "a filter faking prctl and unshare: TSYNC restricts the early thread (ABI 8)"
fi

done_testing
