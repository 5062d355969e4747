#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A name beside the INI that someone else can create (a sticky or group-writable
# folder) must not widen the INI's Landlock domain: a symlink X.compiled -> /
# (or -> a secret file) is ignored as a sibling AND grants nothing. (Review:
# the INI once granted read on its sibling's name, following the symlink.)
. "$(dirname "$0")/lib.sh"
abi=$(landlock_abi)
[ "$abi" -ge 1 ] || { echo "1..0 # SKIP no Landlock"; exit 0; }
D=$TMP/sticky
mkdir -p "$D" && chmod 1777 "$D"
echo secret >"$TMP/secret"
printf '[policy]\ninclude = %s/conf/landlock-base.ini\n[filesystem]\nread = /etc/hostname\n' "$ROOT" >"$D/p.ini"
shim_file "$D/p.ini" cat "$TMP/secret"
like "$STATUS:$ERR" "^1:.*Permission denied" "no sibling: the secret is not readable"
ln -s / "$D/p.compiled"
shim_file "$D/p.ini" cat "$TMP/secret"
like "$STATUS:$ERR" "^1:.*Permission denied" "X.compiled -> /: still not readable"
rm "$D/p.compiled"; ln -s "$TMP/secret" "$D/p.compiled"
shim_file "$D/p.ini" cat "$TMP/secret"
like "$STATUS:$ERR" "^1:.*Permission denied" "X.compiled -> the secret file: still not readable"
done_testing
