#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs the aarch64 build (make cross-aarch64) under qemu-aarch64-static: the
# command's parts that need no kernel (check, export, test, syscalls, and the
# cross-architecture verdict suite built for aarch64, where aarch64 is native
# and x86_64 the foreign target) and the shim's fail-closed path: qemu-user
# has no seccomp(), so the shim must exit 125 naming the missing support and
# never run the program. Enforcement itself cannot be run here; it is
# checked by simulating the generated BPF (tests/unit/arch.c). And the build
# on an aarch64 machine: its tables, generated where every compiler and
# header is aarch64's, must be those of the x86_64 build, and the committed
# data they come from must be what tools/gen-arch-data.sh makes now.
# Usage: cross-aarch64-check.sh BUILD_DIR X86_64_GEN_DIR   (prints TAP; exit 1 on a failure)
set -u
usage="usage: cross-aarch64-check.sh BUILD_DIR X86_64_GEN_DIR"
b=${1:?$usage}
gen=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
qemu="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
cli="$qemu $b/seccomp-shim"
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { # STATUS NAME
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() { # CMD...: sets out, err, status
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
has() { printf '%s\n' "$1" | grep -Eq -- "$2"; }

file "$b/seccomp-shim" "$b/libseccomp-shim.so" | grep -vq 'ARM aarch64'
ok $((1 - $?)) "the command and the shim are aarch64 ELF files"

for f in "$root"/conf/*.ini; do
    for a in aarch64 x86_64; do
        run $cli check --arch $a "$f"
        ok $status "aarch64 command: check --arch $a $(basename "$f")"
    done
done
p=$tmp/p.ini
printf '[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\nmkdirat = errno(EACCES)\nopenat = kill if arg2 & O_DIRECTORY == O_DIRECTORY\n' >"$p"
printf '[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\n' >"$tmp/mkdir.ini"
run $cli check "$tmp/mkdir.ini"
has "$err" "denies mkdir, but aarch64 has only mkdirat" && [ $status = 0 ]
ok $? "check: the default target is aarch64 (mkdir skipped, with its warning)"
run $cli test "$p" 'mkdirat(0, 0, 0)' 'openat(0, 0, O_DIRECTORY)' 'openat(0, 0, 0200000)'
has "$out" '^mkdirat.*errno\(13\)' && has "$out" '^openat\(0, 0, 0x4000,.*kill_process' &&
    has "$out" '^openat\(0, 0, 0x10000,.*allow'
ok $? "test: aarch64 calls, O_DIRECTORY is 040000"
run $cli test --arch x86_64 "$p" 'mkdir(0)' 'openat(0, 0, O_DIRECTORY)'
has "$out" 'x86_64 mkdir.*errno\(1\)' && has "$out" 'x86_64 openat\(0, 0, 0x10000,.*kill_process'
ok $? "test --arch x86_64: x86_64 calls, O_DIRECTORY is 0200000"
run $cli test --arch x32 "$p" 'mkdir(0)'
has "$out" 'kill_process, by the architecture check'
ok $? "test --arch x32: the x86_64 filter made on aarch64 kills x32 calls"
run $cli syscalls mkdirat 34 @basic-io
has "$out" '^mkdirat +34$' && [ $status = 0 ]
ok $? "syscalls: aarch64 numbers"
run $cli export -f bpf -o "$tmp/a.bpf" "$p"
ok $status "export -f bpf"
run $cli export -f pfc "$p"
has "$out" 'filter for arch aarch64' && has "$out" '"mkdirat" \(34\)'
ok $? "export -f pfc"
run $cli export -f oci "$p"
has "$out" 'SCMP_ARCH_AARCH64'
ok $? "export -f oci: SCMP_ARCH_AARCH64"
# audit --suggest takes this machine's records only, named for it (an x86_64
# record, syscall 40 = sendfile, once came out as aarch64's 40: mount).
u=$(id -u)
printf '[ 1.0] audit: type=1326 audit(1796000000.100:9): auid=%s uid=%s gid=0 ses=1 pid=42 comm="x" exe="/x" sig=31 arch=c000003e syscall=40 compat=0 ip=0x1 code=0x80000000\n[ 1.1] audit: type=1326 audit(1796000000.200:10): auid=%s uid=%s gid=0 ses=1 pid=43 comm="y" exe="/y" sig=31 arch=c00000b7 syscall=160 compat=0 ip=0x1 code=0x80000000\n' \
    "$u" "$u" "$u" "$u" >"$tmp/a.log"
printf '[policy]\ndefault = kill_process\n[syscalls]\nread = allow\n' >"$tmp/k.ini"
run $cli audit --suggest "$tmp/k.ini" "$tmp/a.log"
has "$out" '^uname = allow' && ! has "$out" '^mount = allow'
ok $? "audit --suggest: the aarch64 record named for aarch64 (uname), the x86_64 one left out"
run $cli export --arch x86_64 -f oci "$p"
has "$out" 'SCMP_ARCH_X86_64'
ok $? "export --arch x86_64 -f oci: SCMP_ARCH_X86_64"

# The shim under qemu: seccomp() is ENOSYS. Exit 125, a message naming it,
# and the program (the command's --version) never runs.
run $qemu -E LD_PRELOAD="$b/libseccomp-shim.so" -E SECCOMP_SHIM_POLICY="$root/conf/deny-uname.ini" \
    "$b/seccomp-shim" --version
[ $status = 125 ] && has "$err" 'no seccomp support here' && [ -z "$out" ]
ok $? "shim without seccomp(): exit 125, names the missing support, the program never runs"
run $qemu -E LD_PRELOAD="$b/libseccomp-shim.so" -E "SECCOMP_SHIM_INI=[policy]
default = allow" "$b/seccomp-shim" --version
[ $status = 125 ] && [ -z "$out" ]
ok $? "... also for a policy that allows everything"
run $cli compile -o "$tmp/p.compiled" "$root/conf/deny-uname.ini"
run $qemu -E LD_PRELOAD="$b/libseccomp-shim.so" -E SECCOMP_SHIM_POLICY="$tmp/p.compiled" \
    "$b/seccomp-shim" --version
[ $status = 125 ] && has "$err" 'no seccomp support here' && [ -z "$out" ]
ok $? "... also for a compiled policy (its install fails with ENOSYS)"
run $cli run -p "$root/conf/deny-uname.ini" -- "$b/seccomp-shim" --version
[ $status = 125 ] && [ -z "$out" ]
ok $? "run without seccomp(): exit 125, the program never runs"

# A native aarch64 build: gen-tables.sh where cc, gcc and cpp are aarch64's
# (and CC too) writes the x86_64 build's tables, as the aarch64 build did.
tables="syscalls_x86_64.inc syscalls_i386.inc syscalls_aarch64.inc constants.inc
        constants_aarch64.inc constants_headers.h groups.inc table_sizes.h"
same_tables() { # DIR: its tables equal the x86_64 build's (a diff on stderr)
    s=0
    for f in $tables; do cmp -s "$gen/$f" "$1/$f" || { diff -u "$gen/$f" "$1/$f" >&2; s=1; }; done
    return $s
}
same_tables "$b/gen"
ok $? "the aarch64 build's generated tables are the x86_64 build's"
mkdir "$tmp/bin"
for t in cc:gcc gcc:gcc cpp:cpp; do ln -s "$(command -v "aarch64-linux-gnu-${t#*:}")" "$tmp/bin/${t%:*}"; done
PATH=$tmp/bin:$PATH CC=aarch64-linux-gnu-gcc sh "$root/tools/gen-tables.sh" "$tmp/native-gen" &&
    [ "$(PATH=$tmp/bin:$PATH cc -dumpmachine)" = aarch64-linux-gnu ] && same_tables "$tmp/native-gen"
ok $? "tables generated as on an aarch64 machine (cc is aarch64's) are the x86_64 build's"
# The committed data was made from Debian 12's headers (Linux 6.1): there it
# must be exactly what the script makes. Newer headers (Debian 13's 6.12) know
# more constants, so elsewhere they may only add lines, never change one.
data_release=bookworm
mkdir "$tmp/data"
if [ "$(. /etc/os-release && echo "${VERSION_CODENAME:-}")" = "$data_release" ]; then
    (sh "$root/tools/gen-arch-data.sh" -o "$tmp/data" >&2 &&
        for f in "$tmp"/data/*; do diff -u "$root/data/${f##*/}" "$f" >&2 || exit 1; done)
    ok $? "data/ is what tools/gen-arch-data.sh makes from these headers (re-run it after a change to tools/constants.list)"
else
    (sh "$root/tools/gen-arch-data.sh" -o "$tmp/data" >&2 &&
        for f in "$tmp"/data/*; do
            grep -v '^#' "$root/data/${f##*/}" | sort >"$tmp/committed"
            grep -v '^#' "$f" | sort >"$tmp/made"
            comm -13 "$tmp/committed" "$tmp/made" | sed "s|^|# newer headers add to ${f##*/}: |"
            lacks=$(comm -23 "$tmp/committed" "$tmp/made")
            [ -z "$lacks" ] || { printf '%s\n' "$lacks" | sed "s|^|# newer headers lack or change in ${f##*/}: |"; exit 1; }
        done)
    ok $? "data/ (made from $data_release's headers) is a part of what these newer headers give"
fi

# The verdict suite, aarch64-native engine.
if [ -x "$b/tests/unit/arch" ]; then
    run $qemu "$b/tests/unit/arch" "$root"/conf/*.ini
    [ $status = 0 ] && ! has "$out" '^not ok'
    ok $? "tests/unit/arch (cross-architecture verdicts) on the aarch64 engine"
    printf '%s\n' "$out" | grep '^not ok' | sed 's/^/# /'
fi
echo "1..$n"
[ $failed = 0 ]
