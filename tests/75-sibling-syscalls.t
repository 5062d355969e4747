#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Sibling syscalls: a policy that refuses one way to do something must refuse
# the others (open/creat/openat/openat2, clone/clone3/unshare,
# execve/execveat, and the same from a fork or vfork child). Each attack is
# made with raw syscalls (tests/progs/siblings.c), first without the shim to
# show it works, then under the conf/ policy that is meant to stop it.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
S=$PROGS/siblings

# ---- read-only.ini: no file opened for writing, by any of the open calls.
for a in open creat openat openat-hi openat2; do
    run "$S" $a "$TMP/w-$a"
    is "$STATUS:$OUT:$(cat "$TMP/w-$a" 2>/dev/null)" "0:$a: wrote 5 bytes:pwned" "without the shim: $a creates and writes a file"
    rm -f "$TMP/w-$a"
done
# Landlock judges the open whatever the syscall (and whatever upper bits).
for a in open creat openat openat-hi openat2; do
    shim_file "$C/read-only.ini" "$S" $a "$TMP/w-$a"
    is "$STATUS:$OUT" "1:$a: errno 13" "read-only: $a for writing refused with EACCES (Landlock)"
done
ls "$TMP"/w-* >/dev/null 2>&1
ok "$([ $? != 0 ]; echo $?)" "read-only: none of the attacks created a file"
echo keep >"$TMP/existing"
for a in open openat openat2; do
    shim_file "$C/read-only.ini" "$S" $a "$TMP/existing"
done
is "$(cat "$TMP/existing")" "keep" "read-only: an existing file is neither truncated nor written"
# Allowlists kill every open call they do not list.
for p in allowlist stdio-only; do
    for a in open creat openat openat2; do
        shim_file "$C/$p.ini" "$S" $a "$TMP/w-$a"
        is "$STATUS:$OUT" "159:" "$p: $a kills the program"
    done
done

# ---- no-namespaces.ini: no new user namespace by clone, clone3 or unshare.
for a in clone clone-hi clone3 unshare; do
    run "$S" $a
    is "$STATUS:$OUT" "0:$a: new user namespace" "without the shim: $a creates a user namespace"
done
shim_file "$C/no-namespaces.ini" "$S" clone
is "$STATUS:$OUT" "1:clone: errno 1" "no-namespaces: clone(CLONE_NEWUSER) refused with EPERM"
shim_file "$C/no-namespaces.ini" "$S" clone-hi
is "$STATUS:$OUT" "1:clone-hi: errno 1" "no-namespaces: clone(CLONE_NEWUSER) with the upper 32 bits set refused too"
shim_file "$C/no-namespaces.ini" "$S" clone3
is "$STATUS:$OUT" "1:clone3: errno 38" "no-namespaces: clone3(CLONE_NEWUSER) gets ENOSYS, no namespace"
shim_file "$C/no-namespaces.ini" "$S" clone3-plain
is "$STATUS:$OUT" "1:clone3-plain: errno 38" "no-namespaces: every clone3 gets ENOSYS (seccomp cannot read its flags)"
shim_file "$C/no-namespaces.ini" "$S" unshare
is "$STATUS:$OUT" "1:unshare: errno 1" "no-namespaces: unshare(CLONE_NEWUSER) refused with EPERM"
# Docker's profile refuses them as well (clone3: ENOSYS, the others: EPERM).
for a in clone clone-hi unshare; do
    shim_file "$C/docker-default.ini" "$S" $a
    is "$STATUS:$OUT" "1:$a: errno 1" "docker-default: $a refused with EPERM"
done
shim_file "$C/docker-default.ini" "$S" clone3
is "$STATUS:$OUT" "1:clone3: errno 38" "docker-default: clone3 gets ENOSYS"
# Podman's profile leaves namespaces to the capabilities a container lacks, as
# its header says: as root they work.
like "$(cat "$C/podman-default.ini")" "unshare, setns, clone with namespace flags" "podman-default.ini says it allows namespaces"
shim_file "$C/podman-default.ini" "$S" unshare
is "$STATUS:$OUT" "0:unshare: new user namespace" "podman-default: unshare works as root (its header is true)"

# ---- no-exec.ini: no program runs, by execve, execveat (path or fd), or from
# a fork or vfork child.
for a in execve execveat execveat-fd; do
    run "$S" $a /bin/echo
    is "$STATUS:$OUT" "0:executed" "without the shim: $a runs /bin/echo"
done
for a in fork-execve vfork-execve; do
    run "$S" $a /bin/echo
    is "$STATUS:$OUT" $'0:executed\n'"$a: child exec'd" "without the shim: $a runs /bin/echo"
done
for a in execve execveat execveat-fd fork-execve vfork-execve; do
    shim_file "$C/no-exec.ini" "$S" $a /bin/echo
    is "$STATUS:$OUT" "1:$a: errno 13" "no-exec: $a refused with EACCES"
done

done_testing
