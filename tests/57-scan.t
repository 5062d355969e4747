#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# scan: the syscalls a program can make, read off its files (never run); and
# learn's policy as the union of the run and the binary, which still refuses
# the namespace calls the run did not make (issue 19).
. "$(dirname "$0")/lib.sh"

RARE=$PROGS/scan_rare

# /bin/true: what libc's exit reaches, found in libc's own code.
run "$CLI" scan /bin/true
is "$STATUS.$ERR" "0." "scan /bin/true: exit 0, nothing on stderr"
has_line "$OUT" 'exit_group +libc\.so\.6: .*' "scan /bin/true: exit_group, from a libc import"
names=$(printf '%s\n' "$OUT" | awk '{print $1}')
is "$names" "$(printf '%s\n' "$names" | sort)" "scan /bin/true: sorted by name"
# cat calls read and write itself (true's write is through stdio's function
# table: glibc 2.36's assert reached it directly, 2.41's does not). 2.41's
# wrappers push the number for __syscall_cancel, which scan follows.
run "$CLI" scan /bin/cat
has_line "$OUT" 'write +libc\.so\.6: .*' "scan /bin/cat: write"
has_line "$OUT" 'read +libc\.so\.6: .*' "scan /bin/cat: read"
run "$CLI" scan true
is "$STATUS" 0 "scan finds a program in \$PATH"

# python3: its own libraries (libm, libz, libexpat...) and libc.
run "$CLI" scan "$PY"
is "$STATUS" 0 "scan python3: exit 0"
has_line "$OUT" 'openat +libc\.so\.6: .*' "scan python3: openat"
has_line "$OUT" 'socket +libc\.so\.6: .*' "scan python3: socket (it imports socket)"
like "$(printf '%s\n' "$OUT" | wc -l)" '^ *[0-9]{3}$' "scan python3: a hundred syscalls or more"

# A program that calls sethostname only with argument x, syscall(SYS_setdomainname)
# only with y, and acct with a raw syscall instruction only with z.
run "$CLI" scan "$RARE"
is "$STATUS" 0 "scan scan_rare: exit 0"
has_line "$OUT" 'sethostname +libc\.so\.6: sethostname' "the import sethostname gives sethostname"
has_line "$OUT" 'setdomainname +syscall\(\) in scan_rare' "syscall(SYS_setdomainname): a constant number"
has_line "$OUT" 'acct +syscall instruction in scan_rare' "a syscall instruction after mov \$163,%eax"
has_line "$OUT" 'unshare +libc\.so\.6: unshare' "the import unshare"
# A cancellable call: glibc 2.36 loads its number into %eax before the
# syscall instruction, 2.41 pushes it as the 7th argument of __syscall_cancel
# (a local function), which scan follows to its syscall instruction.
has_line "$OUT" 'sync_file_range +libc\.so\.6: sync_file_range' "the import sync_file_range, a cancellable call"

run "$CLI" scan --json "$RARE"
is "$STATUS" 0 "scan --json: exit 0"
is "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; d=json.load(sys.stdin)
print(" ".join(c["from"] for c in d["syscalls"] if c["name"] == "sethostname"), d["objects"][0].endswith("scan_rare"), any(o.endswith("libc.so.6") for o in d["objects"]))')" \
    "libc.so.6: sethostname True True" "scan --json: the syscall with its source, the objects read"

printf 'not a program\n' >"$TMP/text"
chmod +x "$TMP/text"
run "$CLI" scan "$TMP/text"
is "$STATUS" 1 "scan of a file that is no ELF program: exit 1"
like "$ERR" 'not a 64-bit little-endian ELF file' "... saying why"
run "$CLI" scan
is "$STATUS" 2 "scan without a program: usage error"

# learn: the run (no argument) calls none of them; the binary can.
run "$CLI" learn -o "$TMP/rare.ini" -- "$RARE"
is "$STATUS" 0 "learn scan_rare: exit 0"
like "$ERR" 'from the binary\)' "learn: the summary counts the lines from the binary"
P=$(cat "$TMP/rare.ini")
has_line "$P" 'sethostname = allow ; from the binary \(libc\.so\.6: sethostname\)' \
    "learn: sethostname allowed, from the binary (the import)"
has_line "$P" 'setdomainname = allow ; from the binary \(syscall\(\) in scan_rare\)' \
    "learn: setdomainname allowed, from the binary (syscall())"
has_line "$P" 'acct = allow ; from the binary \(syscall instruction in scan_rare\)' \
    "learn: acct allowed, from the binary (a syscall instruction)"
has_line "$P" 'write = allow ; seen [0-9]+ times?' "learn: what the run made says so"
has_line "$P" '; unshare left out: .*' "learn: unshare is left out, and the policy says so"
no_line "$P" 'unshare *=.*' "learn: no unshare line"
has_line "$P" '; chroot left out: .*' "learn: chroot (systemd's @mount) is left out too"
no_line "$P" 'chroot *=.*' "learn: no chroot line"
has_line "$P" 'clone = allow if arg0 & 0x7e020000 == 0 ; from the binary .*' \
    "learn: clone from the binary only without namespace flags"
run "$CLI" check "$TMP/rare.ini"
is "$STATUS.$ERR" "0." "learn: the union policy is valid"
run "$CLI" learn --no-scan -o "$TMP/rare-no.ini" -- "$RARE"
is "$STATUS" 0 "learn --no-scan: exit 0"
no_line "$(cat "$TMP/rare-no.ini")" '.*from the binary.*' "learn --no-scan: nothing from the binary"

# Under the policies: the calls the binary can make are not killed by seccomp
# (the kernel answers them: EPERM, EINVAL or EFAULT, never a change); with
# --no-scan they are. Controls first: without a policy none is killed.
for a in x y z; do
    run "$RARE" "$a"
    like "$STATUS.$OUT" '^0\.rc=-1 ' "control: scan_rare $a is refused by the kernel alone"
    shim_file "$TMP/rare.ini" "$RARE" "$a"
    like "$STATUS.$OUT" '^0\.rc=-1 ' "learned (union): scan_rare $a reaches the kernel, not SIGSYS"
    shim_file "$TMP/rare-no.ini" "$RARE" "$a"
    is "$STATUS" 159 "learn --no-scan: scan_rare $a dies by SIGSYS"
done

# The union still refuses namespaces: unshare(CLONE_NEWUSER) and
# clone(CLONE_NEWUSER) are killed; a plain clone is allowed. Control: without
# a policy they run (root makes a user namespace; others may get EPERM).
for a in u c f; do
    run "$RARE" "$a"
    like "$STATUS" '^0$' "control: scan_rare $a runs without a policy"
done
shim_file "$TMP/rare.ini" "$RARE" u
is "$STATUS" 159 "learned (union): unshare(CLONE_NEWUSER) dies by SIGSYS"
shim_file "$TMP/rare.ini" "$RARE" c
is "$STATUS" 159 "learned (union): clone(CLONE_NEWUSER) dies by SIGSYS"
shim_file "$TMP/rare.ini" "$RARE" f
is "$STATUS.$OUT" "0.rc=0 " "learned (union): a plain clone runs"

# --direct: the union is the same, the loader's own calls come from the run.
run "$CLI" learn --direct -o "$TMP/rare-direct.ini" -- "$RARE"
is "$STATUS" 0 "learn --direct: exit 0"
shim_file "$TMP/rare-direct.ini" "$PROGS/shim-exec" "$RARE" x
like "$STATUS.$OUT" '^0\.rc=-1 ' "learn --direct (union): sethostname not killed"

# merge: a policy learned with what the binary can call has clone3 =
# errno(ENOSYS) (glibc falls back to clone); another that saw clone3 allows it:
# the allow covers the fallback, as it covers conditional allows.
a=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nclone3 = errno(ENOSYS)\nopenat2 = errno(ENOSYS)')
b=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nclone3 = allow\nopenat2 = allow')
run "$CLI" merge "$a" "$b"
is "$STATUS" 0 "merge: clone3 = allow covers learn's clone3 = errno(ENOSYS)"
has_line "$OUT" 'clone3 = allow.*' "merge: the union allows clone3"
c=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nclone3 = errno(EPERM)')
run "$CLI" merge "$c" "$b"
is "$STATUS" 1 "merge: another errno on clone3 still conflicts with allow"

# The shim is preloaded, ld.so maps the program: neither is the program's.
unlike "$(grep 'from the binary' "$TMP/rare.ini")" 'libseccomp-shim|ld-linux' \
    "learn: nothing from the shim or the loader"

done_testing
