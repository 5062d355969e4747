#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# make install / uninstall, in a separate build folder: the installed command
# finds the installed shim and sandboxes a program with it. Also the man page.
. "$(dirname "$0")/lib.sh"

# A make of its own, whatever make runs the tests (no inherited jobserver).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u WERROR make -s -C "$ROOT" B="$TMP/build" "$@" >"$TMP/make.log" 2>&1; }

P=$TMP/prefix
mk install PREFIX="$P"
st=$?
ok $st "make install PREFIX=$P"
[ $st = 0 ] || sed 's/^/# /' "$TMP/make.log"
for f in bin/seccomp-shim lib/seccomp-shim/libseccomp-shim.so share/man/man1/seccomp-shim.1 \
    share/seccomp-shim/policies/deny-uname.ini share/bash-completion/completions/seccomp-shim \
    share/zsh/vendor-completions/_seccomp-shim; do
    [ -f "$P/$f" ]
    ok $? "installed $f"
done
[ -x "$P/bin/seccomp-shim" ]
ok $? "the command is executable"

run "$P/bin/seccomp-shim" run -p "$P/share/seccomp-shim/policies/deny-uname.ini" -- uname
is "$STATUS" 159 "installed command: uname dies under the installed example policy"
# The engine is private (docs/design.md, The source tree): no header, archive or .pc.
is "$(find "$P" -name '*.h' -o -name '*.a' -o -name '*.pc')" "" "installs no header, static library or .pc"
# One version, written in debian/changelog: the command and the man pages say it.
version=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$ROOT/debian/changelog")
is "$("$P/bin/seccomp-shim" --version)" "seccomp-shim $version" "--version prints debian/changelog's version"
for m in man1/seccomp-shim.1 man5/seccomp-shim.ini.5; do
    like "$(head -1 "$P/share/man/$m")" "^\.TH [^ ]+ [15] [0-9]{4}-[0-9]{2}-[0-9]{2} \"seccomp-shim $version\" " \
        "installed $m: its .TH line has the date and the version"
done
ok "$([ -f "$P/share/seccomp-shim/policies/docker-default.compiled" ]; echo $?)" \
    "installed the example policies' compiled siblings"
# Landlock policies get one too, unless a path depends on the start ($PWD).
ok "$([ -f "$P/share/seccomp-shim/policies/read-only.compiled" ] &&
    [ -f "$P/share/seccomp-shim/policies/no-network.compiled" ]; echo $?)" \
    "installed the Landlock example policies' compiled siblings"
ok "$([ ! -e "$P/share/seccomp-shim/policies/write-here.compiled" ]; echo $?)" \
    "write-here.ini (\$PWD) has no compiled sibling"
run env SECCOMP_SHIM_WARNINGS=1 "$P/bin/seccomp-shim" run -p "$P/share/seccomp-shim/policies/read-only.ini" \
    -- sh -c "touch '$TMP/ro'; echo \$?"
like "$STATUS/$OUT/$ERR" "^0/1/.*read-only.compiled: used in place of" \
    "installed read-only: its sibling is used, and a write fails"
like "$ERR" "(Permission denied|Read-only file system)" "...with EACCES or EROFS"
run env SECCOMP_SHIM_WARNINGS=1 "$P/bin/seccomp-shim" run -p "$P/share/seccomp-shim/policies/deny-uname.ini" -- uname
like "$STATUS/$ERR" "^159/.*deny-uname.compiled: used in place of" "installed example policy: its compiled sibling is used"
# Policies by name: the installed ones, with no path (issue 13).
run env -u XDG_CONFIG_HOME HOME="$TMP/home" "$P/bin/seccomp-shim" run -p deny-uname -- uname
is "$STATUS" 159 "installed: run -p deny-uname finds the installed policy by name"
run env -u XDG_CONFIG_HOME HOME="$TMP/home" "$P/bin/seccomp-shim" run -p docker-default -- \
    "$PY" -c 'print(1)'
is "$STATUS/$OUT" "0/1" "installed: run -p docker-default -- python3 -c 'print(1)'"
run env -u XDG_CONFIG_HOME HOME="$TMP/home" SECCOMP_SHIM_POLICY=deny-uname \
    LD_PRELOAD="$P/lib/seccomp-shim/libseccomp-shim.so" uname
is "$STATUS" 159 "installed: SECCOMP_SHIM_POLICY=deny-uname"
mkdir -p "$TMP/home/.config/seccomp-shim"
printf '[policy]\ndefault = allow\n' >"$TMP/home/.config/seccomp-shim/deny-uname.ini"
run env -u XDG_CONFIG_HOME HOME="$TMP/home" "$P/bin/seccomp-shim" run -p deny-uname -- uname
is "$STATUS" 0 "a user's policy of the same name comes first"
run env -u XDG_CONFIG_HOME HOME="$TMP/home" "$P/bin/seccomp-shim" list -v
has_line "$OUT" "deny-uname +$P/share/seccomp-shim/policies/deny-uname.ini \(hidden by $TMP/home/.config/seccomp-shim/deny-uname.ini\)" \
    "list -v says the installed one is hidden by the user's"

run "$P/bin/seccomp-shim" run -i $'[policy]\ndefault = allow' -- env
like "$OUT" "^LD_PRELOAD=$P/lib/seccomp-shim/libseccomp-shim.so\$" "installed command: uses the installed shim"

mk uninstall PREFIX="$P"
ok $? "make uninstall"
left=$(find "$P" -type f)
is "$left" "" "uninstall removes every installed file"
left=$(find "$P" -path '*seccomp-shim*')
is "$left" "" "and the folders of its own it created"

# DESTDIR stages the files; the command still looks in PREFIX.
D=$TMP/dest
mk install PREFIX=/opt/ss-test DESTDIR="$D"
ok $? "make install DESTDIR=..."
[ -f "$D/opt/ss-test/lib/seccomp-shim/libseccomp-shim.so" ] && [ ! -e /opt/ss-test ]
ok $? "DESTDIR: files staged, nothing written to PREFIX"
run "$D/opt/ss-test/bin/seccomp-shim" run -i $'[policy]\ndefault = allow' -- true
is "$STATUS" 126 "DESTDIR: the staged command looks for the shim in PREFIX, not found there"
like "$ERR" "/opt/ss-test/lib/seccomp-shim" "DESTDIR: and names PREFIX's library folder"

# The man page: no roff warnings, every subcommand documented.
if command -v groff >/dev/null; then
    warnings=$(groff -man -ww -z "$ROOT/man/seccomp-shim.1" 2>&1)
    is "$warnings" "" "seccomp-shim.1: groff finds nothing to warn about"
else
    echo "# skipped: groff is not installed"
fi
commands=$("$CLI" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
for c in $commands import ps audit; do
    grep -q "^\.SS $c\$" "$ROOT/man/seccomp-shim.1"
    ok $? "seccomp-shim.1 documents $c"
done

done_testing
