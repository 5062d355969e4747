#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Policies by name (engine/search.c): a word without a slash that is no file
# where it was given is looked up in $XDG_CONFIG_HOME/seccomp-shim (else
# ~/.config/seccomp-shim), /etc/seccomp-shim and the installation's
# share/seccomp-shim/policies (tests/44-install.t covers that one).
. "$(dirname "$0")/lib.sh"

export XDG_CONFIG_HOME=$TMP/cfg
mkdir -p "$XDG_CONFIG_HOME/seccomp-shim" "$TMP/cwd" "$TMP/other"
printf '[policy]\ndefault = allow\n[syscalls]\nuname = kill_process\n' \
    >"$XDG_CONFIG_HOME/seccomp-shim/nouname.ini"
cd "$TMP/cwd" || exit 1

run "$CLI" run -p nouname -- uname
is "$STATUS" 159 "run -p NAME finds NAME.ini in the user's policy folder"
run "$CLI" run -p nouname.ini -- uname
is "$STATUS" 159 "run -p NAME.ini too"
run "$CLI" check nouname
is "$STATUS/$ERR" "0/" "check NAME"
run "$CLI" export -f pfc nouname
like "$OUT" "uname" "export NAME"

shim_file nouname sh -c 'cd / && printenv SECCOMP_SHIM_POLICY && grep Seccomp_filters /proc/self/status && uname'
is "$STATUS" 159 "SECCOMP_SHIM_POLICY=NAME: the shim finds it, and uname dies"
has_line "$OUT" "$XDG_CONFIG_HOME/seccomp-shim/nouname.ini" \
    "...the variable is rewritten to the file, for children"
has_line "$OUT" "Seccomp_filters:.1" "...so a child after cd recognises its filter (one filter)"

# A file given as it is wins over a name: `-p nouname.ini` in a folder that
# has one is that file.
printf '[policy]\ndefault = allow\n' >nouname.ini
run "$CLI" run -p nouname.ini -- uname
is "$STATUS" 0 "a file of that name in the current folder is used as given"
run "$CLI" run -p nouname -- uname
is "$STATUS" 159 "...while the bare NAME is the policy folder's"
rm nouname.ini

# include = NAME: beside the including file first, then the policy folders.
printf '[policy]\ndefault = allow\ninclude = nouname.ini\n' >"$TMP/other/top.ini"
run "$CLI" run -p "$TMP/other/top.ini" -- uname
is "$STATUS" 159 "include = NAME finds the policy folder's file"
printf '[policy]\ndefault = allow\n' >"$TMP/other/nouname.ini"
run "$CLI" run -p "$TMP/other/top.ini" -- uname
is "$STATUS" 0 "...but a file beside the including one comes first"

# A compiled sibling records the file an include found; found through the
# policy folders, a file of that name put earlier in them later would change
# what the INI includes while the sibling still looked current (review: a
# sibling start then dropped the new file's rules). compile refuses it.
rm "$TMP/other/nouname.ini"
run "$CLI" compile "$TMP/other/top.ini"
is "$STATUS" 3 "compile of a policy whose include was found through the policy folders: 3"
like "$ERR" "top.ini:3: this include was found through the policy folders" "...naming the line and why"
ok "$([ ! -e "$TMP/other/top.compiled" ]; echo $?)" "...and no sibling is written"
cp "$XDG_CONFIG_HOME/seccomp-shim/nouname.ini" "$TMP/other/nouname.ini"
run "$CLI" compile "$TMP/other/top.ini"
is "$STATUS" 0 "the same include found beside the file: compiled"
rm -f "$TMP/other/nouname.ini" "$TMP/other/top.compiled"

run "$CLI" run -p no-such-policy -- true
is "$STATUS" 125 "an unknown name: 125"
shim_file no-such-policy true
is "$STATUS" 125 "the shim: an unknown name is 125"
like "$ERR" "no-such-policy: no such file here, and no policy of that name in $XDG_CONFIG_HOME/seccomp-shim, /etc/seccomp-shim" "...and says why"

# The variable form looks in the policy folders first: whoever can write the
# working directory must not choose the policy (review). The command's own
# arguments keep "a file given as it is wins" (the user typed it).
printf '[policy]\ndefault = allow\n' >"$TMP/cwd/nouname"
shim_file nouname uname
is "$STATUS" 159 "SECCOMP_SHIM_POLICY=NAME: the policy folder's, not a file of that name here"
rm "$TMP/cwd/nouname"

run "$CLI" list
has_line "$OUT" "nouname +$XDG_CONFIG_HOME/seccomp-shim/nouname.ini" "list shows the name and its file"
run "$CLI" list -v
has_line "$OUT" "# $XDG_CONFIG_HOME/seccomp-shim" "list -v shows the folders searched"
has_line "$OUT" "# /etc/seccomp-shim.*" "...in order"

done_testing
