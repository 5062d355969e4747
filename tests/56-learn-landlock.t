#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn --filesystem and --network: on real programs (git, gcc, python3) the
# learned [filesystem] lets the same command run unchanged under the shim,
# Landlock applied, and refuses a write elsewhere with EACCES; the learned
# [network] lets a client reach the port it used and refuses another.
. "$(dirname "$0")/lib.sh"

abi=$(landlock_abi)
if [ "$abi" -lt 5 ]; then
    echo "1..0 # SKIP the kernel's Landlock ABI is $abi; a learned [filesystem] needs 5"
    exit 0
fi

# in_dir DIR CMD...: run CMD in DIR (sets OUT, ERR, STATUS).
in_dir() {
    local dir=$1
    shift
    pushd "$dir" >/dev/null && run "$@"
    popd >/dev/null
}

# section FILE NAME: the lines of section [NAME] of policy FILE.
section() {
    sed -n "/^\[$2\]/,/^\[/p" "$1" | grep -v '^\['
}

# python3: reads two files, writes a third; a write to another folder is refused.
mkdir -p "$TMP/py/in" "$TMP/py/out" "$TMP/elsewhere"
echo one >"$TMP/py/in/a"
echo two >"$TMP/py/in/b"
cat >"$TMP/py/cat.py" <<'EOF'
import sys
data = open(sys.argv[1]).read() + open(sys.argv[2]).read()
open(sys.argv[3], "w").write(data.upper())
print("wrote", len(data))
EOF
in_dir "$TMP/py" "$CLI" learn --filesystem -o "$TMP/py.ini" -- "$PY" cat.py in/a in/b out/c
is "$STATUS:$OUT" "0:wrote 8" "python3: learn --filesystem runs it as it is"
fs=$(section "$TMP/py.ini" filesystem)
has_line "$fs" 'write += \$PWD/out' "python3: write on the folder it wrote in, as \$PWD/out"
has_line "$fs" 'exec += /usr' "python3: /usr (where it and its libraries are) at its top"
no_line "$fs" '.* (/|\$HOME)( .*)?' "python3: neither / nor \$HOME granted"
no_line "$fs" '.*libseccomp-shim.*' "python3: the shim (which grants itself) left out"
in_dir "$TMP/py" "$CLI" check "$TMP/py.ini"
is "$STATUS:$ERR" "0:" "python3: the learned policy is valid (\$PWD is its folder)"
rm -f "$TMP/py/out/c"
in_dir "$TMP/py" env SECCOMP_SHIM_POLICY="$TMP/py.ini" LD_PRELOAD="$SHIM" "$PY" cat.py in/a in/b out/c
is "$STATUS:$OUT:$(cat "$TMP/py/out/c")" "0:wrote 8:ONE
TWO" "python3: the same command runs unchanged under the learned policy"
in_dir "$TMP/py" env SECCOMP_SHIM_POLICY="$TMP/py.ini" LD_PRELOAD="$SHIM" "$PY" cat.py in/a in/b \
    "$TMP/elsewhere/c"
like "$STATUS:$(tail -1 <<<"$ERR")" "^1:.*PermissionError: \[Errno 13\] Permission denied" \
    "python3: a write to another folder gets EACCES"
ok "$([ ! -e "$TMP/elsewhere/c" ]; echo $?)" "python3: ...and nothing was written there"
echo secret >"$TMP/elsewhere/secret"
in_dir "$TMP/py" env SECCOMP_SHIM_POLICY="$TMP/py.ini" LD_PRELOAD="$SHIM" "$PY" cat.py in/a \
    "$TMP/elsewhere/secret" out/c
like "$STATUS:$(tail -1 <<<"$ERR")" "^1:.*Permission denied" "python3: a read of another folder gets EACCES"

# The same through run --direct: recorded from the exec, loader included.
in_dir "$TMP/py" "$CLI" learn --direct --filesystem -o "$TMP/py-direct.ini" -- "$PY" cat.py in/a in/b out/c
is "$STATUS" 0 "python3: learn --direct --filesystem"
in_dir "$TMP/py" "$CLI" run --direct -p "$TMP/py-direct.ini" -- "$PY" cat.py in/a in/b out/c
is "$STATUS:$OUT" "0:wrote 8" "python3: runs unchanged under run --direct"
in_dir "$TMP/py" "$CLI" run --direct -p "$TMP/py-direct.ini" -- "$PY" cat.py in/a in/b "$TMP/elsewhere/c"
like "$STATUS:$(tail -1 <<<"$ERR")" "^1:.*Permission denied" "python3: run --direct refuses the write elsewhere"

# gcc: hello world, compiled in its folder (its temporary files there too).
if command -v gcc >/dev/null; then
    mkdir -p "$TMP/cc/tmp"
    printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$TMP/cc/hello.c"
    in_dir "$TMP/cc" env TMPDIR="$TMP/cc/tmp" "$CLI" learn --filesystem -o "$TMP/cc.ini" -- \
        gcc -o hello hello.c
    is "$STATUS" 0 "gcc: learn --filesystem compiles"
    rm -f "$TMP/cc/hello"
    in_dir "$TMP/cc" env TMPDIR="$TMP/cc/tmp" SECCOMP_SHIM_POLICY="$TMP/cc.ini" LD_PRELOAD="$SHIM" \
        gcc -o hello hello.c
    is "$STATUS:$OUT:$ERR" "0::" "gcc: the same command compiles under the learned policy"
    run "$TMP/cc/hello"
    is "$OUT" hello "gcc: ...and the program it made runs"
    in_dir "$TMP/cc" env TMPDIR="$TMP/cc/tmp" SECCOMP_SHIM_POLICY="$TMP/cc.ini" LD_PRELOAD="$SHIM" \
        gcc -o "$TMP/elsewhere/hello" hello.c
    like "$STATUS:$ERR" "^1:.*cannot open output file .*elsewhere/hello: Permission denied" \
        "gcc: linking into another folder gets EACCES"
else
    echo "ok - # SKIP no gcc"
fi

# git commit in a fresh repository; the same commit (same dates: same hash)
# in the same repository made again.
if command -v git >/dev/null; then
    export HOME="$TMP/home" GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z
    mkdir -p "$HOME"
    git config --global user.name Tester
    git config --global user.email tester@example.org
    git config --global init.defaultBranch main
    new_repo() { # new_repo DIR: a repository with one file added
        rm -rf "$1" && mkdir -p "$1" && git -C "$1" init -q && echo a >"$1/f" && git -C "$1" add f
    }
    new_repo "$TMP/git/repo"
    in_dir "$TMP/git/repo" "$CLI" learn --filesystem -o "$TMP/git.ini" -- git commit -m first
    WANT="$STATUS:$OUT"
    like "$WANT" "^0:\[main \(root-commit\) [0-9a-f]+\] first" "git: learn --filesystem commits"
    fs=$(section "$TMP/git.ini" filesystem)
    has_line "$fs" 'write += .*\$PWD/\.git( .*)?' "git: write on the repository's .git"
    no_line "$fs" 'write += .*\$PWD( .*)?' "git: ...not on the working tree"
    new_repo "$TMP/git/repo"
    in_dir "$TMP/git/repo" env SECCOMP_SHIM_POLICY="$TMP/git.ini" LD_PRELOAD="$SHIM" git commit -m first
    is "$STATUS:$OUT" "$WANT" "git: the same commit under the learned policy (same output)"
    new_repo "$TMP/git/repo/sub"
    in_dir "$TMP/git/repo" env SECCOMP_SHIM_POLICY="$TMP/git.ini" LD_PRELOAD="$SHIM" \
        git -C sub commit -m first
    like "$STATUS:$ERR" "^128:.*Unable to create .*sub/\.git/index\.lock.: Permission denied" \
        "git: a commit in another repository gets EACCES"
    unset HOME GIT_AUTHOR_DATE GIT_COMMITTER_DATE
else
    echo "ok - # SKIP no git"
fi

# --network: a client of a local listener (started here, gone within 30 s).
if [ "$abi" -ge 4 ]; then
    cat >"$TMP/client.py" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
print(s.recv(16).decode().strip())
EOF
    "$PY" "$ROOT/tests/data/tcp-listeners.py" >"$TMP/ports" </dev/null &
    server=$!
    for _ in $(seq 50); do [ -s "$TMP/ports" ] && break; sleep 0.1; done
    read -r port other <"$TMP/ports"
    run "$CLI" learn --network -o "$TMP/net.ini" -- "$PY" "$TMP/client.py" "$port"
    is "$STATUS:$OUT" "0:hello" "network: learn --network reaches the listener"
    net=$(section "$TMP/net.ini" network)
    has_line "$net" "connect = $port" "network: connect = the port it used"
    no_line "$net" 'bind.*' "network: no bind (it bound nothing)"
    shim_file "$TMP/net.ini" "$PY" "$TMP/client.py" "$port"
    is "$STATUS:$OUT" "0:hello" "network: the learned policy allows connecting to that port"
    shim_file "$TMP/net.ini" "$PY" "$TMP/client.py" "$other"
    like "$STATUS:$(tail -1 <<<"$ERR")" "^1:.*PermissionError: \[Errno 13\] Permission denied" \
        "network: ...and refuses another listening port with EACCES"
    run "$PY" "$TMP/client.py" "$other"
    is "$STATUS:$OUT" "0:hello" "network: (that port answers without the policy)"
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null

    # A server: its bind (port 0, any free one) is learned; UDP is not Landlock's.
    cat >"$TMP/bind.py" <<'EOF'
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect(("127.0.0.1", 9))
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print("listening")
EOF
    run "$CLI" learn --network -o "$TMP/bind.ini" -- "$PY" "$TMP/bind.py"
    net=$(section "$TMP/bind.ini" network)
    is "$net" "bind = 0" "network: bind to port 0 learned, the UDP connect not"
    shim_file "$TMP/bind.ini" "$PY" "$TMP/bind.py"
    is "$STATUS:$OUT" "0:listening" "network: the server runs under the learned policy"
fi

# Collapsing: a tree of files read gives its top; never $HOME or / whole.
mkdir -p "$TMP/c/work" "$TMP/c/home"
for d in 1 2 3; do mkdir -p "$TMP/c/work/tree/d$d" && for f in 1 2 3; do echo x >"$TMP/c/work/tree/d$d/f$f"; done; done
echo a >"$TMP/c/home/.a"
echo b >"$TMP/c/home/.b"
in_dir "$TMP/c/work" env HOME="$TMP/c/home" "$CLI" learn --filesystem --exact -o "$TMP/c.ini" -- \
    sh -c 'cat tree/*/* ~/.a ~/.b >/dev/null; echo c >~/.c; ls / >/dev/null'
fs=$(section "$TMP/c.ini" filesystem)
has_line "$fs" 'read += .*\$PWD/tree( .*)?' "collapse: nine files in three folders read: read = \$PWD/tree"
has_line "$fs" 'read += .*\$HOME/\.a \$HOME/\.b( .*)?' "collapse: two files read in \$HOME: each alone"
has_line "$fs" 'write += .*\$HOME/\.c( .*)?' "collapse: a file made in \$HOME: that file alone"
no_line "$fs" '.* (/|\$HOME)( .*)?' "collapse: neither / nor \$HOME granted whole"
no_line "$fs" 'write += .*/dev( .*)?' "collapse: >/dev/null (O_CREAT of a file that is there) grants no write on /dev"
like "$ERR" "warning: learn: .*never \`/\` or \\\$HOME whole" "collapse: ...and learn says what it did not grant"

# A path the policy language cannot spell (a space) is not widened to a
# parent folder (review: a file written in "/tmp/sp ace/" gave write = /tmp).
mkdir -p "$TMP/sp/sp ace"
in_dir "$TMP/sp" "$CLI" learn --filesystem --exact -o "$TMP/sp.ini" -- sh -c 'echo hi >"sp ace/f"'
fs=$(section "$TMP/sp.ini" filesystem)
no_line "$fs" 'write += .*(\$PWD|/tmp)( .*)?' "a file written under a folder with a space: no write on a parent"
like "$ERR" "warning: learn: not granting write on .*sp ace.*cannot spell" "...and learn says why"

# Usage: --append writes [syscalls] lines only.
run "$CLI" learn --filesystem --append "$TMP/py.ini" -- true
like "$STATUS:$ERR" "^2:.*--append adds \[syscalls\] lines only" "--append with --filesystem is a usage error"

done_testing
