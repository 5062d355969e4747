#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Compiled policies with Landlock sections (format version 4): a compiled
# file and a compiled sibling apply the Landlock domain the INI would; their
# exec'd children recognise the policy (no new layer); a policy whose paths
# depend on the start ($PWD, $HOME) or on the INI's folder ($POLICY_DIR) is refused by compile (status 3); a
# damaged or forged Landlock section ends in 125, never in a weaker domain.
. "$(dirname "$0")/lib.sh"

abi=$(landlock_abi)
if [ "$abi" -lt 6 ]; then
    echo "1..0 # SKIP the kernel's Landlock ABI is $abi; these tests need 6 or later"
    exit 0
fi

mkdir -p "$TMP/ll/out" "$TMP/ll/in" "$TMP/pol"
echo secret >"$TMP/ll/in/secret"
echo public >"$TMP/ll/out/public"
echo pol >"$TMP/pol/data"
cp "$ROOT/conf/landlock-base.ini" "$TMP/pol/"
# Included by a relative path: a child under the sibling hashes it. The
# killed call is setpriority (nice), not uname: coreutils 9.7 (Debian 13)
# calls uname in cat, cp and others.
cat >"$TMP/pol/fs.ini" <<EOF
[policy]
include = landlock-base.ini
[filesystem]
write = $TMP/ll/out
read  = $TMP/pol/data
exec  = $PROGS/file_writer
[network]
connect = 9
[scope]
signals = yes
[syscalls]
setpriority = kill
EOF
INI=$TMP/pol/fs.ini
BIN=$TMP/fs.bin

run "$CLI" compile -o "$BIN" "$INI"
is "$STATUS" 0 "compile -o of a policy with [filesystem], [network], [scope]: exit 0"
run "$CLI" compile "$INI"
is "$STATUS" 0 "compile of the same INI: writes its sibling"
ok "$([ -s "$TMP/pol/fs.compiled" ]; echo $?)" "...fs.compiled beside fs.ini"
is "$(od -An -tu4 -j8 -N4 "$BIN" | tr -d ' ')" 4 "the file says format version 4"

# confined WHO: the same checks under the shim with SECCOMP_SHIM_POLICY=$POL.
confined() {
    local who=$1
    rm -f "$TMP/ll/in/"x* "$TMP/ll/out/"x*
    shim_file "$POL" sh -c "echo in > '$TMP/ll/out/xa' && cat '$TMP/ll/out/xa'"
    is "$STATUS:$OUT" "0:in" "$who: sh writes and cat reads beneath the write grant"
    shim_file "$POL" sh -c "echo x > '$TMP/ll/in/xb'"
    like "$STATUS:$ERR" "^2:.*Permission denied" "$who: sh cannot create a file outside the grant (EACCES)"
    shim_file "$POL" cat "$TMP/ll/in/secret"
    like "$STATUS:$ERR" "^1:.*Permission denied" "$who: cat cannot read an ungranted file"
    shim_file "$POL" cat "$TMP/pol/data"
    is "$STATUS:$OUT" "0:pol" "$who: a granted file is readable"
    shim_file "$POL" cp "$TMP/ll/out/public" "$TMP/ll/in/xcopy"
    like "$STATUS:$ERR" "^1:.*Permission denied" "$who: cp cannot copy out of the grant"
    shim_file "$POL" cp "$TMP/ll/out/public" "$TMP/ll/out/xcopy"
    is "$STATUS:$(cat "$TMP/ll/out/xcopy" 2>&1)" "0:public" "$who: cp copies within the grant"
    shim_file "$POL" "$PROGS/file_writer" "$TMP/ll/in/xc"
    like "$STATUS:$ERR" "^1:.*Permission denied" "$who: a C program's open(O_CREAT) outside the grant: EACCES"
    shim_file "$POL" "$PROGS/file_writer" "$TMP/ll/out/xc"
    is "$STATUS:$(cat "$TMP/ll/out/xc" 2>&1)" "0:written" "$who: a C program writes inside the grant"
    ok "$([ -z "$(ls "$TMP/ll/in" | grep '^x')" ]; echo $?)" "$who: nothing was created outside the grant"

    # Exec'd children: sh runs other programs, which recognise the policy.
    shim_file "$POL" sh -c "'$PROGS/file_writer' '$TMP/ll/in/xd'; echo \"w: \$?\";
        '$PROGS/file_writer' '$TMP/ll/out/xd' && cat '$TMP/ll/out/xd';
        cp '$TMP/ll/out/public' '$TMP/ll/in/xe'; echo \"cp: \$?\"; nice -n 1 true; echo \"nice: \$?\""
    like "$OUT" "w: 1" "$who: exec'd C program: a write outside the grant fails"
    like "$OUT" "written" "$who: exec'd C program: a write inside works"
    like "$OUT" "cp: 1" "$who: exec'd cp: outside the grant fails"
    like "$OUT" "nice: 159" "$who: exec'd nice: the filter is inherited (setpriority kills)"
    like "$ERR" "Permission denied" "$who: exec'd children: EACCES"
    unlike "$ERR" "seccomp-shim:" "$who: exec'd children start without a word from the shim"
    shim_file "$POL" sh "$TMP/ll/out/chain.sh" 40
    is "$STATUS:$OUT" "0:chain end" \
        "$who: 40 execs under the policy work (each adding a Landlock layer would fail at 16)"
    shim_file "$POL" sh -c 'grep Seccomp_filters /proc/self/status'
    like "$OUT" "Seccomp_filters:[[:space:]]+1$" "$who: an exec'd child stacks no second filter"

    # [network] and [scope] came along.
    shim_file "$POL" "$PY" -c '
import socket
s = socket.socket()
try:
    s.connect(("127.0.0.1", 1))
except OSError as e:
    print("errno", e.errno)'
    is "$OUT" "errno 13" "$who: [network]: connect to an ungranted port: EACCES"
    shim_file "$POL" sh -c 'kill -0 $PPID'
    like "$STATUS:$ERR" "^[12]:.*Operation not permitted" "$who: [scope]: signal outside the domain: EPERM"
}
cat >"$TMP/ll/out/chain.sh" <<'SH'
#!/bin/sh
n=$1
if [ "$n" -gt 0 ]; then exec /bin/sh "$0" $((n - 1)); fi
echo "chain end"
SH

POL=$BIN
confined "compiled file"
POL=$INI
run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$INI" LD_PRELOAD="$SHIM" true
is "$ERR" "seccomp-shim: $TMP/pol/fs.compiled: used in place of $INI" "the sibling stands in for the INI"
confined "sibling"
# The INI and its sibling: one identity, so one domain for the whole chain.
mv "$TMP/pol/fs.compiled" "$TMP/pol/fs.saved"
confined "INI (no sibling)"
mv "$TMP/pol/fs.saved" "$TMP/pol/fs.compiled"

# The command: run, run --direct, test.
run "$CLI" run -p "$BIN" -- sh -c "echo x > '$TMP/ll/in/xr'"
like "$STATUS:$ERR" "^2:.*Permission denied" "run -p COMPILED: the Landlock domain applies"
run "$CLI" run -p "$BIN" -- "$PROGS/file_writer" "$TMP/ll/out/xr"
is "$STATUS" 0 "run -p COMPILED: writes inside the grant work"
run "$CLI" run --direct -p "$BIN" -- "$PROGS/file_writer" "$TMP/ll/in/xr"
like "$STATUS:$ERR" "^1:.*Permission denied" "run --direct -p COMPILED: the Landlock domain applies"
run "$CLI" run --direct -p "$BIN" -- "$PROGS/file_writer" "$TMP/ll/out/xr"
is "$STATUS" 0 "run --direct -p COMPILED: writes inside the grant work"
run "$CLI" test "$BIN" 'setpriority(0, 0, 1)'
like "$STATUS:$OUT" "^[0-9]+:.*kill" "test COMPILED: judges the program (setpriority is killed)"

# Paths that depend on the start cannot be frozen, nor $POLICY_DIR: a sibling
# copied or moved with its INI stays current (includes are hashed by relative
# name) but would keep the old folder's paths (review).
for var in '$PWD' '$HOME' '$POLICY_DIR'; do
    printf '[policy]\ninclude = landlock-base.ini\n[filesystem]\nread = /etc\nwrite = ?%s/x\n' \
        "$var" >"$TMP/pol/start.ini"
    rm -f "$TMP/pol/start.compiled"
    run env HOME="$TMP" "$CLI" compile "$TMP/pol/start.ini"
    is "$STATUS" 3 "compile of a policy with $var: exit 3"
    like "$ERR" "^seccomp-shim: $TMP/pol/start.ini:5: .*\\$var.* (start|copied or moved)" \
        "...naming FILE:LINE and why"
    ok "$([ ! -e "$TMP/pol/start.compiled" ]; echo $?)" "...and writing nothing"
done
run "$CLI" compile --help
like "$OUT" "3 when FILE is valid but" "compile --help: status 3 still means valid but not compilable"

# ---- damage: 125, never a weaker domain --------------------------------------
# tampered NAME MESSAGE-REGEX: $TMP/bad under the shim.
tampered() {
    shim_file "$TMP/bad" sh -c 'echo RAN'
    is "$STATUS" 125 "$1: exit 125"
    like "$ERR" "^seccomp-shim: $TMP/bad: .*$2" "$1: says what is wrong"
    unlike "$OUT" "RAN" "$1: the program never ran"
}
# forge OFFSET HEXBYTES: patches $BIN into $TMP/bad, checksum made valid.
forge() {
    cp "$BIN" "$TMP/bad"
    "$PY" - "$TMP/bad" "$1" "$2" <<'PY'
import hashlib, sys
path, off, data = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
b = bytearray(open(path, 'rb').read())
b[off:off + len(data)] = data
b[64:72] = bytes(8)
b[64:72] = hashlib.sha256(b).digest()[:8]
open(path, 'wb').write(b)
PY
}
inclen=$(od -An -tu4 -j28 -N4 "$BIN" | tr -d ' ')
L=$((72 + inclen)) # the Landlock section
head -c $((L + 30)) "$BIN" >"$TMP/bad"
tampered "truncated in the Landlock section" "truncated"
cp "$BIN" "$TMP/bad" && printf '\001' | dd of="$TMP/bad" bs=1 seek=$((L + 40)) conv=notrunc 2>/dev/null
tampered "a changed byte in the Landlock section" "checksum mismatch"
forge $((L + 4)) ffffffff
tampered "absurd path count, valid checksum" "Landlock"
forge $((L + 12)) ffffff00
tampered "absurd path bytes, valid checksum" "Landlock"
forge $((L + 24)) 0000000000000100
tampered "unknown access right, valid checksum" "Landlock"
forge $((L + 36)) ffff0000
tampered "a path longer than the section, valid checksum" "Landlock"
forge 16 00000000
tampered "the Landlock flag cleared, valid checksum" "bytes|Landlock|truncated"
forge 8 02000000
tampered "version 2 with a Landlock section, valid checksum" "flags|Landlock"
# Version 3 programs lack what [network] refuses beyond Landlock (MPTCP, listen).
forge 8 03000000
tampered "version 3 with [network], valid checksum" "format version 3, whose \[network\] does not refuse MPTCP"
# Every byte flipped and every truncation, checksum fixed as a forger would:
# each is refused or still a valid policy, never read out of bounds (the
# unit test runs under AddressSanitizer in make check-sanitize).
run "$B/tests/unit/compiled_forge" "$BIN"
is "$STATUS" 0 "every forged byte and truncation: refused or valid, no crash"
like "$OUT" "refused [1-9]" "...most of them refused"

done_testing
