#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Policies that do less than their lines say, found in review: each is shown
# doing less (the attack works), and `check` now says so.
. "$(dirname "$0")/lib.sh"

inet='import socket; socket.socket(socket.AF_INET); print("inet socket made")'

# A conditional exception replaces a group's deny for that syscall; calls
# outside the exception get the default (allow), as the language says.
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\n@network-io = errno(EPERM)\nsocket = allow if arg0 == AF_UNIX\nio_uring_setup = errno(ENOSYS)')
shim_file "$p" "$PY" -c "$inet"
is "$OUT" "inet socket made" "group deny + conditional exception: an INET socket is made (the default applies)"
run "$CLI" check "$p"
like "$ERR" "socket = errno\(1\) from @network-io is replaced by conditional rules only" \
    "... and check warns that the group's deny no longer covers it"

# Overlapping conditional rules with different actions: a raw INET socket
# matches both lines. libseccomp alone dropped the deny (it equals the
# default) and let the raw socket through; the strictest matching action now
# applies (compile.c), and check still warns.
allowlist=$'[policy]\ndefault = errno(EPERM)\n[syscalls]\nwrite = allow\nexit_group = allow\nrt_sigreturn = allow\nio_uring_setup = errno(ENOSYS)'
run "$PROGS/raw_socket"
is "$OUT" "raw socket made" "unsandboxed (root): the raw socket is made (control)"
p=$(policy "$allowlist"$'\nsocket = errno(EPERM) if arg1 & 0xf == SOCK_RAW\nsocket = allow if arg0 == AF_INET')
shim_file "$p" "$PROGS/raw_socket"
is "$OUT" "EPERM" "overlapping rules: the raw socket is refused, as the stricter line says"
run "$CLI" check "$p"
like "$ERR" ":9: warning: this socket rule \(allow\) and the one at .*:8 \(errno\(1\)\) can both match one call" \
    "... and check warns that both rules can match one call"
run "$CLI" check "$(policy $'[policy]\ndefault = allow\n[syscalls]\nsocket = errno(EACCES) if arg0 == AF_INET\nsocket = kill if arg0 == AF_INET6\nio_uring_setup = errno(ENOSYS)')"
unlike "$ERR" "both match" "exclusive conditions (== different values) draw no warning"

# A name of another architecture in a deny rule refuses nothing on x86_64.
p=$(policy $'[policy]\ndefault = allow\n[syscalls]\numount = errno(EPERM)\nchown32 = allow')
run "$CLI" check "$p"
like "$ERR" ":4: warning: umount is not an x86_64 syscall .*did you mean umount2\?" \
    "a deny rule for a name x86_64 lacks is warned about, with the x86_64 name"
unlike "$ERR" "chown32" "an allow rule for such a name stays silent (profiles list every architecture's names)"
shim_file "$p" /bin/true
is "$STATUS:$ERR" "0:" "the shim skips such names silently, as the language says"
# A group line of the including file takes over syscalls the included file
# named with stricter rules: layering replaces them (docs/policies.md), the opposite of
# one file, where a named line beats a group. check says so (review: this
# re-allowed unshare over no-namespaces.ini without a word).
top=$(policy "[policy]
include = $ROOT/conf/no-namespaces.ini
default = allow
[syscalls]
@process = allow")
run "$CLI" check "$top"
is "$STATUS" 0 "a group over an included file's stricter rules: valid"
like "$ERR" "@process = allow takes unshare from .*no-namespaces.ini:[0-9]+, where it was errno" \
    "...and warned about, naming the included line"
is "$(grep -c 'takes clone from' <<<"$ERR")" 1 "...once per syscall (clone has several included rules)"
shim_file "$top" unshare -U true
is "$STATUS" 0 "(the layering rule itself is unchanged: unshare runs)"
named=$(policy "[policy]
include = $ROOT/conf/no-namespaces.ini
default = allow
[syscalls]
@process = allow
unshare = errno(EPERM)")
run "$CLI" check "$named"
unlike "$ERR" "takes unshare" "naming the syscall in the including file: no warning for it"
# The laxest of the including file's group lines is the one named, whatever
# their order (review: a stricter group line first hid the warning).
printf '[syscalls]\nunshare = errno(EPERM)\n' >"$TMP/inc-unshare.ini"
order=$(policy "[policy]
default = allow
include = $TMP/inc-unshare.ini
[syscalls]
@system-service = kill_process if arg0 == 2
@process = allow if arg0 == 1")
run "$CLI" check "$order"
like "$ERR" "@process = allow takes unshare from .*inc-unshare.ini:2" "a stricter group line first: still warned, naming the laxest"
# `; accept-warning: NAME` accepts that warning on its own line only: other
# kinds, other lines and other files keep theirs; unknown names are errors,
# and an acceptance its line does not need is itself a warning (stale).
printf '[syscalls]\nsocket = allow if arg0 != 16 ; accept-warning: int-compare\n' >"$TMP/inc-acc.ini"
acc=$(policy "[policy]
default = errno(EPERM)
include = $TMP/inc-acc.ini
[syscalls]
personality = allow if arg0 > 8 ; accept-warning: int-compare
prctl = allow if arg0 != 4 ; accept-warning: overlap
getpid = allow  ; accept-warning: int-compare
exit_group = allow
rt_sigreturn = allow")
run "$CLI" check "$acc"
unlike "$ERR" ":5: warning:.*arg0 > 0x8" "accept-warning: int-compare silences its line's 32-bit warning"
unlike "$ERR" "inc-acc.ini:2: warning" "...and an included file's accepted line"
like "$ERR" ":6: warning: .arg0 != 0x4. lets more through" "accept-warning: overlap does not silence int-compare"
like "$ERR" ":6: warning: accept-warning: overlap, but this line draws no such warning" "...and is stale there"
like "$ERR" ":7: warning: accept-warning: int-compare, but this line draws no such warning" "a stale acceptance is a warning"
run "$CLI" check --werror "$(policy "[policy]
default = errno(EPERM)
include = $TMP/inc-acc.ini
[syscalls]
exit_group = allow
rt_sigreturn = allow")"
is "$STATUS:$ERR" "0:" "check --werror passes a file whose only warning is accepted"
bad=$(policy $'[policy]\ndefault = allow\n[syscalls]\nuname = kill ; accept-warning: everything')
run "$CLI" check "$bad"
like "$STATUS:$ERR" "^1:.*:4: accept-warning: unknown warning .everything. \(int-compare, overlap\)" \
    "an unknown warning name is an error"
shim_file "$bad" true
is "$STATUS" 125 "...which the shim refuses (125)"
done_testing
