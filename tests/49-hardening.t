#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A distribution's build (issue 13): Debian's dpkg-buildflags output in
# CFLAGS, CPPFLAGS and LDFLAGS builds with no warning, in a separate build
# folder, and the command and the shim come out hardened: BIND_NOW, RELRO,
# PIE, fortified calls. -Werror belongs to `make test` (CI), not to a build
# with the distribution's own flags.
. "$(dirname "$0")/lib.sh"

if ! command -v dpkg-buildflags >/dev/null || ! command -v readelf >/dev/null; then
    echo "1..0 # SKIP needs dpkg-buildflags (dpkg-dev) and readelf (binutils)"
    exit 0
fi

# A make of its own, whatever make runs the tests (no inherited jobserver).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u WERROR make -C "$ROOT" "$@" >"$TMP/make.log" 2>&1; }
flags() { env -u DEB_BUILD_MAINT_OPTIONS -u DEB_CFLAGS_APPEND -u DEB_LDFLAGS_APPEND dpkg-buildflags --get "$1"; }

D=$TMP/build
mk -j2 B="$D" CFLAGS="$(flags CFLAGS)" CPPFLAGS="$(flags CPPFLAGS)" LDFLAGS="$(flags LDFLAGS)"
st=$?
ok $st "make with dpkg-buildflags' CFLAGS, CPPFLAGS and LDFLAGS"
[ $st = 0 ] || sed 's/^/# /' "$TMP/make.log" | tail -30
warnings=$(grep -i 'warning' "$TMP/make.log")
is "$warnings" "" "and no warning"

for bin in "$D/seccomp-shim" "$D/libseccomp-shim.so"; do
    name=${bin##*/}
    dyn=$(readelf -d "$bin" 2>&1)
    like "$dyn" "\(FLAGS\) +BIND_NOW|\(FLAGS_1\) +Flags: .*NOW" "$name: BIND_NOW (-z now)"
    like "$(readelf -lW "$bin" 2>&1)" "GNU_RELRO" "$name: RELRO"
    like "$(nm -D --undefined-only "$bin")" "__stack_chk_fail" "$name: stack protector"
done
like "$(readelf -d "$D/seccomp-shim")" "\(FLAGS_1\) +Flags: .*PIE" "seccomp-shim: PIE"
# FORTIFY: CPPFLAGS' -D_FORTIFY_SOURCE=2 reached the compiler, so calls it can
# check became __*_chk. The shim's copy of libseccomp is fortified by Debian
# anyway: look at our own objects too.
has_line "$(nm -D --undefined-only "$D/seccomp-shim" | awk '{ sub(/@.*/, "", $2); print $2 }')" \
    "__[a-z]+_chk" "seccomp-shim: fortified calls (FORTIFY)"
has_line "$(nm "$D/libseccomp-shim-engine.a" | awk '$1 == "U" { print $2 }')" "__[a-z]+_chk" \
    "the engine (in the shim and the command): fortified calls"

# The shim is still a guest that exports nothing (tests/12-guest-rules.t).
exports=$(nm -D --defined-only "$D/libseccomp-shim.so" | awk 'NF == 3 { print $3 }')
is "$exports" "" "hardened shim: exports no symbol"

# And it still works.
run "$D/seccomp-shim" run -p "$ROOT/conf/deny-uname.ini" -- uname
is "$STATUS" 159 "hardened build: uname dies under deny-uname.ini"
run "$D/seccomp-shim" run -p "$ROOT/conf/docker-default.ini" -- "$PY" -c 'print(1)'
is "$STATUS/$OUT" "0/1" "hardened build: python3 runs under docker-default.ini"

# A new compiler's warning does not fail a build with its own flags
# (-Wtraditional warns about every prototype-style definition), while
# WERROR=1, which `make test` and CI set, makes it an error.
W=$TMP/warn
mk B="$W" CFLAGS="-O2 -Wtraditional" "$W/engine/diag.o"
st=$?
ok $st "a build with flags that make the compiler warn succeeds"
like "$(cat "$TMP/make.log")" "warning:" "(and the compiler did warn)"
rm -f "$W/engine/diag.o"
mk B="$W" CFLAGS="-O2 -Wtraditional" WERROR=1 "$W/engine/diag.o"
isnt_ok=$?
ok $((isnt_ok == 0)) "WERROR=1: the same warning is an error"

# `make test` (what CI runs after `make deps`) compiles with -Werror.
mk -n B="$TMP/dry" test
compile=$(grep -E -- ' -c -o [^ ]*/engine/parse\.o ' "$TMP/make.log")
like "$compile" " -Werror( |$)" "make test compiles with -Werror"
mk -n B="$TMP/dry"
compile=$(grep -E -- ' -c -o [^ ]*/engine/parse\.o ' "$TMP/make.log")
unlike "$compile" " -Werror( |$)" "make (a distribution's build) compiles without -Werror"

done_testing
