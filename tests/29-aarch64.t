#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# aarch64 without the hardware: policies are checked, compiled, exported and
# tested for aarch64 on this machine, and each filter is run through the
# engine's BPF interpreter (tests/unit/arch.c: every conf/ policy and some
# hand-written ones agree with the model for every aarch64 syscall at the
# boundaries of every condition; x86_64 and aarch64 filters give the syscalls
# both have the same action; O_DIRECTORY per target; the lint per target).
. "$(dirname "$0")/lib.sh"

# The interpreter suite, as TAP of its own: one line here per policy set.
run "$B/tests/unit/arch" "$ROOT"/conf/*.ini
is "$STATUS" 0 "cross-architecture verdict suite (tests/unit/arch.c) passes"
no_line "$OUT" 'not ok.*' "... no case fails"
echo "$OUT" | grep '^not ok' | sed 's/^/# /'

# Every conf/ policy checks clean for both architectures: no error, and no
# warning that one architecture has and the other has not.
for f in "$ROOT"/conf/*.ini; do
    run "$CLI" check --arch x86_64 "$f"
    x86=$STATUS warn_x86=$ERR
    run "$CLI" check --arch aarch64 "$f"
    is "$x86/$STATUS" 0/0 "$(basename "$f"): valid for x86_64 and aarch64"
    is "$ERR" "$warn_x86" "$(basename "$f"): the same warnings on both"
done

# A deny rule for a name aarch64 lacks warns there, naming the form it has.
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\n')
run "$CLI" check --arch aarch64 "$p"
like "$ERR" "denies mkdir, but aarch64 has only mkdirat" "aarch64: deny mkdir warns: only mkdirat"
run "$CLI" check --arch x86_64,aarch64 "$p"
like "$ERR" $'x86_64:\n.*mkdirat is allowed.*\naarch64:\n.*aarch64 has only mkdirat' \
    "check --arch x86_64,aarch64: each architecture's warnings"
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\nmkdirat = errno(EPERM)\n')
run "$CLI" check --werror --arch x86_64,aarch64 "$p"
is "$STATUS" 0 "deny mkdir and mkdirat: clean on both"

# O_DIRECTORY in a condition: each target's value, through each filter.
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\nopenat = errno(EPERM) if arg2 & O_DIRECTORY == O_DIRECTORY\n')
run "$CLI" test --arch x86_64 "$p" 'openat(0, 0, 0200000)' 'openat(0, 0, 040000)'
has_line "$OUT" '(x86_64 )?openat\(0, 0, 0x10000, .*errno\(1\).*' "x86_64: O_DIRECTORY is 0200000"
has_line "$OUT" '(x86_64 )?openat\(0, 0, 0x4000, .*: allow.*' "x86_64: 040000 is not O_DIRECTORY"
run "$CLI" test --arch aarch64 "$p" 'openat(0, 0, O_DIRECTORY)' 'openat(0, 0, 0200000)'
has_line "$OUT" 'aarch64 openat\(0, 0, 0x4000, .*errno\(1\).*' "aarch64: O_DIRECTORY is 040000"
has_line "$OUT" 'aarch64 openat\(0, 0, 0x10000, .*: allow.*' "aarch64: 0200000 is O_DIRECT there, allowed"
run "$CLI" check -v --arch aarch64 "$p"
like "$OUT" 'openat +56 .*O_DIRECTORY' "check -v --arch aarch64: openat is 56, its condition O_DIRECTORY"

# test --arch aarch64: aarch64 calls by name; arm and x86_64 calls killed.
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\nmkdirat = errno(EACCES)\n')
run "$CLI" test --arch aarch64 "$p" 'mkdirat(AT_FDCWD, 0, 0)'
has_line "$OUT" 'aarch64 mkdirat\(.*errno\(13\), by the rule.*' "test --arch aarch64: mkdirat refused by its rule"
run "$CLI" test --arch aarch64 "$p" 'mkdir(0)'
is "$STATUS" 1 "test --arch aarch64: mkdir is no aarch64 syscall (status 1)"
like "$ERR" "'mkdir' is not an aarch64 syscall" "... and says so"
run "$CLI" test --arch arm "$p" 'mkdirat(0)'
has_line "$OUT" '.*kill_process, by the architecture check \(only aarch64 calls pass\).*' "arm calls: killed"

# export and compile for aarch64.
run "$CLI" export --arch aarch64 -f oci "$p"
like "$OUT" '"SCMP_ARCH_AARCH64"' "export --arch aarch64 -f oci: architectures SCMP_ARCH_AARCH64"
unlike "$OUT" 'X86' "... and no x86 one"
run "$CLI" export --arch aarch64 -f pfc "$p"
like "$OUT" 'filter for arch aarch64 \(3221225655\)' "export -f pfc: the aarch64 arch check"
like "$OUT" 'syscall "mkdirat" \(34\)' "export -f pfc: mkdirat is aarch64 syscall 34"
run "$CLI" export --arch aarch64 -f bpf -o "$TMP/a.bpf" "$p"
is "$STATUS" 0 "export --arch aarch64 -f bpf"
run "$CLI" test --arch aarch64 "$TMP/a.bpf" 'mkdirat(0)' 'openat(0)'
has_line "$OUT" 'aarch64 mkdirat.*errno\(13\).*' "the exported aarch64 BPF refuses mkdirat"
run "$CLI" compile --arch aarch64 -o "$TMP/a.compiled" "$p"
is "$STATUS" 0 "compile --arch aarch64"
run env SECCOMP_SHIM_POLICY="$TMP/a.compiled" LD_PRELOAD="$SHIM" /bin/true
is "$STATUS" 125 "the x86_64 shim refuses a policy compiled for aarch64 (125)"
like "$ERR" "compiled policy is for architecture aarch64 .*this shim runs x86_64" "... and says why"
run "$CLI" syscalls --arch aarch64 mkdirat open
is "$STATUS" 1 "syscalls --arch aarch64: open is not one"
has_line "$OUT" 'mkdirat +34' "syscalls --arch aarch64: mkdirat is 34"
# import: the profile's includes by architecture, decided for the target.
run "$CLI" import --arch aarch64 "$ROOT/tests/data/docker-default-seccomp.json"
# (Its names are arm's, 32-bit: aarch64 has none of them, so each is left
# out as a name of no architecture the engine knows, not as another
# architecture's include.)
has_line "$OUT" '; sync_file_range2: not an x86_64, i386 or aarch64 syscall in .*' \
    "import --arch aarch64: the arm64 include is read"
has_line "$OUT" '; left out, only for other architectures: arch_prctl' \
    "import --arch aarch64: the amd64 include is left out"
run "$CLI" import --arch x86_64 "$ROOT/tests/data/docker-default-seccomp.json"
has_line "$OUT" 'arch_prctl = allow' "import --arch x86_64: the amd64 include is kept"
no_line "$OUT" 'sync_file_range2 = allow' "import --arch x86_64: the arm64 one is not"
# The tables come from committed data alone, so an aarch64 machine builds the
# x86_64 machine's: gen-tables.sh runs where every compiler fails, and writes
# the build's tables (tools/cross-aarch64-check.sh runs it with aarch64's).
mkdir "$TMP/nocc"
for c in cc gcc cpp c99 clang aarch64-linux-gnu-gcc x86_64-linux-gnu-gcc; do
    printf '#!/bin/sh\necho "no compiler here: $0" >&2\nexit 1\n' >"$TMP/nocc/$c"
    chmod +x "$TMP/nocc/$c"
done
run env PATH="$TMP/nocc:$PATH" CC="$TMP/nocc/cc" sh "$ROOT/tools/gen-tables.sh" "$TMP/gen"
is "$STATUS/$ERR" 0/ "gen-tables.sh needs no compiler and no header"
for f in syscalls_x86_64.inc syscalls_i386.inc syscalls_aarch64.inc constants.inc \
    constants_aarch64.inc constants_headers.h groups.inc table_sizes.h; do
    cmp -s "$B/gen/$f" "$TMP/gen/$f"
    is "$?" 0 "... its $f is the build's"
done

run "$CLI" check --arch mips "$p"
is "$STATUS" 2 "an unknown --arch: usage error"

done_testing
