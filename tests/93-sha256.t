#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The engine's own SHA-256 (engine/sha256.c: portable C, and the CPU's SHA
# extensions where glibc says they are there) names every policy and checks
# compiled files. Both block functions must give SHA-256's digests: FIPS
# 180-2's published vectors, and Python's hashlib at every block boundary,
# fed whole and in pieces. The shim uses no library's private symbol and
# carries no CPU-probing constructor.
. "$(dirname "$0")/lib.sh"

got=$("$PROGS/unit/sha256" "" "abc" "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" \
    "$(head -c 5000 "$ROOT/conf/docker-default.ini")")
for impl in portable fast; do
    mine=$(printf '%s\n' "$got" | sed -n "s/^$impl //p")
    if [ "$mine" = none ]; then
        for i in 1 2 3 4 5; do ok 0 "# skip $impl: this CPU has no SHA extensions"; done
        continue
    fi
    # FIPS 180-2, appendix B: "", "abc", the 448-bit message, a million 'a'.
    is "$(printf '%s\n' "$mine" | sed -n 1p)" \
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 "$impl: SHA-256(\"\")"
    is "$(printf '%s\n' "$mine" | sed -n 2p)" \
        ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad "$impl: SHA-256(\"abc\")"
    is "$(printf '%s\n' "$mine" | sed -n 3p)" \
        248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1 "$impl: the 448-bit vector"
    is "$(printf '%s\n' "$mine" | sed -n 5p)" \
        cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0 "$impl: a million 'a'"
    want=$("$PY" - "$ROOT/conf/docker-default.ini" <<'PY'
import hashlib, sys
data = open(sys.argv[1], 'rb').read()[:5000]
for s in [b"", b"abc", b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          data.rstrip(b"\n"), b"a" * 1000000]:  # $(...) drops trailing newlines
    print(hashlib.sha256(s).hexdigest())
pattern = bytes((i * 7 + 3) & 0xff for i in range(300))
for n in range(1, 301):
    for _ in range(4):  # fed whole and in pieces of 1, 63 and 65 bytes
        print(hashlib.sha256(pattern[:n]).hexdigest())
PY
)
    is "$mine" "$want" "$impl: every digest is SHA-256's (hashlib), whole and in pieces"
done

nm "$SHIM" | grep -q 'fat_init\|_nettle_cpuid\|nettle'
ok $((! $?)) "the shim carries no nettle (and so no CPUID constructor)"
# -z defs: an unresolved symbol is a link error, never a shim that kills
# every program at start ("symbol lookup error", exit 127). What it imports
# is glibc's versioned ABI and nothing else.
unversioned=$(nm -D --undefined-only "$SHIM" | awk '$1 == "U" && $2 !~ /@GLIBC_[0-9.]+$/')
is "$unversioned" "" "the shim imports only glibc's versioned symbols"
run env LD_PRELOAD="$SHIM" SECCOMP_SHIM_INI=$'[policy]\ndefault = allow' /bin/true
is "$STATUS" 0 "every symbol the shim needs resolves at start"

done_testing
