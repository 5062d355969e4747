#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 11 item 4: strict mode counts threads in /proc/self/status. A /proc
# that is not the kernel's (a tmpfs with a made-up status), or another
# process's status bound over ours, must not make the shim install strict mode
# in a process whose early thread would then run unconfined. Each attack runs
# in a private mount namespace (unshare -m, as root).
. "$(dirname "$0")/lib.sh"

if ! unshare -m true 2>/dev/null; then
    echo "1..0 # SKIP unshare -m needs root"
    exit 0
fi

# prethread's early thread prints "thread survived uname" once main, confined
# or not, released it. $ORIGIN needs the real /proc: hence LD_LIBRARY_PATH.
prethread="env LD_LIBRARY_PATH=$PROGS PRETHREAD_RELEASE_FIRST=1 SECCOMP_SHIM_POLICY=$ROOT/conf/strict.ini LD_PRELOAD=$SHIM $PROGS/prethread"

# under SETUP: runs prethread under strict mode after the sh commands SETUP,
# in a private mount namespace.
under() {
    run timeout 20 unshare -m sh -c "$1
exec $prethread"
}

under :
is "$STATUS" 125 "control: the real /proc shows the early thread: refused"
like "$ERR" "already has 2 threads" "control: the refusal counts 2 threads"

# A tmpfs over /proc whose self/status says one thread.
under 'mount -t tmpfs none /proc && mkdir /proc/self &&
printf "Name:\tprethread\nPid:\t1\nThreads:\t1\nSeccomp:\t0\n" >/proc/self/status'
is "$STATUS" 125 "a tmpfs over /proc: refused with 125"
is "$ERR" "seccomp-shim: strict mode: cannot count this process's threads: /proc is not procfs" \
    "a tmpfs over /proc: the message says /proc is not procfs"
unlike "$OUT" "survived" "a tmpfs over /proc: the early thread never ran"

# A single-threaded process's status (real procfs) bound over our own: the
# shell's pid is the program's after exec.
under "sleep 60 </dev/null >/dev/null 2>&1 & echo \$! >$TMP/sleeper
mount --bind /proc/\$!/status /proc/\$\$/status"
kill "$(cat "$TMP/sleeper")"
is "$STATUS" 125 "another process's status over ours: refused with 125"
is "$ERR" "seccomp-shim: strict mode: cannot count this process's threads: /proc/self/status is another process's" \
    "another process's status over ours: the message says so"
unlike "$OUT" "survived" "another process's status over ours: the early thread never ran"

done_testing
