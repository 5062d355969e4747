#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The ready policies of conf/, each on real programs: what they must refuse
# (an attack on the thing they protect) and what must keep working.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf

# From $TMP: write-here.ini grants writes to the current directory, and the
# lint (rightly) warns when that holds the policy or the shim (below).
cd "$TMP" || exit 1
for f in "$C"/*.ini; do
    run "$CLI" check "$f"
    case $(basename "$f") in
    docker-default.ini | podman-default.ini)
        # Imported faithfully: the profiles' own `!=` and `>` allow rules can
        # be escaped on int arguments; the lines accept that warning by name.
        is "$STATUS:$ERR" "0:" "$(basename "$f"): valid, no lint warnings"
        run "$CLI" check --werror "$f"
        is "$STATUS:$ERR" "0:" "$(basename "$f"): passes check --werror"
        run "$CLI" run -p "$f" -- true
        is "$STATUS:$ERR" "0:" "$(basename "$f"): run prints nothing without -q"
        ;;
    write-here.ini)
        # It grants /tmp: a checkout beneath /tmp (as CI may clone) puts the
        # policy file and the shim under that grant, and the lint rightly
        # says so. Anywhere else, nothing to say.
        case $ROOT/ in
        /tmp/*) ERR=$(grep -v "write grant on /tmp covers $ROOT/" <<<"$ERR") ;;
        esac
        is "$STATUS:$ERR" "0:" "$(basename "$f"): valid, no lint warnings"
        ;;
    *) is "$STATUS:$ERR" "0:" "$(basename "$f"): valid, no lint warnings" ;;
    esac
    like "$(head -1 "$f")" "^; $(basename "$f"): " "$(basename "$f"): starts with a comment naming it"
    like "$(cat "$f")" "[Dd]oes not protect against" "$(basename "$f"): says what it does not protect against"
done

cd "$ROOT" || exit 1
run "$CLI" check "$C/write-here.ini"
like "$ERR" "write grant on $ROOT covers $C/write-here.ini \\(the policy file\\)" \
    "write-here.ini checked in the repository: the lint says the policy could be rewritten"

# no-network: TCP and UDP refused, UNIX sockets work (a real round trip).
net_py='import socket, sys
a, b = socket.socketpair(socket.AF_UNIX)
a.send(b"ping"); print("unix", b.recv(4).decode())
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); print("unix dgram ok")
for fam, typ, name in ((socket.AF_INET, socket.SOCK_STREAM, "tcp"), (socket.AF_INET6, socket.SOCK_STREAM, "tcp6"),
                       (socket.AF_INET, socket.SOCK_DGRAM, "udp"), (socket.AF_NETLINK, socket.SOCK_RAW, "netlink")):
    try:
        socket.socket(fam, typ); print(name, "created")
    except OSError as e:
        print(name, "refused", e.errno)'
run "$PY" -c "$net_py"
like "$OUT" "tcp created" "without the shim python3 creates a TCP socket"
shim_file "$C/no-network.ini" "$PY" -c "$net_py"
is "$STATUS" 0 "no-network: python3 runs"
like "$OUT" "unix ping" "no-network: a UNIX socket pair carries data"
like "$OUT" "unix dgram ok" "no-network: a UNIX datagram socket can be created"
like "$OUT" "tcp refused 13" "no-network: TCP socket refused with EACCES"
like "$OUT" "tcp6 refused 13" "no-network: IPv6 socket refused"
like "$OUT" "udp refused 13" "no-network: UDP socket refused"
like "$OUT" "netlink refused 13" "no-network: netlink socket refused"
shim_file "$C/no-network.ini" "$PY" -c 'import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
r = libc.syscall(425, 8, ctypes.create_string_buffer(120))  # io_uring_setup
print("io_uring", r, ctypes.get_errno())'
is "$OUT" "io_uring -1 38" "no-network: io_uring_setup refused with ENOSYS (io_uring bypasses seccomp)"

# no-network: a host daemon listening on an abstract UNIX socket (no file,
# so no file permission guards it) is out of reach; the program's own
# abstract sockets work.
abstract_server() {
    "$PY" -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind("\0" + sys.argv[1]); s.listen(1); s.settimeout(20)
print("up", flush=True)
try: s.accept()[0].send(b"hi")
except OSError: pass' "$1" >"$TMP/server.out" &
    for _ in $(seq 100); do [ -s "$TMP/server.out" ] && break; sleep 0.1; done
}
abstract_client='import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect("\0" + sys.argv[1]); print("connected", s.recv(2).decode())
except OSError as e:
    print("refused", e.errno)'
name=ss-no-network-$$
abstract_server "$name"
run "$PY" -c "$abstract_client" "$name"
is "$OUT" "connected hi" "without the shim python3 reaches a host daemon on an abstract UNIX socket"
wait
if [ "$(landlock_abi)" -ge 6 ]; then
    abstract_server "$name"
    shim_file "$C/no-network.ini" "$PY" -c "$abstract_client" "$name"
    is "$STATUS:$OUT" "0:refused 1" "no-network: a host daemon's abstract UNIX socket is refused (EPERM)"
    "$PY" -c "$abstract_client" "$name" >/dev/null # lets the server finish
    wait
else
    ok 0 "# SKIP Landlock ABI $(landlock_abi) has no abstract UNIX socket scope"
fi
shim_file "$C/no-network.ini" "$PY" -c 'import socket
s = socket.socket(socket.AF_UNIX); s.bind("\0ss-own-'$$'"); s.listen(1)
c = socket.socket(socket.AF_UNIX); c.connect("\0ss-own-'$$'"); print("own abstract ok")'
is "$STATUS:$OUT" "0:own abstract ok" "no-network: the program's own abstract UNIX socket works"

# read-only: writing is refused, reading works.
echo hello >"$TMP/file"
shim_file "$C/read-only.ini" sh -c "echo x > '$TMP/new'"
is "$STATUS" 2 "read-only: sh cannot create a file (status 2)"
like "$ERR" "Permission denied" "read-only: sh says Permission denied (Landlock)"
ok "$([ ! -e "$TMP/new" ]; echo $?)" "read-only: the file was not created"
shim_file "$C/read-only.ini" sh -c "echo x >> '$TMP/file'"
is "$(cat "$TMP/file")" "hello" "read-only: appending to an existing file is refused"
shim_file "$C/read-only.ini" cat "$TMP/file"
is "$STATUS:$OUT" "0:hello" "read-only: cat reads a file"
for cmd in "rm -f $TMP/file" "mv $TMP/file $TMP/moved" "chmod 600 $TMP/file" "mkdir $TMP/dir" \
    "ln -s file $TMP/link" "touch $TMP/file" "truncate -s 0 $TMP/file"; do
    shim_file "$C/read-only.ini" $cmd
    ok "$([ "$STATUS" != 0 ]; echo $?)" "read-only: refused: ${cmd%% *}"
done
is "$(cat "$TMP/file")" "hello" "read-only: the file is unchanged after all that"
shim_file "$C/read-only.ini" "$PY" -c "open('$TMP/file', 'r+')"
like "$ERR" "PermissionError: \\[Errno 13\\]" "read-only: python3 cannot open a file read-write"
shim_file "$C/read-only.ini" "$PY" -c "import os; os.open('$TMP/tmpf', os.O_RDONLY | os.O_CREAT)"
like "$ERR" "PermissionError: \\[Errno 13\\]" "read-only: O_RDONLY|O_CREAT is refused too"

# read-only: everyday tools that open /dev/null or a database read-write and
# write nothing run (the seccomp open rules refused every open for writing,
# /dev/null too: git exited 128); every write to a file is still refused.
git init -q "$TMP/repo" && git -C "$TMP/repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m first
for cmd in "git --version" "git -C $TMP/repo log --oneline" "git -C $TMP/repo status --short"; do
    shim_file "$C/read-only.ini" $cmd
    is "$STATUS" 0 "read-only: ${cmd/$TMP/TMP} works"
done
shim_file "$C/read-only.ini" sh -c 'echo y > /dev/null && echo ok'
is "$STATUS:$OUT" "0:ok" "read-only: sh writes to /dev/null"
shim_file "$C/read-only.ini" "$PY" -c 'import subprocess
print(subprocess.run(["true"], stdin=subprocess.DEVNULL).returncode)'
is "$STATUS:$OUT" "0:0" "read-only: python3 subprocess.run(stdin=DEVNULL) works"
sqlite3 "$TMP/db" 'create table t(x); insert into t values (42);'
shim_file "$C/read-only.ini" sqlite3 "$TMP/db" 'select x from t'
is "$STATUS:$OUT" "0:42" "read-only: sqlite3 reads a database"
shim_file "$C/read-only.ini" sqlite3 "$TMP/db" 'insert into t values (1)'
ok "$([ "$STATUS" != 0 ]; echo $?)" "read-only: sqlite3 cannot write it"
is "$(sqlite3 "$TMP/db" 'select count(*) from t')" 1 "read-only: the database is unchanged"
shim_file "$C/read-only.ini" "$PY" -c "import os; os.open('$TMP/file', os.O_WRONLY)"
like "$ERR" "PermissionError|Read-only file system" "read-only: python3 cannot open a file write-only"
is "$(cat "$TMP/file")" "hello" "read-only: the file is unchanged"

# read-only, the Landlock layer: two gaps the seccomp deny-list alone (the
# [syscalls] part, as read-only.ini was) left open, now closed.
seccomp_only=$TMP/read-only-seccomp.ini
sed -e '/^include/d' -e '/^\[filesystem\]/,/^\[syscalls\]/{/^\[syscalls\]/!d}' -e '/^ioctl/d' \
    "$C/read-only.ini" >"$seccomp_only"
bind_py="import socket; s = socket.socket(socket.AF_UNIX); s.bind('$TMP/sock'); print('bound')"
shim_file "$seccomp_only" "$PY" -c "$bind_py"
is "$STATUS:$OUT" "0:bound" "read-only without Landlock: bind() of a UNIX socket creates a file (the gap)"
rm -f "$TMP/sock"
shim_file "$C/read-only.ini" "$PY" -c "$bind_py"
like "$ERR" "PermissionError: \\[Errno 13\\]" "read-only: bind() of a UNIX socket to a path is refused (EACCES)"
ok "$([ ! -e "$TMP/sock" ]; echo $?)" "read-only: no socket file was created"
getflags() { "$PY" -c "import fcntl, struct, os
print(hex(struct.unpack('l', fcntl.ioctl(os.open('$1', os.O_RDONLY), 0x80086601, struct.pack('l', 0)))[0]))"; }
flags_py='import fcntl, struct, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
f = struct.unpack("l", fcntl.ioctl(fd, 0x80086601, struct.pack("l", 0)))[0]
fcntl.ioctl(fd, 0x40086602, struct.pack("l", f | 0x40)); print("flags set")'
echo one >"$TMP/flags1"
echo two >"$TMP/flags2"
before=$(getflags "$TMP/flags1")
shim_file "$seccomp_only" "$PY" -c "$flags_py" "$TMP/flags1"
is "$STATUS:$OUT" "0:flags set" "read-only without the ioctl rules: FS_IOC_SETFLAGS (chattr +d) works (the gap)"
ok "$([ "$(getflags "$TMP/flags1")" != "$before" ]; echo $?)" "...and the file's flags changed"
before=$(getflags "$TMP/flags2")
shim_file "$C/read-only.ini" "$PY" -c "$flags_py" "$TMP/flags2"
like "$ERR" "Read-only file system" "read-only: FS_IOC_SETFLAGS refused with EROFS (seccomp: not a Landlock right)"
is "$(getflags "$TMP/flags2")" "$before" "read-only: the file's flags are unchanged"
shim_file "$C/read-only.ini" sh -c 'ls -d /usr/bin && /bin/cat /etc/hostname | wc -l'
is "$STATUS:$OUT" "0:/usr/bin"$'\n'"1" "read-only: sh runs ls and cat (/bin is a symlink into /usr)"

# write-here: writes beneath the starting directory and /tmp only.
mkdir -p "$TMP/work"
# Neither beneath /tmp nor the working directory, wherever the checkout is.
outside=$(mktemp -d /var/tmp/ss-outside.XXXXXX)
trap 'rm -rf "$TMP" "$outside"' EXIT
cd "$TMP/work" || exit 1
shim_file "$C/write-here.ini" sh -c "echo x > out.txt && cp out.txt copy.txt && mkdir d && echo ok"
is "$STATUS:$OUT" "0:ok" "write-here: sh and cp create files and a directory in the current directory"
shim_file "$C/write-here.ini" sh -c "echo x > '$outside/f'"
like "$ERR" "Permission denied" "write-here: sh cannot create a file elsewhere (EACCES)"
ok "$([ ! -e "$outside/f" ]; echo $?)" "write-here: the file elsewhere was not created"
shim_file "$C/write-here.ini" cp /etc/hostname "$outside/copy"
is "$STATUS" 1 "write-here: cp to elsewhere fails"
cd "$ROOT" || exit 1
rm -rf "$outside"
# write-here started in the home folder (or above it) would let the program
# rewrite ~/.bashrc: refused before it runs, however HOME is spelled.
mkdir -p "$TMP/home/proj" && ln -sfn "$TMP/home" "$TMP/homelink"
for case in "$TMP/home:$TMP/home" "$TMP/home:$TMP/home/" "$TMP/home:$TMP/homelink" "$TMP:$TMP/home" \
    "$TMP/home/proj/..:$TMP/home"; do
    dir=${case%%:*} home=${case#*:}
    cd "$dir" || exit 1
    run env HOME="$home" "$CLI" run -p "$C/write-here.ini" -- sh -c 'echo x > .bashrc'
    is "$STATUS" 125 "write-here: refused in ${dir#$TMP} with HOME=${home#$TMP}"
    like "$ERR" "^seccomp-shim: $C/write-here.ini:[0-9]+: .*home" "...with FILE:LINE and why"
    run env HOME="$home" SECCOMP_SHIM_POLICY="$C/write-here.ini" LD_PRELOAD="$SHIM" sh -c 'echo x > .bashrc'
    is "$STATUS" 125 "write-here: the shim alone refuses it too"
done
ok "$([ ! -e "$TMP/home/.bashrc" ]; echo $?)" "write-here: no .bashrc was written"
cd "$TMP/home/proj" || exit 1
run env HOME="$TMP/home" "$CLI" run -p "$C/write-here.ini" -- sh -c 'echo x > out && cat out'
is "$STATUS:$OUT" "0:x" "write-here: runs in a folder beneath the home folder"
cd / || exit 1
run "$CLI" run -p "$C/write-here.ini" -- true
is "$STATUS" 125 "write-here: refused in /"

# no-exec: no new programs; builtins work.
shim_file "$C/no-exec.ini" sh -c '/bin/true'
is "$STATUS" 126 "no-exec: sh cannot run /bin/true (126)"
like "$ERR" "Permission denied" "no-exec: sh says Permission denied"
shim_file "$C/no-exec.ini" sh -c 'echo builtin; exit 3'
is "$STATUS:$OUT" "3:builtin" "no-exec: shell builtins work"
shim_file "$C/no-exec.ini" "$PY" -c 'import os; os.execv("/bin/true", ["true"])'
like "$ERR" "PermissionError" "no-exec: python3 os.execv refused"
shim_file "$C/no-exec.ini" "$PY" -c 'import os
fd = os.open("/bin/true", os.O_RDONLY)
os.execve(fd, ["true"], {})'
like "$ERR" "PermissionError" "no-exec: fexecve (execveat) refused"

# no-namespaces: unshare and clone flags refused; threads and fork work.
run unshare -U true
is "$STATUS" 0 "without the shim unshare -U works"
shim_file "$C/no-namespaces.ini" unshare -U true
is "$STATUS" 1 "no-namespaces: unshare -U true fails"
like "$ERR" "Operation not permitted" "no-namespaces: unshare says EPERM"
shim_file "$C/no-namespaces.ini" unshare -n true
is "$STATUS" 1 "no-namespaces: unshare -n (network namespace) fails"
shim_file "$C/no-namespaces.ini" perl -e '
my $r = syscall(56, 0x10000000 | 17, 0, 0, 0, 0);   # clone(CLONE_NEWUSER|SIGCHLD)
if ($r == 0) { exit 0 }
print $r < 0 ? "clone refused: $!\n" : "clone created $r\n"; wait;'
is "$OUT" "clone refused: Operation not permitted" "no-namespaces: clone(CLONE_NEWUSER) refused"
shim_file "$C/no-namespaces.ini" "$PY" -c 'import threading, os
t = threading.Thread(target=lambda: print("thread ran")); t.start(); t.join()
pid = os.fork()
if pid == 0: os._exit(7)
print("child", os.waitpid(pid, 0)[1] >> 8)'
is "$OUT" $'thread ran\nchild 7' "no-namespaces: threads (clone3 -> clone fallback) and fork work"
shim_file "$C/no-namespaces.ini" "$PY" -c 'import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print(libc.mount(b"none", b"/mnt", b"tmpfs", 0, None), ctypes.get_errno())'
is "$OUT" "-1 1" "no-namespaces: mount refused with EPERM"

done_testing
