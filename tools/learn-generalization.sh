#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Does a learned policy survive a different input? For each program below:
# `seccomp-shim learn` on one input, then `seccomp-shim run` of the same
# program on another input that exercises more of it (a symlink in the tar
# input, VACUUM in sqlite, a full pipe behind xz, ...), once with the
# default (generalizing) policy and once with the `learn --exact` one.
# Prints a table (the one in docs/learning.md, "Generalization and --exact"); the last column
# names the syscalls the other input needed that the --exact policy lacks,
# found by learning the other input too.
#
#   tools/learn-generalization.sh [--install] [CASE...]
#
# --install apt-get installs the programs first (Debian 12, as root).
# Needs a built tree (make). Exit status: 0 when at least MIN_OK (11) cases
# succeed in the default mode, 1 otherwise.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLI=${SS_BUILD:-$ROOT/build}/seccomp-shim
MIN_OK=${MIN_OK:-11}
TIMEOUT=${TIMEOUT:-120}
PACKAGES="git sqlite3 gcc make tar gzip openssl perl curl python3 findutils busybox xz-utils nodejs"

if [ "${1-}" = --install ]; then
    shift
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES >&2 ||
        exit 1
fi
[ -x "$CLI" ] || { echo "$0: build first (make): no $CLI" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export LC_ALL=C HOME=$W GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
ulimit -c 0
cd "$W" || exit 1

# ---- inputs: a small one to learn with, a larger or odder one to run ------
mkdir d1 d2
echo hello >d1/a
for i in $(seq 1 300); do echo "file $i" >d2/f$i; done
ln -s f1 d2/link
mkdir d2/sub && echo deep >d2/sub/x
# find: 3 .gz files to learn with, 3000 in one directory to run with
mkdir z1 z2
for i in 1 2 3; do echo "line $i" | gzip >z1/$i.gz; done
echo line | gzip >z2/1.gz
for i in $(seq 2 3000); do cp z2/1.gz z2/$i.gz; done
head -c 100 /dev/urandom >small
head -c 3000000 /dev/urandom | od -x >big # 9 MB of text: fills any pipe
# git: one tracked file; then many files, untracked directories, a symlink
git init -q g1 && echo a >g1/a && git -C g1 add a && git -C g1 commit -qm one
git init -q g2 && cp -r d2/* g2/ && git -C g2 add f1 f2 && git -C g2 commit -qm one
for i in $(seq 1 20); do echo "more $i" >g2/f$i; done
# sqlite: a table with a row; a database that shrinks (VACUUM truncates it)
SQL2="create table t(x); insert into t select randomblob(1000) from (with recursive c(n) as
(select 1 union all select n+1 from c where n < 2000) select n from c); delete from t;
vacuum; select count(*) from t;"
# gcc: compile and link one file; two files with optimisation and stdio
echo 'int main(void) { return 0; }' >a.c
printf '#include <stdio.h>\nint g(void);\nint main(void) { printf("%%d\\n", g()); }\n' >b.c
echo 'int g(void) { return 42; }' >c.c
# make: one rule; three jobs in parallel and $(shell ...)
mkdir m1 m2
printf 'all:\n\techo built >out\n' >m1/Makefile
printf 'N := $(shell echo 3)\nall: a b c\n\t@echo all $(N)\n%%:\n\t@echo $@ >$@\n' >m2/Makefile
# python: one thread and one child; eight threads that each start children
cat >py.py <<'EOF'
import subprocess, sys, threading
def work():
    for _ in range(3):
        subprocess.run(["true"], check=True)
ts = [threading.Thread(target=work) for _ in range(int(sys.argv[1]))]
for t in ts: t.start()
for t in ts: t.join()
print("done", len(ts))
EOF
# node: one line; workers and promises that contend
cat >node.js <<'EOF'
const { Worker } = require('worker_threads');
const fs = require('fs');
const n = Number(process.argv[2]);
let left = n;
for (let i = 0; i < n; i++) {
  const w = new Worker('let s = 0; for (let i = 0; i < 3e6; i++) s += i;', { eval: true });
  w.on('exit', () => { if (--left === 0) console.log('workers done', n); });
}
Promise.all([...Array(n * 20)].map((_, i) => fs.promises.readFile(__filename)))
  .then(() => console.log('reads done'));
EOF

# ---- the cases: NAME, what is learned, what is run afterwards --------------
# Each case is three words: its name, what is learned, what is run then;
# the commands are words for eval (pipelines and redirections go through sh -c).
CASES=(
    "git"
    "git -C g1 status --short"
    "git -C g2 status --short"

    "sqlite3"
    "sqlite3 db1 'create table t(x); insert into t values(1); select * from t;'"
    "sqlite3 db2 \"\$SQL2\""

    "gcc"
    "gcc -o a a.c"
    "gcc -O2 -o prog b.c c.c"

    "make -j2"
    "make -s -C m1"
    "make -s -j2 -C m2"

    "tar+gzip"
    "tar czf t1.tgz d1"
    "tar czf t2.tgz d2"

    "openssl"
    "openssl sha256 small"
    "openssl enc -aes-256-cbc -pbkdf2 -pass pass:x -in big -out big.enc"

    "perl"
    "perl -lne '\$c{\$_}++; END { print scalar keys %c }' small"
    "perl -lne '\$c{\$_}++; END { print scalar keys %c }' big"

    "curl file://"
    "curl -s -o c1 file://\$W/small"
    "curl -s -o c2 file://\$W/big"

    "python3"
    "/usr/bin/python3 py.py 1"
    "/usr/bin/python3 py.py 8"

    "find+xargs+zcat"
    "sh -c 'find z1 -name \"*.gz\" | xargs zcat | wc -l'"
    "sh -c 'find z2 -name \"*.gz\" | xargs zcat | wc -l'"

    "busybox"
    "busybox ls -l d1"
    "busybox ls -lR d2"

    "xz -T2"
    "sh -c 'xz -T2 -c small >s.xz'"
    "sh -c 'xz -T2 -c big | cat >/dev/null'"

    "node"
    "node node.js 1"
    "node node.js 8"
)

# keys POLICY: the syscalls a policy allows or answers, one per line.
keys() { sed -n '/^\[syscalls\]/,$p' "$1" | grep -oE '^[a-z0-9_]+ =' | sed 's/ =//' | sort -u; }

# attempt MODE-FLAGS POLICY CMD...: learn with flags, then run the other input.
result() { # result STATUS -> ok / killed / exit N
    case $1 in
    0) echo ok ;;
    159) echo "killed" ;;
    *) echo "exit $1" ;;
    esac
}

printf '| %-16s | %-20s | %-20s | %s |\n' program default --exact "syscalls the other input made that the first did not"
printf '|%s|%s|%s|%s|\n' ------------------ ---------------------- ---------------------- ------------------------------------------------------
only=("$@")
ok=0 total=0 failed_default=
for ((i = 0; i < ${#CASES[@]}; i += 3)); do
    name=${CASES[i]} learn_cmd=${CASES[i + 1]} run_cmd=${CASES[i + 2]}
    if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qxF -- "$name"; then
        continue
    fi
    eval "set -- $learn_cmd"
    learn_argv=("$@")
    eval "set -- $run_cmd"
    run_argv=("$@")
    if ! command -v "${learn_argv[0]}" >/dev/null; then
        printf '| %-16s | %-20s | %-20s | %s |\n' "$name" "-" "-" "not installed"
        continue
    fi
    total=$((total + 1))
    rm -f db1 db2
    declare -A st=()
    for mode in default exact; do
        flag=
        [ $mode = exact ] && flag=--exact
        rm -f db1 db2
        timeout $TIMEOUT "$CLI" learn $flag -o "$mode.ini" -- "${learn_argv[@]}" >/dev/null 2>"$mode.learn.err" </dev/null
        s=$?
        if [ $s != 0 ]; then
            st[$mode]="learn $s"
            continue
        fi
        rm -f db2
        { timeout $TIMEOUT "$CLI" run -p "$mode.ini" -- "${run_argv[@]}" >/dev/null 2>&1 </dev/null; } 2>/dev/null
        s=$?
        st[$mode]=$(result $s)
        if [ $s != 0 ]; then # again, to name what was killed
            rm -f db2
            { timeout $TIMEOUT "$CLI" run --explain -p "$mode.ini" -- "${run_argv[@]}" >/dev/null 2>"$mode.run.err" </dev/null; } 2>/dev/null
            k=$(grep -oE 'syscall [a-z][a-z0-9_]*' "$mode.run.err" | head -1 | sed 's/.* //')
            [ -n "$k" ] && st[$mode]="${st[$mode]} ($k)"
        fi
    done
    rm -f db2
    timeout $TIMEOUT "$CLI" learn --exact -o other.ini -- "${run_argv[@]}" >/dev/null 2>&1 </dev/null
    needed=$(comm -13 <(keys exact.ini) <(keys other.ini) | tr '\n' ' ')
    [ "${st[default]}" = ok ] && ok=$((ok + 1)) || failed_default="$failed_default $name"
    printf '| %-16s | %-20s | %-20s | %s |\n' "$name" "${st[default]}" "${st[exact]}" "${needed:-none}"
    unset st
done
echo
echo "default mode: $ok of $total succeeded${failed_default:+; failed:$failed_default}"
[ "$ok" -ge "$MIN_OK" ] || [ "$total" -lt "$MIN_OK" ]
