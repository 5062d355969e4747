#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# libseccomp 2.5.4 miscompiles several conditional rules for one syscall with
# range comparisons on one argument (SECURITY.md). In the real kernel: the
# deny-list below must refuse mmap(7, 0x7ffffffe, PROT_READ, ...), which its
# second line matches; libseccomp's own filter let it through.
. "$(dirname "$0")/lib.sh"

deny=$(policy $'[policy]\ndefault = allow\n[syscalls]\nmmap = errno(EPERM) if arg0 <= 0x7 && arg1 > 0x7fffffff\nmmap = errno(EPERM) if arg0 <= 0x100000\nmmap = errno(EPERM) if arg0 > 0xfffffff0 && arg1 >= 0x7fffffff')

run "$PROGS/mmap_range"
is "$STATUS:$OUT" "0:mapped" "unsandboxed: mmap(7, 0x7ffffffe, PROT_READ) maps (control)"
# (The loader's own mmap calls, arg0 == 0, happen before the shim's filter.)
shim_file "$deny" "$PROGS/mmap_range" 0x200000 4096
is "$STATUS:$OUT" "0:mapped" "under the deny-list: mmap(0x200000, 4096) matches no line and maps"
shim_file "$deny" "$PROGS/mmap_range"
is "$STATUS:$OUT" "1:refused: EPERM" "under the deny-list: mmap(7, 0x7ffffffe) matches line 5 and is refused"
shim_file "$deny" "$PROGS/mmap_range" 7 0x80000000
is "$STATUS:$OUT" "1:refused: EPERM" "under the deny-list: mmap(7, 0x80000000) matches lines 4 and 5 and is refused"
shim_file "$deny" "$PROGS/mmap_range" 0xfffffff1 0x7fffffff
is "$STATUS:$OUT" "1:refused: EPERM" "under the deny-list: mmap(0xfffffff1, 0x7fffffff) matches line 6 and is refused"

run "$CLI" check "$deny"
is "$STATUS" 0 "check accepts the deny-list: the filter now matches the model"
run "$CLI" test "$deny" 'mmap(7, 0x7ffffffe, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)'
like "$OUT" "^mmap\(0x7, 0x7ffffffe, 0x1, 0x22, 0xffffffffffffffff, 0\): errno\(1\), by the rule at $deny:5$" \
    "test names line 5 as the rule that refuses it"

allow=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nmmap = allow if arg1 <= 0x1000   && arg2 == PROT_READ|PROT_WRITE|PROT_EXEC\nmmap = allow if arg1 <= 0x100000 && arg2 == PROT_READ|PROT_WRITE')
run "$CLI" test "$allow" 'mmap(0, 0x10000, PROT_READ|PROT_WRITE|PROT_EXEC, ...)' 'mmap(0, 0x10000, PROT_READ|PROT_WRITE)'
has_line "$OUT" "mmap\(0, 0x10000, 0x7, 0, 0, 0\): kill_process, by the default \($allow:2\)" \
    "allow-list: mmap(0, 0x10000, RWX) is killed, as no line allows it"
has_line "$OUT" "mmap\(0, 0x10000, 0x3, 0, 0, 0\): allow, by the rule at $allow:5" \
    "allow-list: mmap(0, 0x10000, RW) is allowed by line 5"

# A pair of rules on which libseccomp's rule_add never returns: the shim
# must start (and refuse what the stricter line says).
hang=$(policy $'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 != 0x1000 && arg1 <= 0x7 && arg2 > 0\nsocket = kill_process if arg0 != 0x1000 && arg2 & 0xf == 0')
run timeout 20 "$CLI" test "$hang" 'socket(AF_INET, SOCK_STREAM, 6)' 'socket(AF_INET, SOCK_STREAM, 0x10)'
has_line "$OUT" "socket\(0x2, 0x1, 0x6, 0, 0, 0\): errno\(13\), by the rule at $hang:4" \
    "rules libseccomp loops on: compiled, first line decides"
has_line "$OUT" "socket\(0x2, 0x1, 0x10, 0, 0, 0\): kill_process, by the rule at $hang:5" \
    "... and where both match, the stricter (kill_process) decides"
# The same policies exported for a container runtime (review): runc and crun
# compile OCI profiles with libseccomp alone, so the exported deny-list and
# allow-list would be miscompiled there and the pair would hang the runtime.
# export compares what libseccomp makes of the profile with the policy and
# refuses; --force writes it anyway, saying so.
run "$CLI" export -f oci -o "$TMP/deny.json" "$deny"
is "$STATUS" 1 "export -f oci of the deny-list: refused (exit 1)"
like "$ERR" "libseccomp compiled the rules for mmap .* allows mmap" "...naming a call libseccomp lets through"
ok "$([ ! -e "$TMP/deny.json" ]; echo $?)" "...and writing nothing"
run "$CLI" export -f oci -o "$TMP/allow.json" "$allow"
is "$STATUS" 1 "export -f oci of the allow-list: refused (exit 1)"
run timeout 60 "$CLI" export -f oci -o "$TMP/hang.json" "$hang"
is "$STATUS" 1 "export -f oci of the pair libseccomp never finishes: refused, not hung"
like "$ERR" "does not finish compiling" "...saying why"
run "$CLI" export -f oci --force -o "$TMP/deny.json" "$deny"
is "$STATUS" 0 "export --force writes it"
like "$ERR" "warning: export --force: container runtimes.* will apply another filter" "...with a warning"
# A refusal equal to the default beside a laxer rule: runtimes drop it.
same=$(policy $'[policy]\ndefault = errno(EPERM)\n[syscalls]\n@default = allow\nsocket = allow if arg0 == AF_INET\nsocket = errno(EPERM) if arg1 == SOCK_RAW')
run "$CLI" test "$same" 'socket(AF_INET, SOCK_RAW, 0)'
like "$OUT" "errno\\(1\\), by the rule at $same:6" "a refusal equal to the default beats the allow rule (control)"
run "$CLI" export -f oci -o "$TMP/same.json" "$same"
is "$STATUS" 1 "export -f oci: refused, as a runtime would drop that rule and allow the call"

done_testing
