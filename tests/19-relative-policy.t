#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A relative SECCOMP_SHIM_POLICY (the README's from-source example uses one) is
# resolved once, by the first shim, against its working directory: exec'd
# children that run after a `cd` find the same file. Before, every such child
# failed with 125 ("cannot open policy"): `make -C DIR` and Python's
# subprocess.run(cwd=...) broke under a relative policy.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

filters() { printf '%s\n' "$1" | sed -n 's/^Seccomp_filters:[[:space:]]*//p'; }

shim_file conf/deny-uname.ini sh -c 'cd /tmp && /bin/echo child ran; grep Seccomp_filters /proc/self/status; uname'
like "$OUT" "child ran" "a child exec'd after cd runs (finds the policy)"
is "$(filters "$OUT")" 1 "...under the inherited filter, not a second copy (same identity)"
is "$STATUS" 159 "...and the policy still kills uname there"
unlike "$ERR" "cannot open policy" "...with no 'cannot open policy' error"

shim_file conf/deny-uname.ini printenv SECCOMP_SHIM_POLICY
is "$OUT" "$ROOT/conf/deny-uname.ini" "the variable now names the file by an absolute path"

# The folder is not resolved through symlinks: includes stay relative to the
# folder the path names, as they were for the first process.
mkdir -p "$TMP/real" "$TMP/dir"
printf '[policy]\ndefault = allow\ninclude = inc.ini\n' >"$TMP/real/top.ini"
printf '[syscalls]\nuname = kill_process\n' >"$TMP/dir/inc.ini"
ln -s ../real/top.ini "$TMP/dir/top.ini"
(cd "$TMP" && shim_file dir/top.ini sh -c 'cd / && uname'; echo "$STATUS" >"$TMP/status")
is "$(cat "$TMP/status")" 159 "a symlinked top file: includes still resolve from its folder, in children too"

# Python's subprocess with another working directory.
shim_file conf/docker-default.ini "$PY" -c \
    'import subprocess; print(subprocess.run(["true"], cwd="/tmp").returncode)'
is "$STATUS/$OUT" "0/0" "python3 subprocess.run(cwd='/tmp') under a relative policy: 0"

# make -C another directory runs its recipe's commands as children.
mkdir -p "$TMP/mk"
printf 'all:\n\t@echo made\n' >"$TMP/mk/Makefile"
shim_file conf/docker-default.ini make -s -C "$TMP/mk"
is "$STATUS/$OUT" "0/made" "make -C DIR under a relative policy runs its recipe"

done_testing
