#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim syscalls: names <-> numbers, checked against the kernel headers.
# The queries name x86_64 (whose headers Debian's linux-libc-dev:amd64 has), so
# the test means the same on any host; one check covers the default, the host's.
. "$(dirname "$0")/lib.sh"

HDR64=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
HDR32=/usr/include/x86_64-linux-gnu/asm/unistd_32.h
if ! [ -r "$HDR64" ] || ! [ -r "$HDR32" ]; then
    echo "1..0 # SKIP the x86_64 kernel headers (linux-libc-dev:amd64) are not installed"
    exit 0
fi
X="--arch x86_64"
nr_of() { awk -v n="__NR_$2" '$1 == "#define" && $2 == n { print $3 }' "$1"; }

run "$CLI" syscalls $X uname
is "$(echo $OUT)" "uname $(nr_of $HDR64 uname)" "name -> number"
run "$CLI" syscalls $X 63
is "$(echo $OUT)" "uname 63" "number -> name"
run "$CLI" syscalls $X 0x3f read 1
is "$(echo $OUT)" "uname 63 read 0 write 1" "several, hex accepted, in order"
run "$CLI" syscalls --arch x86 uname socketcall
is "$(echo $OUT)" "uname $(nr_of $HDR32 uname) socketcall $(nr_of $HDR32 socketcall)" "--arch x86 names"
run "$CLI" syscalls --arch x86 1
is "$(echo $OUT)" "exit 1" "--arch x86 number"

run "$CLI" syscalls
host=$OUT
case $(uname -m) in x86_64) harch=x86_64 ;; aarch64) harch=aarch64 ;; *) harch= ;; esac
run "$CLI" syscalls --arch "$harch"
is "$host" "$OUT" "no --arch: the running architecture's syscalls ($harch)"
run "$CLI" syscalls $X
is "$STATUS" 0 "list: exit 0"
lines=$(printf '%s\n' "$OUT" | wc -l)
is "$((lines > 300))" 1 "list: every syscall ($lines)"
# Every listed number agrees with the kernel headers.
wrong=$(printf '%s\n' "$OUT" | while read -r name nr _; do
    h=$(nr_of $HDR64 "$name")
    [ -n "$h" ] && [ "$h" != "$nr" ] && echo "$name $nr != $h"
done)
is "$wrong" "" "list: numbers match unistd_64.h"
run "$CLI" syscalls --arch x86
like "$OUT" "^socketcall +102$" "list --arch x86: i386 syscalls"

run "$CLI" syscalls $X unme
is "$STATUS" 1 "unknown name: 1"
like "$ERR" "unknown syscall unme \(did you mean uname\?\)" "unknown name: suggestion"
run "$CLI" syscalls $X chown32
is "$STATUS" 1 "i386-only name on x86_64: 1"
like "$ERR" "chown32 is not a syscall of x86_64.*--arch x86" "i386-only name: points to --arch x86"
run "$CLI" syscalls $X 5000
is "$STATUS" 1 "unknown number: 1"
run "$CLI" syscalls $X uname nosuch 0
is "$STATUS" 1 "one unknown among known ones: 1"
is "$(echo $OUT)" "uname 63 read 0" "one unknown among known ones: the others still printed"
run "$CLI" syscalls $X @no-such-group
is "$STATUS" 1 "unknown @group: 1"
like "$ERR" "unknown syscall group @no-such-group$" "unknown @group: named"
run "$CLI" syscalls $X @aoi
is "$STATUS:$OUT" "1:" "misspelt @group: 1, nothing printed"
like "$ERR" "unknown syscall group @aoi \(did you mean @aio\?\)" "misspelt @group: suggestion"

# @GROUP: the group's x86_64 members, sorted by name, each with its number.
# The data file lists @aio's members (x86_64 lacks io_pgetevents_time64).
run "$CLI" syscalls $X @aio
is "$STATUS" 0 "@aio: exit 0"
want=$(awk '/^@/ { g = $1 } g == "@aio" && /^    [a-z]/ { print $1 }' "$ROOT/data/syscall-groups.txt" |
    while read -r n; do h=$(nr_of $HDR64 "$n"); [ -n "$h" ] && echo "$n $h"; done | sort)
is "$(printf '%s\n' "$OUT" | awk '{ print $1, $2 }')" "$want" "@aio: the x86_64 members of data/syscall-groups.txt, sorted, numbers from unistd_64.h"
# A group of groups, compared with what a policy naming it resolves to.
run "$CLI" syscalls $X @system-service
is "$STATUS" 0 "@system-service (made of groups): exit 0"
names=$(printf '%s\n' "$OUT" | awk '{ print $1 }')
is "$names" "$(printf '%s\n' "$names" | LC_ALL=C sort)" "@system-service: sorted by name"
is "$((($(printf '%s\n' "$names" | wc -l)) > 100))" 1 "@system-service: its groups expanded"
printf '[policy]\ndefault = allow\n[syscalls]\n@system-service = errno(EPERM)\n' >"$TMP/group.ini"
run "$CLI" check -v $X "$TMP/group.ini"
resolved=$(printf '%s\n' "$OUT" | awk 'NR > 1 && $3 == "errno(EPERM)" { print $2 }' | sort -n)
run "$CLI" syscalls $X @system-service
is "$(printf '%s\n' "$OUT" | awk '{ print $2 }' | sort -n)" "$resolved" \
    "@system-service: the same syscalls a policy line @system-service = ... applies to"
run "$CLI" syscalls $X @aio uname @nope
is "$STATUS" 1 "@group among names, one unknown: 1"
like "$OUT" "io_submit +209" "@group among names: members printed"
like "$OUT" "uname +63" "@group among names: the name printed"
run "$CLI" syscalls --arch x86 @aio
is "$STATUS" 1 "@group with --arch x86: 1 (groups are x86_64 syscalls)"
like "$ERR" "groups are x86_64 or aarch64 syscalls" "@group with --arch x86: says why"
run "$CLI" syscalls --arch mips read
is "$STATUS" 2 "unknown --arch: usage error"

# The engine reads its own table before libseccomp (engine/syscalls.c): for
# every name in it, both give the same number, on each target.
run "$B/tests/unit/syscall_table"
is "$STATUS" 0 "the engine's syscall table and libseccomp agree on every name (tests/unit/syscall_table.c)"
no_line "$OUT" '.*: (table|by_number) .*' "... no disagreement"
echo "$OUT" | sed 's/^/# /'

done_testing
