#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The policy language on real programs: symbolic constants (AT_FDCWD in both
# extensions), groups with single-syscall overrides, includes, and the lint
# warnings the shim prints only when asked.
. "$(dirname "$0")/lib.sh"

# AT_FDCWD reaches the filter sign- or zero-extended: both must match.
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nopenat = errno(EACCES) if arg0 == AT_FDCWD' \
    "$PROGS/openat-fdcwd"
is "$OUT" $'int:EACCES\nsign-extended:EACCES\nzero-extended:EACCES\ndirfd:ok' \
    "arg0 == AT_FDCWD matches AT_FDCWD as int, sign- and zero-extended, and nothing else"
run "$PROGS/openat-fdcwd"
is "$OUT" $'int:ok\nsign-extended:ok\nzero-extended:ok\ndirfd:ok' "without the shim all four open"

# Constants combined with |: refuse opens that create, allow the rest.
touch "$TMP/exists"
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nopenat = errno(EROFS) if arg2 & O_CREAT|O_TMPFILE == O_CREAT' \
    "$PY" -c "import os
os.open('$TMP/exists', os.O_RDONLY); print('plain open ok')
os.open('$TMP/created', os.O_WRONLY | os.O_CREAT)"
like "$OUT" "plain open ok" "O_CREAT|O_TMPFILE mask: a plain open works"
like "$ERR" "Read-only file system" "O_CREAT|O_TMPFILE mask: an open that creates is refused"

# Groups: the group's rule, and a single syscall that replaces it.
touch "$TMP/owned"
grp=$(policy $'[policy]\ndefault = allow\n[syscalls]\n@chown = errno(EPERM)\nfchownat = allow')
shim_file "$grp" chown 0:0 "$TMP/owned"
is "$STATUS" 0 "@chown refused but fchownat = allow: chown(1) (fchownat) works"
shim_file "$grp" perl -e "chown(0, 0, '$TMP/owned') or print \"\$!\n\""
is "$OUT" "Operation not permitted" "@chown = errno(EPERM): perl's chown (the chown syscall) refused"
shim_ini $'[policy]\ndefault = allow\n[syscalls]\n@chwn = errno(EPERM)' true
is "$STATUS" 125 "unknown group: status 125"
is "$ERR" "seccomp-shim: <inline>:4: unknown syscall group \`@chwn\` (did you mean @chown?)" \
    "unknown group: FILE:LINE and a suggestion"
run "$CLI" check -v "$grp"
like "$OUT" "fchown +93 +errno\(EPERM\) +- +.*:4 @chown" "check -v names the group a rule came from"

# Includes: the included policy applies; the including file overrides it.
inc=$(policy "[policy]
include = $ROOT/conf/no-exec.ini
[syscalls]
uname = errno(EPERM)")
shim_file "$inc" sh -c '/bin/true'
is "$STATUS" 126 "include no-exec.ini: sh cannot run /bin/true"
shim_file "$inc" "$PY" -c 'import os; os.uname()'
like "$ERR" "PermissionError" "include: the including file's own rule applies too"
over=$(policy "[policy]
include = $ROOT/conf/no-exec.ini
[syscalls]
execve = allow")
shim_file "$over" sh -c '/bin/true && echo ran'
is "$STATUS:$OUT" "0:ran" "including file's execve = allow replaces the included execve rule"
shim_file "$over" "$PY" -c 'import os
fd = os.open("/bin/true", os.O_RDONLY)
os.execve(fd, ["true"], {})'
like "$ERR" "PermissionError" "... while the included execveat rule still applies"
(cd "$ROOT/conf" && shim_ini $'[policy]\ninclude = no-exec.ini' sh -c '/bin/true'; echo "$STATUS" >"$TMP/st")
is "$(cat "$TMP/st")" 126 "include in SECCOMP_SHIM_INI resolves from the current directory"

# Include errors: exit 125 before main, FILE:LINE of the include line.
missing=$(policy $'[policy]\ndefault = allow\ninclude = no-such.ini')
shim_file "$missing" true
is "$STATUS" 125 "missing include: status 125"
is "$ERR" "seccomp-shim: $missing:3: cannot include $TMP/no-such.ini: No such file or directory" \
    "missing include: names the include line"
printf '[policy]\ninclude = b.ini\n' >"$TMP/a.ini"
printf '[policy]\ndefault = allow\ninclude = a.ini\n' >"$TMP/b.ini"
shim_file "$TMP/a.ini" true
is "$STATUS" 125 "include cycle: status 125"
is "$ERR" "seccomp-shim: $TMP/b.ini:3: include cycle: $TMP/a.ini -> $TMP/b.ini -> $TMP/a.ini" \
    "include cycle: names the chain"

# Unknown constant: an error with a suggestion.
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == AF_INTE' true
is "$STATUS" 125 "unknown constant: status 125"
like "$ERR" "^seccomp-shim: <inline>:4: socket: unknown constant \(did you mean AF_INET\?\)" \
    "unknown constant: FILE:LINE and a suggestion"

# Lint warnings: only with SECCOMP_SHIM_WARNINGS; `check` always.
lint=$(policy $'[policy]\ndefault = allow\n[syscalls]\nexecve = errno(EACCES)')
shim_file "$lint" sh -c 'echo hi'
is "$STATUS:$OUT:$ERR" "0:hi:" "warnings are not printed unless asked"
run env SECCOMP_SHIM_WARNINGS=1 SECCOMP_SHIM_POLICY="$lint" LD_PRELOAD="$SHIM" sh -c 'echo hi'
is "$STATUS:$OUT" "0:hi" "with SECCOMP_SHIM_WARNINGS the program still runs"
is "$ERR" "seccomp-shim: $lint:4: warning: execve is refused but execveat is allowed: a deny-list must cover every syscall for running programs" \
    "with SECCOMP_SHIM_WARNINGS the warning names the line"
run "$CLI" check "$lint"
is "$STATUS" 0 "check: a policy with warnings is valid"
like "$ERR" "$lint:4: warning: execve is refused but execveat" "check prints the warning"

# Comments after a header, a setting and a rule, with `;` and `#` (issue 11).
shim_ini $'[policy] ; settings\ndefault = allow # the rest\n[syscalls]\t# rules\nuname = kill_process # no host name' uname
is "$STATUS:$OUT" "159:" "uname = kill_process # comment: uname dies by SIGSYS"
shim_ini $'[policy]\ndefault = allow\n[syscalls]\nuname = errno(EPERM) ; no host name' uname
is "$STATUS" 1 "uname = errno(EPERM) ; comment: uname fails"
like "$ERR" "Operation not permitted" "uname = errno(EPERM) ; comment: with EPERM"

# Syscalls newer than libseccomp 2.5.4 by name (the engine's table knows
# them): mseal (462) and file_setattr (469) were "unknown syscall".
NEWER=$'[policy]\ndefault = allow\n[syscalls]\nmseal = errno(EPERM)\nfile_setattr = errno(EROFS)'
CALL='import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
for nr in (462, 469):
    libc.syscall(nr, 0, 0, 0, 0, 0)
    print(nr, os.strerror(ctypes.get_errno()))'
shim_ini "$NEWER" "$PY" -c "$CALL"
is "$STATUS" 0 "mseal and file_setattr by name: the policy loads"
has_line "$OUT" "462 Operation not permitted" "mseal = errno(EPERM) refuses mseal"
has_line "$OUT" "469 Read-only file system" "file_setattr = errno(EROFS) refuses file_setattr"
run "$PY" -c "$CALL"
no_line "$OUT" "462 Operation not permitted" "(without the shim mseal does not fail with EPERM)"

done_testing
