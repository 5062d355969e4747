#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# valgrind memcheck on the command, on its success and error paths with real
# inputs (conf/, Docker's and Podman's profiles, a real strace log, the bad
# corpus): no memory error and no definitely lost block. valgrind exits 99
# when it finds one; otherwise the command's own status comes through.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
DOCKER=$ROOT/tests/data/docker-default-seccomp.json
PODMAN=$ROOT/tests/data/podman-default-seccomp.json

if ! command -v valgrind >/dev/null; then
    echo "1..0 # SKIP valgrind is not installed (tools/debian-packages.txt lists it)"
    exit 0
fi

vg() { # EXPECTED-STATUS NAME ARGS...
    local want=$1 name=$2
    shift 2
    run valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
        --log-file="$TMP/vg.log" "$CLI" "$@"
    is "$STATUS" "$want" "$name: exit $want under valgrind"
    unlike "$(cat "$TMP/vg.log")" "definitely lost|Invalid (read|write|free)|uninitialised|Mismatched" \
        "$name: no memory error, no definite leak"
}

strace -f -o "$TMP/trace" /bin/ls / >/dev/null 2>&1
printf '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["uname"], "action": "SCMP_ACT_BOGUS"}]}\n' \
    >"$TMP/bad-action.json"
printf '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [' >"$TMP/truncated.json"

vg 0 "check conf/*.ini" check "$C"/*.ini
vg 0 "check -v docker-default.ini" check -v "$C/docker-default.ini"
vg 1 "check of the bad corpus" check "$ROOT"/tests/bad/*.ini
vg 0 "export --format bpf docker-default.ini" export --format bpf -o "$TMP/d.bpf" "$C/docker-default.ini"
vg 0 "export --format pfc read-only.ini" export --format pfc -o "$TMP/r.pfc" "$C/read-only.ini"
vg 0 "export --format oci --force podman-default.ini" export --format oci --force -o "$TMP/p.json" "$C/podman-default.ini"
vg 0 "export --format oci read-only.ini" export --format oci -o "$TMP/r.json" "$C/read-only.ini"
vg 1 "export --format oci strict.ini (refused)" export --format oci "$C/strict.ini"
vg 1 "export of a bad policy" export --format bpf -o "$TMP/x.bpf" "$ROOT/tests/bad/conflict-same-conditions.ini"
vg 0 "import docker-default-seccomp.json" import -o "$TMP/d.ini" "$DOCKER"
vg 0 "import --cap CAP_SYS_ADMIN podman-default-seccomp.json" import --cap CAP_SYS_ADMIN -o "$TMP/p.ini" "$PODMAN"
vg 0 "import of an exported policy" import -o "$TMP/r.ini" "$TMP/r.json"
vg 1 "import of an unknown action" import "$TMP/bad-action.json"
vg 1 "import of truncated JSON" import "$TMP/truncated.json"
vg 0 "compile no-exec.ini" compile -o "$TMP/n.bin" "$C/no-exec.ini"
vg 0 "compile docker-default.ini" compile -o "$TMP/d.bin" "$C/docker-default.ini"
vg 1 "compile of a bad policy" compile -o "$TMP/x.bin" "$ROOT/tests/bad/unknown-action.ini"
vg 0 "syscalls (every name)" syscalls
vg 0 "syscalls names, numbers, @system-service" syscalls uname 63 @system-service
vg 1 "syscalls unknown name and group" syscalls unme @aoi
vg 0 "from-strace of a real trace" from-strace -o "$TMP/ls.ini" "$TMP/trace"
vg 1 "from-strace of a missing file" from-strace "$TMP/no-such-trace"

# The outputs made under valgrind are the real ones.
run "$CLI" check "$TMP/d.ini" "$TMP/p.ini" "$TMP/r.ini" "$TMP/ls.ini"
is "$STATUS" 0 "the policies written under valgrind are valid"
run "$CLI" export --format bpf -o "$TMP/d2.bpf" "$C/docker-default.ini"
cmp -s "$TMP/d.bpf" "$TMP/d2.bpf"
ok $? "the BPF program written under valgrind is the one written without it"

done_testing
