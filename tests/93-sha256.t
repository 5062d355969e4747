#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shim hashes policies with nettle's SHA-256, but chooses nettle's
# compression code itself (preload/nettle_sha256.c) so that nettle's CPUID
# constructor stays out of every sandboxed process. The digests must be
# SHA-256's: compared with Python's hashlib, at every block boundary.
. "$(dirname "$0")/lib.sh"

got=$("$PROGS/unit/sha256" "" "abc" "$(head -c 5000 "$ROOT/conf/docker-default.ini")")
want=$("$PY" - "$ROOT/conf/docker-default.ini" <<'PY'
import hashlib, sys
data = open(sys.argv[1], 'rb').read()[:5000]
# the shell's $(...) drops trailing newlines
for s in [b"", b"abc", data.rstrip(b"\n")]:
    print(hashlib.sha256(s).hexdigest())
pattern = bytes((i * 7 + 3) & 0xff for i in range(300))
for n in range(1, 301):
    print(hashlib.sha256(pattern[:n]).hexdigest())
PY
)
is "$(printf '%s\n' "$got" | wc -l)" 303 "303 digests"
is "$got" "$want" "every digest is SHA-256's (hashlib)"
nm "$SHIM" | grep -q 'fat_init\|_nettle_cpuid'
ok $((! $?)) "the shim carries no nettle CPUID constructor"

done_testing
