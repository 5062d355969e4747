#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Scripting (issue 13): --json output of check, ps, syscalls and audit, read
# back by a real JSON parser; check --werror; run -q; "-" for a policy on
# standard input; ps -p; check -v with constants by name.
. "$(dirname "$0")/lib.sh"

# run_in TEXT CMD...: run with TEXT on standard input.
run_in() {
    local text=$1
    shift
    { printf '%s' "$text" | "$@" >"$TMP/out" 2>"$TMP/err"; STATUS=$?; } 2>/dev/null
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# py CODE: runs CODE with the JSON document $OUT parsed as `d`; prints what it prints.
py() {
    printf '%s' "$OUT" | "$PY" -c "import json,sys; d = json.load(sys.stdin); $1"
}

DENY=$'[policy]\ndefault = allow\n[syscalls]\nuname = kill_process\n'
WARNS=$'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 > 0x28\n'
SYMBOLS=$'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EAFNOSUPPORT) if arg0 == 1\nioctl = errno(EPERM) if arg1 == 0x5401\nclone = errno(EPERM) if arg0 & 0x10020000 == 0x10020000\nopenat = errno(EROFS) if arg2 & 3 == 1\nprctl = errno(EPERM) if arg0 == 22\nkill = errno(EPERM) if arg1 == 9\npersonality = allow if arg0 == 8\n'

# ---- check --json ----------------------------------------------------------
good=$(policy "$DENY")
warned=$(policy "$WARNS")
bad=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = kil\n')
run "$CLI" check --json "$good" "$warned" "$bad"
is "$STATUS" 1 "check --json: exit 1 when one policy is invalid"
is "$ERR" "" "check --json: errors and warnings go into the document, not stderr"
is "$(py 'print(len(d["policies"]))')" 3 "check --json: one object per policy"
is "$(py 'p = d["policies"][0]; print(p["file"] == sys.argv[1] if len(sys.argv) > 1 else p["file"], p["valid"], p["error"], p["mode"], p["default"], p["explain"], p["log"], p["landlock"])')" \
    "$good True None filter allow False False False" "check --json: a valid policy's fields"
is "$(py 'r = d["policies"][0]["rules"]; print([(x["syscall"], x["nr"], x["action"], x["conditions"], x["from"]["line"], x["group"]) for x in r if not x["builtin"]])')" \
    "[('uname', 63, 'kill_process', [], 4, None)]" "check --json: its rules"
is "$(py 'r = d["policies"][0]["rules"]; print([(x["syscall"], x["conditions"][0]["text"]) for x in r if x["builtin"]])')" \
    "[('ioctl', 'arg1 & 0xffffffff == TIOCSTI'), ('ioctl', 'arg1 & 0xffffffff == TIOCLINUX')]" \
    "check --json: the built-in refusal of terminal input, marked builtin"
is "$(py 'w = d["policies"][1]["warnings"]; print(len(w), w[0]["where"]["line"], w[0]["message"] != "")')" \
    "1 4 True" "check --json: a warning with its line"
is "$(py 'c = d["policies"][1]["rules"][0]["conditions"][0]; print(c["arg"], c["op"], c["value"], c["mask"], c["text"])')" \
    "0 > 0x28 None arg0 > 0x28" "check --json: a condition (numbers as hex strings)"
is "$(py 'p = d["policies"][2]; print(p["valid"], p["error"]["where"]["line"], "unknown action" in p["error"]["message"], "rules" in p)')" \
    "False 4 True False" "check --json: an invalid policy's error, with its line"
run "$CLI" check --json "$(policy $'[policy]\nmode = strict\n')"
is "$STATUS:$(py 'p = d["policies"][0]; print(p["valid"], p["mode"], "rules" in p)')" "0:True strict False" \
    "check --json: a strict-mode policy"

# ---- check --werror ------------------------------------------------------------
run "$CLI" check "$warned"
is "$STATUS" 0 "check: a warning alone exits 0"
run "$CLI" check --werror "$warned"
is "$STATUS" 1 "check --werror: a warning exits 1"
like "$ERR" ":4: warning: " "check --werror: the warning is printed"
run "$CLI" check --werror "$good"
is "$STATUS" 0 "check --werror: a policy without warnings exits 0"
run "$CLI" check --werror --json "$warned"
is "$STATUS:$(py 'print(d["policies"][0]["valid"])')" "1:True" "check --werror --json: exit 1, the policy still valid"

# ---- check -v: constants by name ---------------------------------------------
run "$CLI" check -v "$(policy "$SYMBOLS")"
is "$STATUS" 0 "check -v of a policy with argument rules"
# (an int argument's stricter rules compare its low 32 bits: the engine's mask)
like "$OUT" "socket +41 +errno\(EAFNOSUPPORT\) +arg0 & 0xffffffff == AF_UNIX " "socket arg0 as AF_*, errno by name"
like "$OUT" "ioctl +16 +errno\(EPERM\) +arg1 & 0xffffffff == TCGETS " "ioctl request as TCGETS"
like "$OUT" "clone +56 +errno\(EPERM\) +arg0 & CLONE_NEWNS\|CLONE_NEWUSER == CLONE_NEWNS\|CLONE_NEWUSER " \
    "clone flags as CLONE_* combinations"
like "$OUT" "openat +257 +errno\(EROFS\) +arg2 & O_WRONLY\|O_RDWR == O_WRONLY " "openat flags as O_*"
like "$OUT" "prctl +157 +errno\(EPERM\) +arg0 & 0xffffffff == PR_SET_SECCOMP " "prctl option as PR_*"
like "$OUT" "kill +62 +errno\(EPERM\) +arg1 & 0xffffffff == SIGKILL " "kill's signal as SIG*"
like "$OUT" "personality +135 +allow +arg0 == 0x8 " "an argument without a known family stays a number"
# What check -v prints is a policy again, with the same filter.
sym=$(policy "$(printf '[policy]\ndefault = allow\n[syscalls]\n'; printf '%s\n' "$OUT" |
    awk 'NR > 2 { c = ""; for (i = 4; i < NF; i++) c = c " " $i; print $1 " = " $3 " if" c }')")
"$CLI" export -f bpf -o "$TMP/a.bpf" "$(policy "$SYMBOLS")" 2>/dev/null
"$CLI" export -f bpf -o "$TMP/b.bpf" "$sym" 2>/dev/null
cmp -s "$TMP/a.bpf" "$TMP/b.bpf"
ok $? "the names check -v prints compile to the identical filter"

# ---- "-": a policy on standard input --------------------------------------------
run_in "$DENY" "$CLI" check -v -
is "$STATUS" 0 "check -: reads the policy from standard input"
like "$OUT" "uname +63 +kill_process +- +<stdin>:4" "check -: the rules come from <stdin>"
run_in $'[policy]\ndefault = allow\n[syscalls]\nuname = kil\n' "$CLI" check -
is "$STATUS" 1 "check -: an invalid policy exits 1"
like "$ERR" "^seccomp-shim: <stdin>:4: uname: unknown action" "check -: errors name <stdin> and the line"
run_in "$DENY" "$CLI" check - -
is "$STATUS" 1 "check - -: standard input is read once"
like "$ERR" "<stdin>: standard input is read once" "check - -: said"
{ printf '[policy]\ndefault = allow\n\0' | "$CLI" check - >"$TMP/out" 2>"$TMP/err"; STATUS=$?; }
ERR=$(cat "$TMP/err")
like "$STATUS:$ERR" "^1:.*<stdin>: a policy is text: it contains a NUL byte" "check -: a NUL byte is refused"
run_in "$DENY" "$CLI" export -f oci -
is "$STATUS:$(py 'print(d["defaultAction"], d["syscalls"][0]["names"])')" "0:SCMP_ACT_ALLOW ['uname']" \
    "export -: the policy from standard input"
run_in "$DENY" "$CLI" compile -
is "$STATUS" 2 "compile - without -o: usage error (no sibling to write)"
run_in "$DENY" "$CLI" compile -o "$TMP/stdin.compiled" -
is "$STATUS" 0 "compile -o OUT -: compiles the policy from standard input"
run "$CLI" run -p "$TMP/stdin.compiled" -- uname
is "$STATUS" 159 "... and the compiled policy kills uname"
run_in "$DENY" "$CLI" run -p - -- uname
is "$STATUS" 159 "run -p -: the policy from standard input kills uname"
run_in "$DENY" "$CLI" run -p - -- sh -c 'cat; echo "[$SECCOMP_SHIM_INI]" | head -c 9; uname >/dev/null 2>&1; echo " $?"'
is "$STATUS:$OUT" "0:[[policy] 159" "run -p -: passed on as policy text; the program's standard input is what is left (nothing)"
run_in "$DENY" "$CLI" run --direct -p - -- uname
is "$STATUS" 159 "run --direct -p -: the same"
run_in $'[policy]\ndefault = allow\n[syscalls]\nuname = kil\n' "$CLI" run -p - -- true
is "$STATUS" 125 "run -p -: an invalid policy is 125"
like "$ERR" "<stdin>:4: uname: unknown action" "run -p -: errors name <stdin>"
mkdir "$TMP/inc" && printf '%s' "$DENY" >"$TMP/inc/deny.ini"
( cd "$TMP/inc" && run_in $'[policy]\ninclude = deny.ini\n' "$CLI" run -p - -- uname; echo "$STATUS" >"$TMP/inc/status" )
is "$(cat "$TMP/inc/status")" 159 "run -p -: a relative include resolves from the current directory"

# ---- run -q ----------------------------------------------------------------------
run "$CLI" run -p "$warned" -- true
like "$ERR" "warning: " "run: lint warnings are printed by default"
run "$CLI" run -q -p "$warned" -- sh -c 'echo out; echo err >&2'
is "$STATUS:$OUT:$ERR" "0:out:err" "run -q: only the program's own output"
run "$CLI" run --quiet -p "$ROOT/conf/docker-default.ini" -- true
is "$STATUS:$ERR" "0:" "run --quiet -p conf/docker-default.ini: no warning in the program's stderr"

# ---- syscalls --json -------------------------------------------------------------
run "$CLI" syscalls --json uname 0 @aio
is "$STATUS" 0 "syscalls --json exits 0"
is "$(py 'print(d["arch"], [(s["name"], s["nr"], s["libseccomp"], s["group"]) for s in d["syscalls"][:3]])')" \
    "x86_64 [('uname', 63, True, None), ('read', 0, True, None), ('io_cancel', 210, True, '@aio')]" \
    "syscalls --json: name, number, libseccomp, group"
run "$CLI" syscalls --json
is "$(py 'n = [s["nr"] for s in d["syscalls"]]; print(len(n) > 300, n == sorted(n))')" "True True" \
    "syscalls --json: every syscall, by number"
run "$CLI" syscalls --json --arch x86 1
is "$(py 'print(d["arch"], d["syscalls"][0]["name"])')" "x86 exit" "syscalls --json --arch x86"
run "$CLI" syscalls --json nope_xyz
is "$STATUS:$(py 'print(d["syscalls"])')" "1:[]" "syscalls --json: an unknown name exits 1, on stderr"

run "$CLI" syscalls --groups
like "$OUT" "^@aio +Asynchronous IO" "syscalls --groups: the groups, with what they are for"
run "$CLI" syscalls --groups --json
is "$(py 'g = {x["name"]: x["description"] for x in d["groups"]}; print(g["@aio"], len(g) > 20)')" \
    "Asynchronous IO True" "syscalls --groups --json"

# ---- audit --json ----------------------------------------------------------------
run "$CLI" audit --json "$ROOT/tests/data/audit-sample.log"
is "$STATUS" 0 "audit --json exits 0"
is "$(py 'r = [x for x in d["records"] if x["pid"] == 18022][0]; print(r["kind"], r["comm"], r["syscall"], r["nr"], r["arch"], r["action"], r["signal"], r["exe"])')" \
    "seccomp uname uname 63 x86_64 kill_process SIGSYS /usr/bin/uname" "audit --json: a record's fields"
is "$(py 'r = [x for x in d["records"] if x["pid"] == 17279][0]; print(r["syscall"], r["arch"])')" "exit i386" \
    "audit --json: an i386 record"
is "$(py 'print(len(d["records"]))')" 15 "audit --json: one object per record"
run "$CLI" audit --json -p 17279 "$ROOT/tests/data/audit-sample.log"
is "$(py 'print([x["pid"] for x in d["records"]])')" "[17279]" "audit --json -p PID"
printf 'nothing here\n' >"$TMP/empty.log"
run "$CLI" audit --json "$TMP/empty.log"
is "$STATUS:$(py 'print(d["records"])')" "1:[]" "audit --json: no record: an empty list, exit 1"

# ---- ps -p, ps --json ------------------------------------------------------------
env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" sleep 30 &
p1=$!
env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" sleep 30 &
p2=$!
for _ in $(seq 200); do
    grep -q '^Seccomp:.*2' /proc/$p1/status 2>/dev/null && grep -q '^Seccomp:.*2' /proc/$p2/status 2>/dev/null &&
        break
    sleep 0.05
done
run "$CLI" ps -p $p1
is "$STATUS" 0 "ps -p PID exits 0"
is "$(printf '%s\n' "$OUT" | awk 'NR > 1 { print $1 }')" "$p1" "ps -p PID: only that process"
run "$CLI" ps -p $p1,$p2
is "$(printf '%s\n' "$OUT" | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" "$p1 $p2 " "ps -p A,B: both"
run "$CLI" ps -p $p2 -p $p1 --json
is "$STATUS" 0 "ps --json exits 0"
is "$(py 'print([(p["pid"], p["mode"], p["filters"], p["shim"], p["policy"], p["command"]) for p in d["processes"]])')" \
    "[($p1, 'filter', 1, True, '$ROOT/conf/deny-uname.ini', 'sleep'), ($p2, 'filter', 1, True, '$ROOT/conf/deny-uname.ini', 'sleep')]" \
    "ps --json: the processes' fields"
run "$CLI" ps -p $$ --json
is "$STATUS:$(py 'print(d["processes"])')" "1:[]" "ps -p of a process without seccomp: exit 1"
like "$ERR" "process $$: not running under seccomp" "... and said"
run "$CLI" ps -p 12x
is "$STATUS" 2 "ps -p 12x: usage error"
kill $p1 $p2 2>/dev/null
wait $p1 $p2 2>/dev/null

done_testing
