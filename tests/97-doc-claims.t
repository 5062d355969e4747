#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# What the documentation claims, checked: `make demo` checks each result it
# explains (also from a checkout under /tmp, which write-here.ini lets it
# write), the man pages render without glued words and list every command,
# and what they say of LD_PRELOAD and of overlapping rules is what happens.
. "$(dirname "$0")/lib.sh"

# ---- make demo ---------------------------------------------------------------
# A checkout under /tmp: the demo's "elsewhere" must be outside /tmp too.
C=$TMP/checkout
mkdir -p "$C/tests" "$C/build/tests"
cp -r "$ROOT/conf" "$C/"
cp "$ROOT/tests/demo.sh" "$C/tests/"
cp "$SHIM" "$C/build/"
cp "$PROGS"/uname "$PROGS"/file_writer "$PROGS"/raw_write_exit "$PROGS"/allowlist "$C/build/tests/"
run sh "$C/tests/demo.sh"
is "$STATUS" 0 "make demo: every result is the expected one"
unlike "$OUT" "Unexpected" "make demo: no result it could not explain"
like "$OUT" "sh -c 'echo kept > here.txt && cat here.txt'" "make demo: shows the commands with their quotes"
if [ "$(landlock_abi)" -ge 5 ]; then
    like "$OUT" "cannot create /var/tmp/[^ ]*: Permission denied" \
        "make demo, checkout under /tmp: the write outside both trees is really refused"
    like "$OUT" "The file was not created" "make demo: checks that the file is not there before saying why"
else
    like "$OUT" "refused to run the program at all" "make demo: says Landlock is too old here"
fi

# ---- the man pages -------------------------------------------------------------
# A roff line such as `.BR \-\-arch . Strict mode` renders "--arch.Strictmode":
# adjacent unquoted words of an alternating-font macro are glued together.
glued=$("$PY" - "$ROOT"/man/seccomp-shim.1 "$ROOT"/man/seccomp-shim.ini.5 <<'PY'
import re, sys
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding='utf-8'), 1):
        m = re.match(r'^\.(BR|RB|IR|RI|BI|IB) (.*)$', line.rstrip('\n'))
        if not m:
            continue
        args = re.findall(r'"[^"]*"|\S+', m.group(2))
        for a, b in zip(args, args[1:]):
            if not a.startswith('"') and not b.startswith('"') and \
               re.search(r'[a-z0-9_]$', a) and re.match(r'([a-z0-9_]|\\-)', b):
                print(f"{f.split('/')[-1]}:{n}: {line.strip()}")
PY
)
is "$glued" "" "man pages: no words glued together by font macros"
synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$ROOT/man/seccomp-shim.1")
for c in $("$CLI" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
    grep -q "^\.SY \"seccomp-shim $c\"" <<<"$synopsis"
    ok $? "seccomp-shim.1 SYNOPSIS lists $c"
done

# LD_PRELOAD: run puts the shim last, after the caller's preloads.
run env LD_PRELOAD="$PROGS/libheapcheck.so" "$CLI" run -q -i $'[policy]\ndefault = allow' -- \
    /bin/sh -c 'echo "$LD_PRELOAD"'
is "$OUT" "$PROGS/libheapcheck.so:$SHIM" "run puts the shim last in LD_PRELOAD"
env=$(sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$ROOT/man/seccomp-shim.1" | sed -n '/^\.B LD_PRELOAD/,/^\.TP/p')
like "$(tr '\n' ' ' <<<"$env")" "puts it last" "seccomp-shim.1 says so"

# Overlapping rules: the strictest action; of two errno (or trace) rules, the
# one written first. The kernel's answer, both orders.
errno_of() { # POLICY-TEXT: the errno socket(AF_INET, SOCK_STREAM, 0) gets
    SECCOMP_SHIM_INI=$1 LD_PRELOAD=$SHIM "$PY" -c 'import ctypes
l = ctypes.CDLL(None, use_errno=True); print(l.socket(2, 1, 0), ctypes.get_errno())'
}
H=$'[policy]\ndefault = allow\n[syscalls]\n'
is "$(errno_of "$H"$'socket = errno(EACCES) if arg0 == AF_INET\nsocket = errno(EPERM) if arg1 == SOCK_STREAM')" \
    "-1 13" "two errno rules match: the first written decides (EACCES)"
is "$(errno_of "$H"$'socket = errno(EPERM) if arg1 == SOCK_STREAM\nsocket = errno(EACCES) if arg0 == AF_INET')" \
    "-1 1" "... in the other order, EPERM"
is "$(errno_of "$H"$'socket = errno(EPERM) if arg1 == SOCK_STREAM\nsocket = kill_process if arg2 == 7\nsocket = errno(EACCES) if arg0 == AF_INET\nsocket = allow if arg0 == AF_INET && arg2 == 0')" \
    "-1 1" "errno is stricter than allow, whatever the order"
# groff, not man: groff-base is in tools/debian-packages.txt, man-db is not
# (a fresh Debian 13 minbase has no man).
ini5=$(groff -man -Tutf8 -rLL=200n -P-cbou "$ROOT/man/seccomp-shim.ini.5" 2>/dev/null)
unlike "$ini5" "libseccomp's choice" "seccomp-shim.ini.5: no 'libseccomp's choice' for overlapping rules"
like "$ini5" "the rule written first decides" "seccomp-shim.ini.5: says which errno wins"

done_testing
