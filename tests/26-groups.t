#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Syscall groups that keep up with the kernel: every syscall the engine knows
# is in a group (as newer systemd releases place it, or as
# data/syscall-groups-extra.txt says), so a deny rule on a group refuses the
# kernel's newest way to do the same thing. The attack: open_tree_attr
# (Linux 6.15) makes a writable copy of a read-only mount; systemd 252's
# @mount predates it.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
M=$PROGS/mount_clone

# ---- the data is reproducible from its sources ---------------------------
run "$ROOT/tools/gen-groups.sh" "$TMP/groups.txt"
is "$STATUS:$ERR" "0:" "tools/gen-groups.sh runs"
run diff "$ROOT/data/syscall-groups.txt" "$TMP/groups.txt"
is "$STATUS:$OUT" "0:" "data/syscall-groups.txt is what tools/gen-groups.sh makes of data/"
like "$(head -20 "$ROOT/data/systemd-groups.txt")" "src/shared/seccomp-util.c" \
    "data/systemd-groups.txt names its source file"
like "$(head -20 "$ROOT/data/systemd-groups.txt")" "commit [0-9a-f]{40}" "... its commit"
like "$(head -20 "$ROOT/data/systemd-groups.txt")" "LGPL-2.1" "... and its licence"

# ---- every syscall is in a group -----------------------------------------
# Exceptions: syscalls that systemd (as of data/systemd-groups.txt) puts in no
# group but @known, and that have no grouped sibling to follow.
declare -A exempt=(
    [mincore]="systemd leaves it ungrouped (page-cache residency query)"
    [syslog]="systemd leaves it ungrouped (kernel log; CAP_SYSLOG decides)"
    [memfd_secret]="systemd leaves it ungrouped"
    [process_mrelease]="systemd leaves it ungrouped"
    [cachestat]="systemd leaves it ungrouped (like mincore)"
    [map_shadow_stack]="systemd leaves it ungrouped (CET shadow stacks)"
    [lsm_set_self_attr]="systemd puts only the read-only lsm_* calls in @default"
    [listns]="Linux 6.19, newer than the systemd data"
)
grouped=" "
for g in $(grep -o '^@[a-z0-9-]*' "$ROOT/data/syscall-groups.txt"); do
    [ "$g" = @known ] && continue # the catch-all
    grouped+="$("$CLI" syscalls "$g" | awk '{ printf "%s ", $1 }')"
done
missing=
while read -r name _; do
    case "$grouped" in *" $name "*) continue ;; esac
    [ -n "${exempt[$name]:-}" ] && continue
    missing+=" $name"
done < <("$CLI" syscalls)
is "$missing" "" "every x86_64 syscall the engine knows is in a group other than @known (or exempt)"
for name in "${!exempt[@]}"; do
    case "$grouped" in *" $name "*) ok 1 "$name is exempt but in a group: drop the exemption" ;; esac
done
for pair in open_tree_attr:@mount file_getattr:@file-system file_setattr:@file-system \
    listmount:@file-system statmount:@file-system setxattrat:@file-system \
    getxattrat:@file-system listxattrat:@file-system removexattrat:@file-system \
    mseal:@default lsm_get_self_attr:@default lsm_list_modules:@default \
    futex_wake:@default futex_wait:@default futex_requeue:@default uretprobe:@default \
    uprobe:@default fchmodat2:@file-system landlock_create_ruleset:@sandbox; do
    run "$CLI" syscalls "${pair#*:}"
    has_line "$OUT" "${pair%%:*} +[0-9]+" "${pair%%:*} is in ${pair#*:}"
done
run "$CLI" syscalls @mount
has_line "$OUT" "open_tree +428" "@mount keeps open_tree (systemd 252 had it there)"

# ---- @mount refuses open_tree_attr ----------------------------------------
run "$M" probe
is "$OUT" "probe: errno 9" "without the shim: open_tree_attr reaches the kernel (EBADF for a bad descriptor)"
mount_deny=$(policy $'[policy]\ndefault = allow\n[syscalls]\n@mount = errno(EPERM)')
shim_file "$mount_deny" "$M" probe
is "$OUT" "probe: errno 1" "@mount = errno(EPERM) refuses open_tree_attr with EPERM"
shim_file "$C/no-namespaces.ini" "$M" probe
is "$OUT" "probe: errno 1" "conf/no-namespaces.ini refuses open_tree_attr with EPERM"
run "$CLI" export -f pfc "$mount_deny"
like "$OUT" "if \(\\\$syscall == 467\)" "export -f pfc: the @mount filter tests syscall 467"

# The attack itself, in a private mount namespace: a read-only bind mount,
# cloned without its read-only flag, is written to.
attack() { # POLICY-OR-EMPTY: prints the attack's line and whether pwned exists
    local env=
    [ -n "$1" ] && env="SECCOMP_SHIM_POLICY=$1 LD_PRELOAD=$SHIM"
    run unshare -m --propagation private sh -c "
        mkdir -p '$TMP/rw' '$TMP/ro' && rm -f '$TMP/rw/pwned' &&
        mount -t tmpfs none '$TMP/rw' && mount --bind -o ro '$TMP/rw' '$TMP/ro' &&
        ! touch '$TMP/ro/file' 2>/dev/null &&
        env $env '$M' open_tree_attr '$TMP/ro'; ls '$TMP/rw'"
}
if unshare -m true 2>/dev/null; then
    attack ""
    is "$OUT" "open_tree_attr: wrote $TMP/ro/pwned"$'\npwned' \
        "without the shim: open_tree_attr writes into a read-only bind mount"
    attack "$C/no-namespaces.ini"
    is "$OUT" "open_tree_attr: errno 1" "no-namespaces.ini: the read-only mount stays read-only"
    attack "$mount_deny"
    is "$OUT" "open_tree_attr: errno 1" "@mount = errno(EPERM): the read-only mount stays read-only"
else
    ok 0 "# SKIP no mount namespace here (needs CAP_SYS_ADMIN)"
fi

done_testing
