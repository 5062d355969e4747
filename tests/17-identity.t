#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The policy identity an exec'd child compares before it skips installing
# (issue 11): 128 bits of a SHA-256 over the variable, its value, the explain
# flag and the bytes of the policy file AND of every file it includes. The old
# identity (a 64-bit FNV of the top file) could be forged with one chosen
# 8-byte run in a comment, and ignored included files.
. "$(dirname "$0")/lib.sh"

filters() { printf '%s\n' "$1" | sed -n 's/^Seccomp_filters:[[:space:]]*//p'; }

# ---- the forgery against the old identity ----------------------------------
# An outer `default = allow` policy forged to have the old identity of a
# stricter inner one: under the old shim the inner child found the marker,
# the probe answered, and it skipped its own filter (uname ran).
printf '[policy]\ndefault = allow\n[syscalls]\nuname = kill\n' >"$TMP/inner.ini"
printf '[policy]\ndefault = allow\n' >"$TMP/outer-prefix.ini"
run "$PY" "$ROOT/tests/tools/fnv-forge.py" SECCOMP_SHIM_POLICY "$TMP/outer.ini" "$TMP/inner.ini" \
    "$TMP/inner.ini" "$TMP/outer-prefix.ini" "$TMP/outer.ini"
is "$STATUS" 0 "forge: an outer policy with the old FNV identity of the inner one"
like "$OUT" "^tries [0-9]+ forged ([0-9a-f]{16}) target \1$" "forge: the two old identities are equal"
shim_file "$TMP/outer.ini" env SECCOMP_SHIM_POLICY="$TMP/inner.ini" sh -c \
    'uname; echo "uname: $?"; grep Seccomp_filters /proc/self/status'
like "$OUT" "uname: 159" "forged outer policy: the inner child's policy still kills uname"
is "$(filters "$OUT")" 2 "forged outer policy: the inner child installed its own filter"

# ---- included files are part of the identity --------------------------------
mkdir -p "$TMP/pol/sub"
printf '[policy]\ndefault = allow\ninclude = sub/a.ini\n' >"$TMP/pol/top.ini"
printf '[policy]\ninclude = b.ini\n[syscalls]\nuname = kill\n' >"$TMP/pol/sub/a.ini"
printf '[syscalls]\nsethostname = kill\n' >"$TMP/pol/sub/b.ini"

shim_file "$TMP/pol/top.ini" printenv SECCOMP_SHIM_ACTIVE
marker=$OUT
like "$(printf '%s' "$marker" | head -1)" "^[0-9a-f]{32}:1$" "includes: the marker's first line is HASH:DEPTH"
is "$(printf '%s' "$marker" | tail -n +2 | paste -sd " ")" "sub/a.ini sub/b.ini" \
    "includes: the marker lists the included files, relative to the policy's folder"

shim_file "$TMP/pol/top.ini" sh -c 'grep Seccomp_filters /proc/self/status'
is "$(filters "$OUT")" 1 "includes unchanged: the exec'd child installs nothing"

shim_file "$TMP/pol/top.ini" sh -c 'printf "[policy]\ninclude = b.ini\n[syscalls]\nuname = kill\ngetpid = kill\n" >'"$TMP/pol/sub/a.ini"'
    grep Seccomp_filters /proc/self/status; /usr/bin/python3 -c "import os; os.getpid(); print(\"getpid ran\")"'
is "$(filters "$OUT")" 2 "an included file changed: the exec'd child installs the policy again"
unlike "$OUT" "getpid ran" "an included file changed: the child enforces the changed file"
printf '[policy]\ninclude = b.ini\n[syscalls]\nuname = kill\n' >"$TMP/pol/sub/a.ini"

shim_file "$TMP/pol/top.ini" sh -c 'echo "; a comment" >>'"$TMP/pol/sub/b.ini"'
    grep Seccomp_filters /proc/self/status'
is "$(filters "$OUT")" 2 "a file included by an included file changed: installed again"
printf '[syscalls]\nsethostname = kill\n' >"$TMP/pol/sub/b.ini"

# A relative policy path: the list is resolved from the policy's folder.
(cd "$TMP" && run env SECCOMP_SHIM_POLICY=pol/top.ini LD_PRELOAD="$SHIM" sh -c \
    'grep Seccomp_filters /proc/self/status' && echo "$OUT") >"$TMP/rel.out"
is "$(filters "$(cat "$TMP/rel.out")")" 1 "a relative policy path with includes: the child installs nothing"

# Policy text: includes are relative to the working directory.
(cd "$TMP/pol" && run env SECCOMP_SHIM_INI=$'[policy]\ndefault = allow\ninclude = sub/a.ini' \
    LD_PRELOAD="$SHIM" sh -c 'grep Seccomp_filters /proc/self/status; echo "; x" >>sub/b.ini
    grep Seccomp_filters /proc/self/status' && echo "$OUT") >"$TMP/text.out"
is "$(filters "$(cat "$TMP/text.out")" | tr '\n' ' ')" "1 2 " \
    "policy text with includes: unchanged 1 filter, after a change 2"
printf '[syscalls]\nsethostname = kill\n' >"$TMP/pol/sub/b.ini"

# ---- the marker's list cannot lie -------------------------------------------
hash=$(printf '%s' "$marker" | head -1)
for forged in "$hash" "$hash"$'\nsub/a.ini' "$hash"$'\nsub/b.ini\nsub/a.ini' "$hash"$'\n/etc/passwd'; do
    run env SECCOMP_SHIM_POLICY="$TMP/pol/top.ini" LD_PRELOAD="$SHIM" sh -c \
        'SECCOMP_SHIM_ACTIVE="$1" exec grep Seccomp_filters /proc/self/status' sh "$forged"
    is "$(filters "$OUT")" 2 "marker with another include list ($(printf '%s' "$forged" | tail -n +2 | tr '\n' ' ')): installed again"
done

# ---- any byte of the top file -----------------------------------------------
cp "$TMP/inner.ini" "$TMP/one.ini"
cp "$TMP/inner.ini" "$TMP/two.ini"
printf '; a\n' >>"$TMP/one.ini"
printf '; b\n' >>"$TMP/two.ini"
shim_file "$TMP/one.ini" printenv SECCOMP_SHIM_ACTIVE
m1=$OUT
cp "$TMP/two.ini" "$TMP/one.ini"
shim_file "$TMP/one.ini" printenv SECCOMP_SHIM_ACTIVE
[ -n "$m1" ] && [ "$m1" != "$OUT" ]
ok $? "one changed byte in a comment: another identity"

done_testing
