#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim import: OCI / Docker / Podman profiles to our language, checked
# by the engine and by running real programs under the result.
. "$(dirname "$0")/lib.sh"
DOCKER=$ROOT/tests/data/docker-default-seccomp.json
PODMAN=$ROOT/tests/data/podman-default-seccomp.json

flat() { # flat TEXT: newlines as ~, so one regex can span lines
    printf '~%s~' "$1" | tr '\n' '~'
}
json() { # json TEXT: writes TEXT to a fresh .json file and prints its path
    local f
    f=$(mktemp "$TMP/profile.XXXXXX.json")
    printf '%s\n' "$1" >"$f"
    echo "$f"
}
# imp PROFILE-TEXT [OPTIONS]: imports it; OUT is the policy, the file is $TMP/imp.ini
imp() {
    local f
    f=$(json "$1")
    shift
    run "$CLI" import "$@" -o "$TMP/imp.ini" "$f"
    OUT=$(cat "$TMP/imp.ini" 2>/dev/null)
}

# ---- the real profiles ---------------------------------------------------
run "$CLI" import -o "$TMP/docker.ini" "$DOCKER"
is "$STATUS" 0 "docker profile imports"
run "$CLI" check "$TMP/docker.ini"
is "$STATUS:$(grep -v 'as a 32-bit int' <<<"$ERR")" "0:" \
    "imported docker profile passes check without errors (warnings: its own 32-bit comparisons)"
like "$(flat "$(cat "$TMP/docker.ini")")" '~socket = allow if arg0 < 38~' "docker: socket argument rule kept"
like "$(flat "$(cat "$TMP/docker.ini")")" '~clone = allow if arg0 & CLONE_NEWNS\|CLONE_NEWCGROUP\|CLONE_NEWUTS\|CLONE_NEWIPC\|CLONE_NEWUSER\|CLONE_NEWPID\|CLONE_NEWNET == 0~' \
    "docker: clone MASKED_EQ rule (value is the mask) kept"
like "$(flat "$(cat "$TMP/docker.ini")")" '~clone3 = errno\(ENOSYS\)~' "docker: clone3 fails with ENOSYS"
unlike "$(flat "$(cat "$TMP/docker.ini")")" '~(unshare|mount|bpf|reboot|chroot|init_module) = ' \
    "docker: capability-gated syscalls left out"
like "$(cat "$TMP/docker.ini")" "left out, needs CAP_SYS_ADMIN" "docker: dropped entries are commented"
is "$(awk 'length > 198' "$TMP/docker.ini" | wc -l)" 0 "docker: no line longer than 198"

# The committed conf/ files are what the importer produces today.
# (tools/gen-docker-default.sh accepts the profile's own warnings on their lines)
sed -n -e 's/  ; accept-warning:.*//' -e '/^; Imported by/,$p' "$ROOT/conf/docker-default.ini" >"$TMP/committed"
is "$(cmp "$TMP/committed" "$TMP/docker.ini" && echo same)" same \
    "conf/docker-default.ini is up to date (sh tools/gen-docker-default.sh)"
run "$CLI" import -o "$TMP/podman.ini" "$PODMAN"
is "$STATUS" 0 "podman profile imports"
like "$ERR" "setns = errno\(1\): ignored" "podman: warns that libseccomp ignores its second setns rule"
sed -n -e 's/  ; accept-warning:.*//' -e '/^; Imported by/,$p' "$ROOT/conf/podman-default.ini" >"$TMP/committed"
is "$(cmp "$TMP/committed" "$TMP/podman.ini" && echo same)" same "conf/podman-default.ini is up to date"
run "$CLI" check --werror "$ROOT/conf/podman-default.ini"
is "$STATUS:$ERR" "0:" "podman-default.ini passes check --werror (its own warnings accepted on their lines)"
like "$(flat "$(cat "$TMP/podman.ini")")" '~socket = errno\(EINVAL\) if arg0 == AF_NETLINK && arg2 == 9~' \
    "podman: two-argument rule kept in one line"

run "$CLI" import --cap SYS_ADMIN -o "$TMP/admin.ini" "$DOCKER"
is "$STATUS" 0 "--cap SYS_ADMIN imports"
like "$(flat "$(cat "$TMP/admin.ini")")" '~unshare = allow~' "--cap SYS_ADMIN: unshare allowed"
like "$(flat "$(cat "$TMP/admin.ini")")" '~clone = allow~' "--cap SYS_ADMIN: clone allowed unconditionally"
unlike "$(flat "$(cat "$TMP/admin.ini")")" '~clone = allow if' "--cap SYS_ADMIN: the excluded clone rule is gone"
unlike "$(flat "$(cat "$TMP/admin.ini")")" '~clone3 = errno' "--cap SYS_ADMIN: clone3 no longer ENOSYS"
shim_file "$TMP/admin.ini" unshare -U true
is "$STATUS" 0 "--cap SYS_ADMIN policy: unshare -U runs"
run "$CLI" import --cap CAP_WAKE_ALARM "$DOCKER"
like "$ERR" "CAP_WAKE_ALARM: the profile gates no rule on it" "an unused --cap is reported"
is "$STATUS" 0 "an unused --cap is a warning: exit 0"
run "$CLI" import --strict --cap CAP_WAKE_ALARM -o "$TMP/strict.ini" "$DOCKER"
is "$STATUS:$(test -e "$TMP/strict.ini" && echo written)" "1:" "--strict: a warning is exit 1 and nothing written"
run "$CLI" import --cap CAP_NOPE "$DOCKER"
is "$STATUS" 2 "--cap CAP_NOPE: not a capability (libcap's cap_from_name): usage error"
like "$ERR" "--cap CAP_NOPE: no such capability" "--cap CAP_NOPE: said"
run "$CLI" import --cap sys_admin -o "$TMP/lower.ini" "$DOCKER"
is "$STATUS" 0 "--cap sys_admin: a capability name in lower case, without CAP_"

# ---- programs under conf/docker-default.ini ------------------------------
DP=$ROOT/conf/docker-default.ini
shim_file "$DP" "$PY" -c 'import json, subprocess, threading
t = threading.Thread(target=lambda: None); t.start(); t.join()
print(json.dumps({"ok": subprocess.run(["true"]).returncode}))'
is "$STATUS:$OUT" '0:{"ok": 0}' "docker-default: python3 runs threads and subprocesses"
shim_file "$DP" sh -c 'echo hello | tr h H; ls / >/dev/null && cat /etc/hostname >/dev/null && echo done'
is "$STATUS:$OUT" $'0:Hello\ndone' "docker-default: sh and coreutils run"
shim_file "$DP" unshare -U true
is "$STATUS" 1 "docker-default: unshare -U is refused"
like "$ERR" "Operation not permitted" "docker-default: unshare fails with EPERM"
shim_file "$DP" "$PY" -c 'import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
print(libc.syscall(248, b"user", b"k", b"v", 1, ctypes.c_long(-3)), os.strerror(ctypes.get_errno()))'
is "$OUT" "-1 Operation not permitted" "docker-default: add_key refused with EPERM"
shim_file "$DP" "$PY" -c 'import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
print(libc.personality(ctypes.c_ulong(0xffffffff)) >= 0, libc.personality(ctypes.c_ulong(0x0040000)), os.strerror(ctypes.get_errno()))'
is "$OUT" "True -1 Operation not permitted" "docker-default: personality query allowed, ADDR_NO_RANDOMIZE refused"
shim_file "$DP" "$PY" -c 'import socket
socket.socket(socket.AF_UNIX).close(); socket.socket(socket.AF_INET).close(); print("inet ok")
try:
    socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET)
except OSError as e:
    print(e.errno == 1)'
is "$OUT" $'inet ok\nTrue' "docker-default: socket(AF_ALG) refused, AF_UNIX/AF_INET allowed"

# ---- the pieces of the format --------------------------------------------
imp '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["socket"],"action":"SCMP_ACT_ERRNO","errnoRet":13,
 "args":[{"index":1,"value":15,"valueTwo":1,"op":"SCMP_CMP_MASKED_EQ"}]}]}'
like "$(flat "$OUT")" '~socket = errno\(EACCES\) if arg1 & 0xf == SOCK_STREAM~' "MASKED_EQ: value is the mask, valueTwo the datum"
shim_file "$TMP/imp.ini" "$PY" -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close(); print("udp ok")
socket.socket(socket.AF_INET, socket.SOCK_STREAM)'
like "$OUT" "udp ok" "MASKED_EQ: UDP socket passes"
like "$ERR" "PermissionError" "MASKED_EQ: TCP socket refused with EACCES"

imp '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"uname","action":"SCMP_ACT_ERRNO"},
 {"names":["getpid"],"action":"SCMP_ACT_TRACE"},{"names":["getppid"],"action":"SCMP_ACT_KILL"},
 {"names":["kill"],"action":"SCMP_ACT_KILL_PROCESS"},{"names":["tkill"],"action":"SCMP_ACT_TRAP"},
 {"names":["gettid"],"action":"SCMP_ACT_LOG"},{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}'
like "$(flat "$OUT")" 'default = errno\(EPERM\)~' "ERRNO without defaultErrnoRet is EPERM"
like "$(flat "$OUT")" '~uname = errno\(EPERM\)~' "legacy name; ERRNO without errnoRet is EPERM"
like "$(flat "$OUT")" '~getpid = trace\(1\)~' "TRACE without errnoRet is 1, as in runc"
like "$(flat "$OUT")" '~getppid = kill_thread~' "SCMP_ACT_KILL is kill_thread (libseccomp's meaning)"
like "$(flat "$OUT")" '~kill = kill_process~' "KILL_PROCESS"
like "$(flat "$OUT")" '~tkill = trap~' "TRAP"
like "$(flat "$OUT")" '~gettid = log~' "LOG"

imp '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"flags":["SECCOMP_FILTER_FLAG_LOG"],"syscalls":[
 {"names":["uname"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
 {"names":["getpid"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["x86","amd64"]}},
 {"names":["getppid"],"action":"SCMP_ACT_ALLOW","excludes":{"arches":["amd64"]}},
 {"names":["gettid"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"99.0"}},
 {"names":["getuid"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"3.0"}},
 {"names":["getgid"],"action":"SCMP_ACT_ALLOW","excludes":{"minKernel":"3.0"}},
 {"names":["geteuid"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]}},
 {"names":["getegid"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN","CAP_NET_ADMIN"]}},
 {"names":["sync"],"action":"SCMP_ACT_ALLOW","comment":"first line\nsecond line"}]}'
is "$STATUS" 0 "includes/excludes profile imports"
like "$(flat "$OUT")" 'default = errno\(ENOSYS\)~log = yes~' "defaultErrnoRet and the LOG flag"
unlike "$(flat "$OUT")" '~uname = ' "includes.arches without amd64: dropped"
like "$(flat "$OUT")" '~getpid = allow~' "includes.arches with amd64: kept"
unlike "$(flat "$OUT")" '~getppid = ' "excludes.arches with amd64: dropped"
unlike "$(flat "$OUT")" '~gettid = ' "includes.minKernel newer than the kernel: dropped"
like "$(flat "$OUT")" '~getuid = allow~' "includes.minKernel older than the kernel: kept"
unlike "$(flat "$OUT")" '~getgid = ' "excludes.minKernel older than the kernel: dropped"
like "$(flat "$OUT")" '~geteuid = allow~' "excludes.caps not given: kept"
unlike "$(flat "$OUT")" '~getegid = ' "includes.caps not all given: dropped"
like "$(flat "$OUT")" '; first line~; second line~sync = allow' "comment kept as ; lines"
f=$(json '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
 {"names":["geteuid"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]}},
 {"names":["getegid"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN","CAP_NET_ADMIN"]}}]}')
run "$CLI" import --cap sys_admin --cap CAP_NET_ADMIN "$f"
unlike "$(flat "$OUT")" '~geteuid = ' "--cap: excludes.caps given: dropped"
like "$(flat "$OUT")" '~getegid = allow~' "--cap: includes.caps all given: kept"

# Several rules for one syscall, as libseccomp resolves them.
imp '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
 {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]},
 {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]},
 {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]},
 {"names":["uname"],"action":"SCMP_ACT_ERRNO","errnoRet":5,"args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]},
 {"names":["uname"],"action":"SCMP_ACT_ALLOW"},
 {"names":["getpid"],"action":"SCMP_ACT_ERRNO"},
 {"names":["getpid"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]},
 {"names":["kill"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"},{"index":0,"value":2,"op":"SCMP_CMP_EQ"}]},
 {"names":["setns"],"action":"SCMP_ACT_ALLOW"},{"names":["setns"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}'
is "$STATUS" 0 "several rules for one syscall import"
is "$(grep -c '^personality = allow if arg0 == 8$' "$TMP/imp.ini")" 1 "an exact duplicate rule is emitted once"
like "$OUT" "uname = errno\(5\) if ...: never applies: overridden by the unconditional rule" \
    "conditional rule under an unconditional one with another action: commented out"
like "$(flat "$OUT")" '~uname = allow~' "the unconditional rule stays"
like "$OUT" "getpid = errno\(1\): the default action; skipped as runc does" \
    "a rule with the default action next to other rules is skipped like runc"
like "$(flat "$OUT")" '~getpid = allow if arg0 == 1~' "so the conditional getpid rule applies"
like "$(flat "$OUT")" '~kill = allow if arg0 == 1~kill = allow if arg0 == 2~' "a repeated index becomes alternatives, as in runc"
like "$(flat "$OUT")" '~setns = allow~' "two unconditional rules: the first wins, as in libseccomp"
like "$ERR" "setns = errno\(13\): ignored" "two unconditional rules: warned"
run "$CLI" check "$TMP/imp.ini"
is "$STATUS" 0 "the rendering of several rules passes check"
is "$(grep -v ": warning: " <<<"$ERR")" "" "... with warnings at most"

imp '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["chown32","not_a_syscall_xyz","uname"],"action":"SCMP_ACT_ERRNO"},
 {"names":["socket"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"valueTwo":2,"op":"SCMP_CMP_MASKED_EQ"}]}]}'
is "$STATUS" 0 "unknown and foreign names import"
like "$(flat "$OUT")" '~chown32 = errno\(EPERM\)~' "a syscall of another architecture is kept (the engine skips it)"
like "$OUT" "; not_a_syscall_xyz: not an x86_64, i386 or aarch64 syscall" "an unknown syscall becomes a comment"
# libseccomp masks a MASKED_EQ's value too, so runc applies `& 0x1 == 0x2` as
# `& 0x1 == 0`: imported so, with a warning (review: dropping it let calls
# through that runc refuses).
like "$(flat "$OUT")" '~socket = errno\(EPERM\) if arg0 & AF_UNIX == AF_UNSPEC~' \
    "a MASKED_EQ whose value has bits outside the mask is imported as libseccomp applies it"
like "$ERR" "arg0 & 0x1 == 0x2 has value bits outside the mask; libseccomp, and so runc, compares with 0" \
    "...with a warning"
like "$ERR" "warning: .*syscalls\[0\]: not_a_syscall_xyz: not an x86_64, i386 or aarch64 syscall" \
    "an unknown syscall name is reported on stderr"
is "$(grep -c not_a_syscall_xyz <<<"$ERR")" 1 "... once"
run "$CLI" import --strict "$(json '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["not_a_syscall_xyz"],"action":"SCMP_ACT_ERRNO"}]}')"
is "$STATUS:$OUT" "1:" "import --strict: a dropped name is exit 1, nothing written"
run "$CLI" check "$TMP/imp.ini"
is "$STATUS" 0 "... and the result passes check"

# ---- bad input ------------------------------------------------------------
bad() { # bad PROFILE-TEXT REGEX NAME
    local f
    f=$(json "$1")
    rm -f "$TMP/bad.ini"
    run "$CLI" import -o "$TMP/bad.ini" "$f"
    is "$STATUS" 1 "$3: exit 1"
    like "$ERR" "$2" "$3: message"
    [ ! -e "$TMP/bad.ini" ]
    ok $? "$3: no output file"
}
bad $'{"defaultAction":\n "SCMP_ACT_ALLOW",,}' 'profile\.[^:]*\.json:2:[0-9]+: ' "malformed JSON names line:column"
bad '{"defaultAction":"SCMP_ACT_ALLOW","defaultAction":"SCMP_ACT_ALLOW"}' "duplicate" "duplicate key"
bad '[1,2]' "must be a JSON object" "not an object"
bad '{"syscalls":[]}' "no defaultAction" "missing defaultAction"
bad '{"defaultAction":"SCMP_ACT_FOO"}' 'unknown action "SCMP_ACT_FOO"' "unknown default action"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_NOTIFY"}]}' \
    "syscalls\[0\]: SCMP_ACT_NOTIFY needs a user-space" "SCMP_ACT_NOTIFY"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_XX"}]}]}' \
    'unknown op "SCMP_CMP_XX"' "unknown op"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":6,"value":1,"op":"SCMP_CMP_EQ"}]}]}' \
    "index must be 0..5" "arg index out of range"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":-1,"op":"SCMP_CMP_EQ"}]}]}' \
    "value must be a non-negative integer" "negative value"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":18446744073709551615,"op":"SCMP_CMP_EQ"}]}]}' \
    "too big integer" "value beyond jansson's integers"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","errnoRet":5000}]}' \
    "errnoRet must be a number in 0..4095" "errnoRet out of range"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read = allow\n[policy]"],"action":"SCMP_ACT_ERRNO"}]}' \
    "is not a syscall name" "a name that would inject policy text"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","includes":{"cpu":"x"}}]}' \
    'unknown key "cpu"' "unknown key in includes"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","includes":{"minKernel":"new"}}]}' \
    "minKernel must be a version" "malformed minKernel"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"name":"write","action":"SCMP_ACT_ERRNO"}]}' \
    'both "names" and "name"' "names and name"
bad '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
 {"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]},
 {"names":["read"],"action":"SCMP_ACT_KILL","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]}]}' \
    "same conditions and different actions; libseccomp refuses" "same conditions, two actions"
big=9223372036854775807
cond() { printf '{"index":%d,"value":%s,"valueTwo":%s,"op":"SCMP_CMP_MASKED_EQ"}' "$1" $big $big; }
bad "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[$(cond 0),$(cond 1),$(cond 2),$(cond 3),$(cond 4),$(cond 5)]}]}" \
    "longer than 198 characters" "a rule too long for one policy line"
run "$CLI" import
is "$STATUS" 2 "no profile: usage error"
run "$CLI" import "$TMP/none.json"
is "$STATUS" 1 "missing file: exit 1"
like "$ERR" "none.json" "missing file: named"
run "$CLI" import --help
like "$OUT" "Usage: seccomp-shim import" "--help"

done_testing
