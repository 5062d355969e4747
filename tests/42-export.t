#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim export: OCI profiles read back by a JSON parser, BPF loaded by
# seccomp(2) for real, PFC from the same libseccomp context.
. "$(dirname "$0")/lib.sh"

P=$(policy '[policy]
default = errno(EPERM)
log = yes
[syscalls]
read = allow
write = allow
uname = kill_process
socket = allow if arg0 == 1
socketpair = allow if arg0 == 1
clone = allow if arg0 & 0x7e020000 == 0
ptrace = errno(ENOSYS)
mount = errno(EPERM)')

run "$CLI" export --format oci "$P"
is "$STATUS" 0 "oci: exported"
printf '%s\n' "$OUT" >"$TMP/profile.json"
"$PY" -m json.tool "$TMP/profile.json" >/dev/null
ok $? "oci: python's json.tool reads it"
# Summarise it with a real JSON parser: every entry as names|action|errnoRet|args.
summary=$("$PY" - "$TMP/profile.json" <<'PYEOF'
import json, sys
p = json.load(open(sys.argv[1]))
print(p["defaultAction"], p.get("defaultErrnoRet"), p["architectures"], p.get("flags"))
for s in p["syscalls"]:
    args = [(a["index"], a["value"], a["valueTwo"], a["op"]) for a in s.get("args", [])]
    print(",".join(s["names"]), s["action"], s.get("errnoRet"), args)
PYEOF
)
is "$summary" "SCMP_ACT_ERRNO 1 ['SCMP_ARCH_X86_64'] ['SECCOMP_FILTER_FLAG_LOG']
read,write SCMP_ACT_ALLOW None []
uname SCMP_ACT_KILL_PROCESS None []
socket,socketpair SCMP_ACT_ALLOW None [(0, 1, 0, 'SCMP_CMP_EQ')]
clone SCMP_ACT_ALLOW None [(0, 2114060288, 0, 'SCMP_CMP_MASKED_EQ')]
ptrace SCMP_ACT_ERRNO 38 []" "oci: actions, errnoRet, grouping, args (MASKED_EQ: value = mask)"
unlike "$OUT" '"mount"' "oci: a rule that does what the default does is left out"

run "$CLI" export -f oci -o "$TMP/out.json" "$ROOT/conf/deny-uname.ini"
is "$STATUS:$OUT" "0:" "oci -o: nothing on stdout"
"$PY" -c 'import json, sys
p = json.load(open(sys.argv[1]))
assert p["defaultAction"] == "SCMP_ACT_ALLOW" and "defaultErrnoRet" not in p
tty = [{"names": ["ioctl"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "args": [{"index": 1,
        "value": 0xffffffff, "valueTwo": v, "op": "SCMP_CMP_MASKED_EQ"}]} for v in (0x5412, 0x541c)]
assert p["syscalls"] == [{"names": ["uname"], "action": "SCMP_ACT_KILL_PROCESS"}] + tty, p' "$TMP/out.json"
ok $? "oci -o: deny-uname as a profile (and the refusal of TIOCSTI, TIOCLINUX: issue 20)"

explain=$(policy $'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill_process')
run "$CLI" export -f oci "$explain"
like "$OUT" "SCMP_ACT_KILL_PROCESS" "oci: explain = yes still exports a kill"
run "$CLI" export -f pfc "$explain"
like "$OUT" "action KILL_PROCESS" "pfc: explain = yes still exports a kill, not a trap"
unlike "$OUT" "TRAP" "pfc: no trap"

run "$CLI" export -f pfc "$P"
is "$STATUS" 0 "pfc: exported"
like "$OUT" 'if \(\$syscall == 63\)' "pfc: names uname's number"
like "$OUT" 'action ERRNO\(38\)' "pfc: ptrace's errno"
like "$OUT" 'action ERRNO\(1\)' "pfc: the default"

# bpf: loaded with seccomp(2) by a small C program, then real programs run.
run "$CLI" export -f bpf -o "$TMP/deny-uname.bpf" "$ROOT/conf/deny-uname.ini"
is "$STATUS" 0 "bpf: exported"
size=$(stat -c %s "$TMP/deny-uname.bpf")
is "$((size > 0 && size % 8 == 0))" 1 "bpf: whole sock_filter instructions ($size bytes)"
run "$PROGS/load-bpf" "$TMP/deny-uname.bpf" uname
is "$STATUS" 159 "bpf: uname under the loaded program dies by SIGSYS"
run "$PROGS/load-bpf" "$TMP/deny-uname.bpf" ls "$ROOT/conf"
is "$STATUS" 0 "bpf: ls runs under the loaded program"
run "$PROGS/load-bpf" "$TMP/deny-uname.bpf" "$PROGS/static-uname"
is "$STATUS" 159 "bpf: a static program is filtered too"
"$CLI" export -f bpf "$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM)')" \
    >"$TMP/eperm.bpf"
run "$PROGS/load-bpf" "$TMP/eperm.bpf" uname
is "$STATUS" 1 "bpf to stdout: uname fails"
like "$ERR" "Operation not permitted" "bpf to stdout: with EPERM"

# What cannot be exported, and invalid input: exit 1, no output file.
for fmt in oci pfc bpf; do
    run "$CLI" export -f $fmt -o "$TMP/strict.$fmt" "$ROOT/conf/strict.ini"
    is "$STATUS" 1 "$fmt: strict mode cannot be exported"
    like "$ERR" "strict.ini:[0-9]+: strict mode .* no ${fmt^^} form" "$fmt: strict mode, says why"
    [ ! -e "$TMP/strict.$fmt" ]
    ok $? "$fmt: strict mode, no output file"
done
bad=$(policy $'[policy]\ndefault = allow\n[syscalls]\nunmae = kill')
run "$CLI" export -f oci -o "$TMP/bad.json" "$bad"
is "$STATUS" 1 "invalid policy: 1"
like "$ERR" "$bad:4: " "invalid policy: FILE:LINE"
[ ! -e "$TMP/bad.json" ]
ok $? "invalid policy: no output file"
big=$(policy $'[policy]\ndefault = allow\n[syscalls]\nioctl = errno(EPERM) if arg1 == 0x8000000000000000')
run "$CLI" export -f oci "$big"
is "$STATUS" 1 "oci: a value above 2^63-1 is refused"
like "$ERR" "$big:4: .*2\^63-1" "oci: big value, says why"
run "$CLI" export -f oci -o "$TMP/no/such/dir.json" "$ROOT/conf/deny-uname.ini"
is "$STATUS" 1 "unwritable output: 1"

done_testing
