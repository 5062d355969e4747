#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Compiled siblings (issue 10): given X.ini, the shim installs X.compiled
# (`seccomp-shim compile X.ini` writes it) instead of parsing the INI and
# running libseccomp, when it can stand in for the INI: owned by the INI's
# owner, writable by nobody who may not write the INI, valid, compiled from
# these very bytes and included files, with explain when explain is asked
# for. Anything else is ignored, never an error: the INI is there.
. "$(dirname "$0")/lib.sh"

D=$TMP/pol
mkdir -p "$D"
printf '[policy]\ndefault = allow\ninclude = inc.ini\n[syscalls]\nuname = kill\n' >"$D/x.ini"
printf '[syscalls]\nsethostname = kill\n' >"$D/inc.ini"
fresh() { rm -f "$D/x.compiled" && "$CLI" compile "$D/x.ini" >/dev/null 2>&1; }

# seccomp_calls CMD...: the seccomp() calls of CMD under the shim, one per
# line, and seccomp-shim-bpf when it compiled the INI (libseccomp exports
# the program into a memfd of that name); the compiled path makes only the
# SECCOMP_SET_MODE_FILTER calls of the install.
seccomp_calls() {
    strace -f -qq -e trace=seccomp,memfd_create -E SECCOMP_SHIM_POLICY="$D/x.ini" \
        -E LD_PRELOAD="$SHIM" -o "$TMP/strace" "$@" >/dev/null 2>&1
    grep -o 'SECCOMP_[A-Z_]*\|seccomp-shim-bpf' "$TMP/strace" | grep -v FLAG
}

# under_shim CMD...: runs CMD with SECCOMP_SHIM_WARNINGS set (says what
# happened to the sibling).
under_shim() { run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" "$@"; }

# ---- no sibling: the INI ---------------------------------------------------
under_shim uname
is "$STATUS/$ERR" "159/" "no sibling: the INI is used, nothing said"
like "$(seccomp_calls true | sort -u)" "seccomp-shim-bpf" "no sibling: the INI is compiled"

# ---- a sibling that can stand in --------------------------------------------
run "$CLI" compile "$D/x.ini"
is "$STATUS" 0 "compile X.ini without -o: exit 0"
ok "$([ -f "$D/x.compiled" ]; echo $?)" "compile X.ini without -o: writes the sibling X.compiled"
under_shim uname
is "$STATUS" 159 "sibling: uname dies by SIGSYS"
is "$ERR" "seccomp-shim: $D/x.compiled: used in place of $D/x.ini" "sibling: used (warnings say so)"
is "$(seccomp_calls true | sort -u)" "SECCOMP_SET_MODE_FILTER" \
    "sibling: no compile, only the install's seccomp() call"
under_shim /usr/bin/python3 -c 'import socket; socket.sethostname("x")'
is "$STATUS" 159 "sibling: sethostname (from the included file) dies by SIGSYS"
run env SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" sh -c 'uname; echo "uname: $?"; grep Seccomp_filters /proc/self/status'
like "$OUT" "uname: 159" "sibling: inherited by an exec'd child"
like "$OUT" "Seccomp_filters:[[:space:]]+1$" "sibling: the exec'd child installs nothing (same identity as the INI)"
run env SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" printenv SECCOMP_SHIM_ACTIVE
m_sibling=$OUT
mv "$D/x.compiled" "$D/x.saved"
run env SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" printenv SECCOMP_SHIM_ACTIVE
is "$m_sibling" "$OUT" "sibling: the marker is the one the INI gives"
mv "$D/x.saved" "$D/x.compiled"

# ---- siblings that cannot stand in: ignored, the INI used ----------------------
# ignored WHAT REASON-REGEX: the program runs under the INI's policy, the
# shim says why with SECCOMP_SHIM_WARNINGS and nothing without.
ignored() {
    under_shim uname
    is "$STATUS" 159 "$1: uname still dies (the INI's policy)"
    like "$ERR" "^seccomp-shim: $D/x.compiled: ignored: .*$2" "$1: ignored, and warnings say why"
    run env SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" sh -c 'echo ran'
    is "$STATUS/$OUT/$ERR" "0/ran/" "$1: not an error, nothing said without warnings"
    like "$(seccomp_calls true | sort -u)" "seccomp-shim-bpf" "$1: the INI was parsed and compiled"
}

fresh
printf '; edited\n' >>"$D/x.ini"
ignored "stale sibling (the INI changed)" "compiled from another version"
printf '[policy]\ndefault = allow\ninclude = inc.ini\n[syscalls]\nuname = kill\n' >"$D/x.ini"

fresh
printf '; edited\n' >>"$D/inc.ini"
ignored "stale sibling (an included file changed)" "compiled from another version"
printf '[syscalls]\nsethostname = kill\n' >"$D/inc.ini"

fresh && chmod g+w "$D/x.compiled"
ignored "group-writable sibling" "its group may write it"
fresh && chmod o+w "$D/x.compiled"
ignored "world-writable sibling" "anyone may write it"
fresh && chown nobody "$D/x.compiled"
ignored "sibling owned by another user" "owned by another user"
fresh && chmod g+w "$D/x.ini" "$D/x.compiled"
under_shim true
like "$ERR" "used in place of" "group-writable sibling of a group-writable INI (same group): used"
chmod g-w "$D/x.ini"

fresh && printf 'x' >>"$D/x.compiled"
ignored "corrupted sibling (a byte appended)" "bytes after its program"
fresh && printf '\377' | dd of="$D/x.compiled" bs=1 seek=100 conv=notrunc 2>/dev/null
ignored "corrupted sibling (a changed byte)" "checksum mismatch"
fresh && "$PY" - "$D/x.compiled" <<'PY'
import hashlib, sys
b = bytearray(open(sys.argv[1], 'rb').read())
b[8:12] = (1).to_bytes(4, 'little')  # format version 1, checksum made valid
b[64:72] = bytes(8)
b[64:72] = hashlib.sha256(b).digest()[:8]
open(sys.argv[1], 'wb').write(b)
PY
ignored "a sibling of the old format version" "old format version 1"
printf '[policy]\ndefault = allow\n' >"$D/x.compiled"
ignored "a sibling that is INI text" "not a compiled policy"
rm -f "$D/x.compiled" && mkfifo "$D/x.compiled"
ignored "a sibling that is a FIFO" "not a regular file"
rm -f "$D/x.compiled"

fresh
run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_EXPLAIN=1 SECCOMP_SHIM_POLICY="$D/x.ini" LD_PRELOAD="$SHIM" uname
like "$ERR" "ignored: it was compiled without explain" "explain asked for, sibling without: ignored"
like "$ERR" "policy kills syscall uname" "explain asked for, sibling without: the INI's explain reports the kill"

# A sibling given directly is a compiled policy (no INI involved).
shim_file "$D/x.compiled" uname
is "$STATUS" 159 "the sibling given directly: a compiled policy"

# An INI without the .ini suffix: its sibling is FILE.compiled.
cp "$D/x.ini" "$D/plain"
"$CLI" compile "$D/plain" >/dev/null 2>&1
run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$D/plain" LD_PRELOAD="$SHIM" uname
is "$STATUS/$ERR" "159/seccomp-shim: $D/plain.compiled: used in place of $D/plain" "FILE without .ini: FILE.compiled"

done_testing
