#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The 32-bit hardening belongs to compilation (issue 21): the model holds the
# rules as written, the filter, the model's verdict and the verifier hold
# them hardened (tests/unit/hardening.c, which prints TAP), and what writes
# policies from the model writes the author's rules.
. "$(dirname "$0")/lib.sh"

out=$("$ROOT/build/tests/unit/hardening")
st=$?
while IFS= read -r line; do
    case $line in
    "ok "*) ok 0 "${line#ok * - }" ;;
    "not ok "*) ok 1 "${line#not ok * - }" ;;
    "1.."*) ;;
    *) echo "$line" ;;
    esac
done <<<"$out"
is "$st" 0 "tests/unit/hardening passes"

deny=$'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == AF_INET'
run "$CLI" merge "$(policy "$deny")" "$(policy "$deny")"
has_line "$OUT" "socket = errno\(13\) if arg0 == 0x2 ;.*" "merge writes the rule as written"
unlike "$OUT" "0xffffffff" "...not the filter's mask"
run "$CLI" check -v "$(policy "$deny")"
like "$OUT" "socket +41 +errno\(EACCES\) +arg0 & 0xffffffff == AF_INET" \
    "check -v still shows the rules as the filter has them"
run "$CLI" test "$(policy "$deny")" 'socket(0x100000002, SOCK_STREAM, 0)'
like "$OUT" "errno\(13\)|errno\(EACCES\)" "test: socket(0x100000002) is refused"
like "$OUT" ":4" "...by the rule at line 4"

done_testing
