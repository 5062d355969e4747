#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim test: calls run through the real filter; which rule decided.
. "$(dirname "$0")/lib.sh"

p=$(policy $'[policy]\ndefault = errno(EPERM)\n[syscalls]\nwrite = allow\nexit_group = allow\nsocket = allow if arg0 == AF_UNIX\nsocket = errno(EACCES) if arg0 == AF_INET && arg1 & 0xf == SOCK_RAW\nmmap = allow if arg2 & PROT_EXEC == 0')

run "$CLI" test "$p" 'socket(AF_UNIX, SOCK_STREAM, 0)' 'socket(AF_INET, SOCK_RAW|SOCK_CLOEXEC, 0)' \
    'socket(AF_INET, SOCK_STREAM)' 'mmap(0, 0x1000, PROT_READ|PROT_EXEC, ...)' 'mmap(0, 4096, 3, 0x22, -1, 0)' getpid 110
is "$STATUS" 0 "exit status 0 when every call was evaluated"
has_line "$OUT" "socket\(0x1, 0x1, 0, 0, 0, 0\): allow, by the rule at $p:6" "the deciding rule's FILE:LINE"
has_line "$OUT" "socket\(0x2, 0x80003, 0, 0, 0, 0\): errno\(13\), by the rule at $p:7" \
    "constants combined with |, masked compare"
has_line "$OUT" "socket\(0x2, 0x1, 0, 0, 0, 0\): errno\(1\), by the default \($p:2\)" \
    "a call no rule matches: the default, with its line"
has_line "$OUT" "mmap\(0, 0x1000, 0x5, 0, 0, 0\): errno\(1\), by the default \($p:2\)" "'...' ends the list"
has_line "$OUT" "mmap\(0, 0x1000, 0x3, 0x22, 0xffffffffffffffff, 0\): allow, by the rule at $p:8" \
    "numbers, negative numbers, six arguments"
has_line "$OUT" "getpid\(0, 0, 0, 0, 0, 0\): errno\(1\), by the default \($p:2\)" "a bare name: arguments 0"
has_line "$OUT" "getppid\(0, 0, 0, 0, 0, 0\): errno\(1\), by the default \($p:2\)" "a syscall number"

run "$CLI" test --json "$p" 'socket(AF_UNIX, SOCK_STREAM, 0)' 'socket(1)'
is "$STATUS" 0 "--json: exit status 0"
printf '%s' "$OUT" >"$TMP/out.json"
run "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["results"][0]; print(r["action"], r["decided_by"], r["where"], r["nr"], r["args"][0], len(d["results"]))' "$TMP/out.json"
is "$OUT" "allow rule $p:6 41 1 2" "--json parses and says action, rule and where"

run "$CLI" test -i $'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process' uname
has_line "$OUT" "uname\(0, 0, 0, 0, 0, 0\): kill_process, by the rule at <inline>:4" "-i TEXT: the rule is named <inline>:LINE"
run "$CLI" test --arch i386 "$p" 'write(1)'
has_line "$OUT" "i386 .*: kill_process, by the architecture check .*" "--arch i386: killed by the arch check"
run "$CLI" test --arch x32 "$p" 'write(1)'
has_line "$OUT" "x32 write\(0x1, .*\): kill_process, by the architecture check .*" "--arch x32: killed by the arch check"

"$CLI" compile -o "$TMP/p.compiled" "$p" 2>/dev/null
run "$CLI" test "$TMP/p.compiled" 'socket(AF_INET, SOCK_RAW)' 'write(1)'
is "$STATUS:$OUT" $'0:socket(0x2, 0x3, 0, 0, 0, 0): errno(13)\nwrite(0x1, 0, 0, 0, 0, 0): allow' \
    "a compiled policy: the action only"
"$CLI" export -f bpf -o "$TMP/p.bpf" "$p" 2>/dev/null
run "$CLI" test --json "$TMP/p.bpf" 'socket(AF_INET, SOCK_RAW)'
printf '%s' "$OUT" >"$TMP/out.json"
run "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["action"], r["decided_by"])' "$TMP/out.json"
is "$OUT" "errno(13) None" "raw BPF (export -f bpf): the action, no rule"

run "$CLI" test "$p" 'socket(AF_FOO)'
is "$STATUS" 1 "an unknown constant: exit status 1"
like "$ERR" "'socket\(AF_FOO\)': unknown constant 'AF_FOO'" "... saying which"
run "$CLI" test "$p" 'nosuchcall(1)' 'socket(1, 2' 'read(1,2,3,4,5,6,7)'
is "$STATUS" 1 "an unknown syscall, a missing ')', seven arguments: exit status 1"
is "$(grep -c "seccomp-shim: '" <<<"$ERR")" 3 "... one message each"
run "$CLI" test "$(policy $'[policy]\ndefault = allow\n[syscalls]\nread = bogus')" 'read'
is "$STATUS" 1 "an invalid policy: exit status 1"
run "$CLI" test "$p"
is "$STATUS" 2 "no call: usage error (2)"
run "$CLI" test --arch mips "$p" read
is "$STATUS" 2 "an unknown --arch: usage error (2)"
run "$CLI" test
is "$STATUS" 2 "no policy: usage error (2)"
run "$CLI" test --help
like "$OUT" "^Usage: seccomp-shim test" "--help"
done_testing
