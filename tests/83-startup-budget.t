#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A deterministic start-up budget: the instructions the shim's start-up path
# executes, counted by callgrind (valgrind refuses seccomp, so the path runs in
# tests/unit/startup.c, which makes the shim's engine calls in the shim's
# order, without the install). Exceeding a budget fails: find what start-up
# does that it need not (the lint ran at every start once: 77 M instructions
# for Docker's profile, 87% of them in discarded did-you-mean searches).
#
# Measured 2026-11-30 (valgrind 3.19, Debian 12; SHA-256 runs its portable C
# under valgrind, SHA-NI natively), conf/docker-default.ini copied to $TMP:
#   INI, parsed and compiled, no lint      7 515 705  (with the lint: 8.84 M)
#   compiled sibling                         796 966  (SHA-256 of 12 KB: ~600 K)
#   inherited child (identity only)          596 353
# After the verifier (every compile checks its filter against the model) and
# Landlock joined the start-up path, same day:
#   INI, parsed, compiled and verified     9 153 245
# The verifier then checked every unnamed syscall (not one in five), and the
# engine learned aarch64:
#   INI, parsed, compiled and verified     9 527 943
# The verifier tried one number per interval where neither program nor
# policy can change its answer (not all 1,024), and parsing skipped work
# (docs/performance.md, "The verifier's cost"):
#   INI, parsed, compiled and verified     8 511 702  (libseccomp: 62%)
#   four-line INI (uname = kill_process)     122 212  (was 536 053)
# Every filter then refused TIOCSTI and TIOCLINUX (two more ioctl rules to
# compile and verify), and SHA-256 became the project's own (engine/sha256.c:
# SHA-NI natively, portable C under valgrind, ~53 instructions a byte where
# nettle's C took ~48); the test binary binds at load, like the shim:
#   INI, parsed, compiled and verified     8 743 010
#   four-line INI (uname = kill_process)     154 191  (SHA-256: 21 K of it)
#   compiled sibling                         899 948
#   inherited child (identity only)          671 261
# Then start-up was cut back (docs/performance.md, "Start-up instructions"):
# syscall names found by a hash index generated with the tables (Docker's 50
# names of other architectures each scanned 460), one pass over each line,
# the BPF interpreter dispatching libseccomp's codes directly, value sets
# deduplicated by hash, fewer scans of every rule, Maj in SHA-256 reusing
# a ^ b; nothing the verifier checks changed:
#   INI, parsed, compiled and verified     7 990 831
#   four-line INI (uname = kill_process)     139 800
#   compiled sibling                         913 557
#   inherited child (identity only)          686 964
# Budgets: the measurement plus under 10%, less than the lint adds.
BUDGET_INI=8750000
BUDGET_SMALL=153000
BUDGET_SIBLING=1000000
BUDGET_INHERITED=750000

. "$(dirname "$0")/lib.sh"

if ! command -v valgrind >/dev/null; then
    echo "1..0 # SKIP valgrind is not installed (tools/debian-packages.txt lists it)"
    exit 0
fi
STARTUP=$PROGS/unit/startup

# instructions MODE FILE: N, what the start-up path (shim_start or
# shim_inherited) executed; its output in OUT.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" --toggle-collect=shim_start \
        --toggle-collect=shim_inherited "$STARTUP" "$1" "$2" >"$TMP/out" 2>"$TMP/err"
    OUT=$(cat "$TMP/out")
    N=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$TMP/err")
}

# within NAME COUNT BUDGET
within() {
    if [ -n "$2" ] && [ "$2" -le "$3" ]; then
        ok 0 "$1: $2 instructions, budget $3"
    else
        ok 1 "$1: ${2:-no count} instructions, budget $3"
        sed 's/^/# /' "$TMP/err" | tail -5
    fi
}

printf '[policy]\ndefault = allow\n[syscalls]\nuname = kill_process\n' >"$TMP/small.ini"
instructions start "$TMP/small.ini"
like "$OUT" "^parsed [0-9a-f]{32} [0-9]+ " "a four-line policy: the INI path was measured"
within "four-line policy, INI start-up" "$N" "$BUDGET_SMALL"

cp "$ROOT/conf/docker-default.ini" "$TMP/docker.ini"
instructions start "$TMP/docker.ini"
like "$OUT" "^parsed [0-9a-f]{32} [0-9]+ " "docker-default: the INI path was measured"
within "docker-default, INI start-up (no lint)" "$N" "$BUDGET_INI"

"$CLI" compile "$TMP/docker.ini" >/dev/null 2>&1
instructions start "$TMP/docker.ini"
like "$OUT" "^sibling [0-9a-f]{32} [0-9]+ " "docker-default: the compiled sibling path was measured"
within "docker-default, compiled sibling" "$N" "$BUDGET_SIBLING"

instructions inherited "$TMP/docker.ini"
like "$OUT" "^inherited [0-9a-f]{32}$" "docker-default: the inherited child's identity was measured"
within "docker-default, inherited child" "$N" "$BUDGET_INHERITED"

done_testing
