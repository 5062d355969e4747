#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Policies composed on the command line: `run -p A -p B` is a policy that
# includes A then B (the same errors for conflicts), children keep it, and
# --landlock sets the landlock setting for one run. An unknown -p NAME says
# the closest name and the folders searched.
. "$(dirname "$0")/lib.sh"

C=$ROOT/conf
export XDG_CONFIG_HOME=$TMP/cfg
mkdir -p "$XDG_CONFIG_HOME/seccomp-shim" "$TMP/work"
# Neither beneath /tmp (write-here grants it) nor the working directory.
elsewhere=$(mktemp -d /var/tmp/ss-compose.XXXXXX)
trap 'rm -rf "$TMP" "$elsewhere"' EXIT
cp "$C"/*.ini "$XDG_CONFIG_HOME/seccomp-shim/"
cd "$TMP/work" || exit 1

# Each alone lets the other's refusal through (the control).
run "$CLI" run -p deny-uname -- sh -c '/bin/true && echo exec ran'
is "$STATUS:$OUT" "0:exec ran" "deny-uname alone: sh runs /bin/true"
run "$CLI" run -p no-exec -- uname
is "$STATUS" 0 "no-exec alone: uname runs"
run "$CLI" run -p deny-uname -p no-exec -- sh -c '/bin/true; echo "exec $?"'
is "$STATUS:$OUT" "0:exec 126" "-p deny-uname -p no-exec: no-exec's refusal applies"
run "$CLI" run -p deny-uname -p no-exec -- uname
is "$STATUS:$OUT" "159:" "...and deny-uname's kill"
# Children: one filter, both policies (a grandchild after cd).
run "$CLI" run -p deny-uname.ini -p "$C/no-namespaces.ini" -- sh -c \
    'cd / && sh -c "grep Seccomp_filters /proc/self/status; unshare -U true || echo refused; uname"'
is "$STATUS" 159 "a grandchild after cd: uname still killed"
has_line "$OUT" "Seccomp_filters:.1" "...under the same one filter (the shim recognises its policy)"
has_line "$OUT" "refused" "...and no-namespaces still refuses unshare there"

# write-here and no-network together (the issue's example).
run "$CLI" run -p write-here -p no-network --landlock required -- sh -c \
    "echo x > here.txt && ( (echo y > '$elsewhere/f') 2>/dev/null || echo 'elsewhere refused') &&
     $PY -c 'import socket; socket.socket()' 2>/dev/null || echo 'socket refused'"
is "$STATUS:$ERR" "0:" "-p write-here -p no-network --landlock required: runs, nothing on stderr"
is "$OUT" $'elsewhere refused\nsocket refused' "...writes beneath the start only, and no TCP socket"
ok "$([ -f here.txt ] && [ ! -e "$elsewhere/f" ]; echo $?)" "...the files say so"
run "$CLI" run -p write-here -p no-network -- true
like "$ERR" "no-network.ini:[0-9]+: warning: landlock = best-effort in an included file .*--landlock required" \
    "without --landlock: no-network's best-effort would cover write-here too, which is said"

# The same errors as a file including both: conflicting settings.
printf '[policy]\ndefault = errno(EPERM)\n[syscalls]\nexit_group = allow\n' >"$TMP/eperm.ini"
printf '[policy]\ninclude = %s\ninclude = %s\n' "$XDG_CONFIG_HOME/seccomp-shim/deny-uname.ini" \
    "$TMP/eperm.ini" >"$TMP/both.ini"
run "$CLI" run -p "$TMP/both.ini" -- true
file_err=$ERR
run "$CLI" run -p deny-uname -p "$TMP/eperm.ini" -- true
is "$STATUS" 125 "-p A -p B with different defaults: 125"
is "${ERR#*:*: }" "${file_err#*:*: }" "...with the error a file including both gets"
run "$CLI" run -p deny-uname -p "$TMP/eperm.ini" --landlock best-effort -- true
is "$STATUS" 125 "...--landlock does not settle another setting's conflict"

# --landlock: the setting for this run.
run "$CLI" run -p write-here --landlock best-effort -- sh -c '(echo x > "$0"/f) 2>/dev/null || echo refused' "$elsewhere"
is "$STATUS:$OUT" "0:refused" "--landlock best-effort: the policy still applies where the kernel can"
run "$CLI" run -p write-here --landlock sometimes -- true
is "$STATUS" 2 "--landlock takes required or best-effort"
run "$CLI" run -i $'[policy]\ndefault = allow' --landlock required -- true
is "$STATUS" 2 "--landlock with -i: a usage error"
run "$CLI" run -p deny-uname -i $'[policy]\ndefault = allow' -- true
is "$STATUS" 2 "-p with -i: a usage error"
run "$CLI" run -p - -p deny-uname -- true
like "$STATUS:$ERR" "^125:.*standard input cannot go with another -p" "-p - with another -p: refused"
"$CLI" compile -o "$TMP/du.compiled" "$C/deny-uname.ini" 2>/dev/null
run "$CLI" run -p "$TMP/du.compiled" -p no-exec -- true
like "$STATUS:$ERR" "^125:.*du.compiled: a compiled policy cannot be included" "a compiled policy is not composed"

# An unknown name: the closest one, and where it was looked for.
run "$CLI" run -p no-netwrok -- true
is "$STATUS" 125 "-p no-netwrok: 125"
like "$ERR" "^seccomp-shim: no-netwrok: no such file here, and no policy of that name in $XDG_CONFIG_HOME/seccomp-shim, /etc/seccomp-shim, .*; did you mean no-network\\?" \
    "...names the folders searched and the closest name"
run "$CLI" run -p deny-uname -p writehere.ini -- true
like "$STATUS:$ERR" "^125:.*did you mean write-here\\?" "...also as a second -p, with .ini"
run "$CLI" check no-netwrok
like "$STATUS:$ERR" "^1:.*did you mean no-network\\?" "check NAME: the same"
shim_file no-netwrok true
like "$STATUS:$ERR" "^125:.*did you mean no-network\\?" "the shim: the same"
run "$CLI" run -p zzzzzzzz -- true
like "$ERR" "no policy of that name in .*\\(see .seccomp-shim list.\\)$" "nothing close: no suggestion"
unlike "$ERR" "did you mean" "...none made up"

done_testing
