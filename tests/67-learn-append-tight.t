#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn --append to a policy whose lines carry argument conditions (learn
# --tight): a call the policy refuses only for an argument value its
# conditions do not name gets a line for that value, never an unconditional
# allow; append never says "0 lines added" while the program would still be
# refused by the default; run --complain suggests the same kind of line.
. "$(dirname "$0")/lib.sh"

sock() { echo "import socket; socket.socket(socket.AF_$1); print('$1')"; }

run "$CLI" learn --tight --exact -o "$TMP/p.ini" -- "$PY" -c "$(sock UNIX)"
is "$STATUS.$OUT" "0.UNIX" "tight: learned AF_UNIX"
has_line "$(cat "$TMP/p.ini")" 'socket = allow if arg0 == AF_UNIX ; seen 1 time' "tight: socket has its condition"
cp "$TMP/p.ini" "$TMP/plain.ini"

# Controls: the policy kills AF_INET and AF_INET6, runs AF_UNIX.
shim_file "$TMP/p.ini" "$PY" -c "$(sock INET)"
is "$STATUS" 159 "control: AF_INET is killed by the tight policy"
shim_file "$TMP/p.ini" "$PY" -c "$(sock INET6)"
is "$STATUS" 159 "control: AF_INET6 is killed by the tight policy"

# run --complain names the value, not the whole syscall.
run "$CLI" run -p "$TMP/p.ini" --complain -- "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "complain: ran"
has_line "$ERR" 'socket = allow if arg0 == AF_INET' "complain: suggests the value's line"
no_line "$ERR" 'socket = allow' "complain: does not suggest allowing socket whole"

# --append adds the value as another `allow if` line.
n=$(wc -l <"$TMP/p.ini")
cp "$TMP/p.ini" "$TMP/before.ini"
run "$CLI" learn --tight --exact --append "$TMP/p.ini" -- "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "append: ran"
like "$ERR" "; 1 line added to $TMP/p.ini" "append: one line added"
is "$(head -n "$n" "$TMP/p.ini")" "$(cat "$TMP/before.ini")" "append: the file is kept as it was"
added=$(tail -n +"$((n + 1))" "$TMP/p.ini")
has_line "$added" 'socket = allow if arg0 == AF_INET ; seen 1 time.*' "append: the new value's line"
no_line "$(cat "$TMP/p.ini")" 'socket = allow( ;.*)?' "append: socket is never allowed whole"
run "$CLI" check "$TMP/p.ini"
is "$STATUS.$ERR" "0." "append: the policy is valid"
shim_file "$TMP/p.ini" "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "append: the new value runs"
shim_file "$TMP/p.ini" "$PY" -c "$(sock UNIX)"
is "$STATUS.$OUT" "0.UNIX" "append: the old value still runs"
shim_file "$TMP/p.ini" "$PY" -c "$(sock INET6)"
is "$STATUS" 159 "append: a third value is still killed"

# Again: nothing new, nothing added, and that is true.
cp "$TMP/p.ini" "$TMP/before2.ini"
run "$CLI" learn --tight --exact --append "$TMP/p.ini" -- "$PY" -c "$(sock INET)"
like "$STATUS.$ERR" "^0.*; 0 lines added to " "append again: nothing to add"
is "$(cat "$TMP/p.ini")" "$(cat "$TMP/before2.ini")" "append again: the file is unchanged"

# Without --tight the run still fixes the tight policy with a condition.
run "$CLI" learn --exact --append "$TMP/plain.ini" -- "$PY" -c "$(sock INET6)"
is "$STATUS.$OUT" "0.INET6" "append without --tight: ran"
like "$ERR" "; 1 line added to " "append without --tight: one line added"
has_line "$(cat "$TMP/plain.ini")" 'socket = allow if arg0 == AF_INET6 ; seen 1 time.*' \
    "append without --tight: the value's line"
shim_file "$TMP/plain.ini" "$PY" -c "$(sock INET6)"
is "$STATUS.$OUT" "0.INET6" "append without --tight: the new value runs"
shim_file "$TMP/plain.ini" "$PY" -c "$(sock INET)"
is "$STATUS" 159 "append without --tight: another value is still killed"

# A condition over several arguments: the added line checks the same ones.
pol=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\n@default = allow\n@file-system = allow\n@basic-io = allow\n@io-event = allow\n@signal = allow\n@process = allow\nioctl = allow\nfcntl = allow\n@network-io = allow\nsocket = allow if arg0 == AF_UNIX && arg1 == SOCK_STREAM|SOCK_CLOEXEC')
shim_file "$pol" "$PY" -c "$(sock INET)"
is "$STATUS" 159 "two arguments, control: AF_INET killed"
run "$CLI" learn --exact --append "$pol" -- "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "two arguments: ran"
has_line "$(cat "$pol")" 'socket = allow if arg0 == AF_INET && arg1 == SOCK_STREAM\|SOCK_CLOEXEC ; seen 1 time.*' \
    "two arguments: the line checks both"
shim_file "$pol" "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "two arguments: now runs"
shim_file "$pol" "$PY" -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM); print(1)'
is "$STATUS" 159 "two arguments: another type is still killed"

# A refusal the policy's own rule makes is left to the policy, and said.
pol=$(policy $'[policy]\ndefault = kill_process\n[syscalls]\nsocket = errno(EACCES) if arg0 == AF_INET')
run "$CLI" learn --exact --append "$pol" -- "$PY" -c "$(sock INET)"
is "$STATUS.$OUT" "0.INET" "refused by a rule: ran"
like "$ERR" "warning: $pol:4: "'`socket = errno\(EACCES\) if arg0 == AF_INET` refuses 1 call of socket' \
    "refused by a rule: said, naming the rule"
is "$(grep -c '^socket' "$pol")" 1 "refused by a rule: the rule is left as it was"

# ioctl: the request (arg1) is the condition; a pipe's FIONREAD, then FIOCLEX.
io() { echo "import fcntl, os, termios; r, w = os.pipe(); fcntl.ioctl(r, termios.$1, b'    '); print('$1')"; }
run "$CLI" learn --tight --exact -o "$TMP/io.ini" -- "$PY" -c "$(io FIONREAD)"
has_line "$(cat "$TMP/io.ini")" 'ioctl = allow if arg1 == FIONREAD ; seen 1 time' "ioctl: learned FIONREAD"
shim_file "$TMP/io.ini" "$PY" -c "$(io FIOCLEX)"
is "$STATUS" 159 "ioctl, control: FIOCLEX is killed"
run "$CLI" learn --tight --exact --append "$TMP/io.ini" -- "$PY" -c "$(io FIOCLEX)"
has_line "$(cat "$TMP/io.ini")" 'ioctl = allow if arg1 == FIOCLEX ; seen 1 time.*' "ioctl: FIOCLEX added"
shim_file "$TMP/io.ini" "$PY" -c "$(io FIOCLEX)"
is "$STATUS.$OUT" "0.FIOCLEX" "ioctl: FIOCLEX runs"
shim_file "$TMP/io.ini" "$PY" -c "$(io FIONCLEX)"
is "$STATUS" 159 "ioctl: FIONCLEX is still killed"

# clone3, refused with ENOSYS by a tight policy, sends glibc to clone: the
# flags posix_spawn asks clone3 for are judged on clone.
thread='import threading; t = threading.Thread(target=print, args=("thread",)); t.start(); t.join()'
spawn='import os; p = os.posix_spawn("/bin/true", ["true"], {}); print(os.waitpid(p, 0)[1])'
run "$CLI" learn --tight --exact -o "$TMP/c.ini" -- "$PY" -c "$thread"
has_line "$(cat "$TMP/c.ini")" 'clone3 = errno\(ENOSYS\) ;.*' "clone3: refused with ENOSYS"
shim_file "$TMP/c.ini" "$PY" -c "$spawn"
is "$STATUS" 159 "clone3, control: posix_spawn is killed"
run "$CLI" learn --exact --append "$TMP/c.ini" -- "$PY" -c "$spawn"
has_line "$(cat "$TMP/c.ini")" 'clone = allow if arg0 == 0x[0-9a-f]+ ; seen 1 time.*' "clone3: the flags added on clone"
no_line "$(cat "$TMP/c.ini")" 'clone3? = allow( ;.*)?' "clone3: neither allowed whole"
shim_file "$TMP/c.ini" "$PY" -c "$spawn"
is "$STATUS.$OUT" "0.0" "clone3: posix_spawn runs"

# What no line can allow: a call of the x32 ABI. Append says so, exits 125
# and writes nothing.
x32='import ctypes; ctypes.CDLL(None).syscall(0x40000027); print("x32")'
cp "$TMP/plain.ini" "$TMP/x.ini"
shim_file "$TMP/x.ini" "$PY" -c "$x32"
is "$STATUS" 159 "x32, control: killed by the policy"
run "$CLI" learn --exact --append "$TMP/x.ini" -- "$PY" -c "$x32"
is "$STATUS.$OUT" "125.x32" "x32: append fails with 125"
like "$ERR" "1 call of syscall 0x40000027 of another ABI .* would still be killed" "x32: says what it cannot fix"
unlike "$ERR" "lines? added" "x32: reports no lines added"
is "$(cat "$TMP/x.ini")" "$(cat "$TMP/plain.ini")" "x32: nothing written"

done_testing
