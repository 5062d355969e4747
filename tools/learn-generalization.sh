#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Does a learned policy survive what a user does next? For each program
# below: `seccomp-shim learn` on one input, then `seccomp-shim run` of the
# same program on a second, similar input ("other input": a symlink in tar's
# folder, VACUUM in sqlite, a full pipe behind xz) and with the next flag a
# user would plausibly try ("next flag": xz -T2, make -j3, gcc -pipe, git
# status after files were touched). Each twice: with the default
# (generalizing) policy and with the `learn --exact` one. Then counts the
# syscalls each policy allows beside Docker's default, and attacks: a policy
# learned from a python3 run that used threads, children and an AF_UNIX
# socket must refuse clone(CLONE_NEWUSER), unshare, an AF_INET socket and a
# write to /proc/sys (each attack also run without a policy, as a control).
#
# Two lists of cases: TUNED, the programs the generalization
# (data/learn-generalize.def) was adjusted on, and HELDOUT, programs it was
# not looked at for; their counts are reported separately. Table and
# numbers: docs/learning.md, "Generalization and --exact".
#
#   tools/learn-generalization.sh [--install] [--no-attacks] [CASE...]
#
# --install apt-get installs the programs first (Debian 12, as root); a case
# whose program is absent is reported as skipped. Needs a built tree (make).
# Exit status: 0 when the targets are met (other input in all TUNED cases
# but one, next flag in all but two, and the same for the HELDOUT cases;
# cases skipped count neither way) and
# every attack is refused (a write under /proc/sys: under the --filesystem
# policy; seccomp alone sees no paths), or
# when CASEs were named; 1 otherwise.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLI=${SS_BUILD:-$ROOT/build}/seccomp-shim
TIMEOUT=${TIMEOUT:-180}
PACKAGES="git sqlite3 gcc libc6-dev make tar gzip openssl perl curl python3 findutils busybox
    xz-utils zstd nodejs jq rsync ffmpeg coreutils sed mawk diffutils grep bzip2 cpio patch m4 bc
    file zip"

attacks=1
while [ $# -gt 0 ]; do
    case $1 in
    --install)
        # Another apt may hold the lock: wait for it.
        for try in 1 2 3 4 5 6 7 8 9 10; do
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES >&2 &&
                break
            [ $try = 10 ] && exit 1
            sleep 30
        done
        ;;
    --no-attacks) attacks= ;;
    *) break ;;
    esac
    shift
done
[ -x "$CLI" ] || { echo "$0: build first (make): no $CLI" >&2; exit 1; }
W=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$W"' EXIT
export LC_ALL=C HOME=$W GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
ulimit -c 0
cd "$W" || exit 1
chmod 755 "$W"

# ---- inputs: a small one to learn with, a larger or odder one to run ------
mkdir d1 d1b d2
echo hello >d1/a
echo hullo >d1b/a
for i in $(seq 1 300); do echo "file $i" >d2/f$i; done
ln -s f1 d2/link
mkdir d2/sub && echo deep >d2/sub/x
cp -a d2 d2b && echo changed >d2b/f7 && rm d2b/f9
mkdir z2
echo line | gzip >z2/1.gz
for i in $(seq 2 3000); do cp z2/1.gz z2/$i.gz; done
head -c 100 /dev/urandom >small
seq 1 20 | sed 's/^/line /' >small.txt
head -c 3000000 /dev/urandom | od -x >big # 9 MB of text: fills any pipe
cp big bigc
echo hello >e1.txt
cp big e3.txt
mkdir e2 && cp d2/f* e2/
# git: one tracked file; many files, untracked ones, changes; files touched
# after the commit (status then refreshes the index: utimensat, a lock, rename)
git init -q g1 && echo a >g1/a && git -C g1 add a && git -C g1 commit -qm one
git init -q g2 && cp -r d2/* g2/ && git -C g2 add f1 f2 && git -C g2 commit -qm one
for i in $(seq 1 20); do echo "more $i" >g2/f$i; done
git init -q g3 && cp -r d2/* g3/ && git -C g3 add . && git -C g3 commit -qm one &&
    touch -d '2001-01-01' g3/f1* g3/f2*
# sqlite: a table with a row; a database that shrinks (VACUUM truncates it)
SQL2="create table t(x); insert into t select randomblob(1000) from (with recursive c(n) as
(select 1 union all select n+1 from c where n < 2000) select n from c); delete from t;
vacuum; select count(*) from t;"
SQL3="pragma journal_mode=wal; create table t(x); insert into t values(1); select * from t;"
# gcc: compile and link one file; two files with optimisation and stdio
echo 'int main(void) { return 0; }' >a.c
printf '#include <stdio.h>\nint g(void);\nint main(void) { printf("%%d\\n", g()); }\n' >b.c
echo 'int g(void) { return 42; }' >c.c
# make: one rule; three rules and $(shell ...)
mkdir m1 m2 m3
printf 'all:\n\techo built >out\n' >m1/Makefile
printf 'N := $(shell echo 3)\nall: a b c\n\t@echo all $(N)\n%%:\n\t@echo $@ >$@\n' >m2/Makefile
cp m2/Makefile m3/
# jq: a small object; a large array
echo '{"a": 1, "b": [1, 2]}' >j1.json
seq 1 20000 | sed 's/.*/{"x": &, "y": "v&"}/' | sed '1s/^/[/; $!s/$/,/; $s/$/]/' >j2.json
# python: threads that each start children; with pipes and select
cat >py.py <<'PY'
import select, subprocess, sys, threading
def work():
    for _ in range(3):
        if len(sys.argv) > 2:
            p = subprocess.Popen(["echo", "x"], stdout=subprocess.PIPE)
            select.select([p.stdout], [], [], 10)
            p.stdout.read()
            p.wait()
        else:
            subprocess.run(["true"], check=True)
ts = [threading.Thread(target=work) for _ in range(int(sys.argv[1]))]
for t in ts: t.start()
for t in ts: t.join()
print("done", len(ts))
PY
# node: workers and promises that contend
cat >node.js <<'JS'
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
JS
# ffmpeg: a second of sound; five seconds in stereo
if command -v ffmpeg >/dev/null; then
    ffmpeg -nostdin -v error -f lavfi -i sine=d=1 -y in1.wav
    ffmpeg -nostdin -v error -f lavfi -i sine=d=5 -ac 2 -y in2.wav
fi
# held out: file lists (cpio, xargs), patches of one and of three hunks, m4
# macros with an include, bc programs, checksums, base64 text
find d1 >list1
find d2 >list2
printf 'a\nb\nc\n' >pa.txt
printf 'a\nB\nc\n' >pb.txt
diff -u pa.txt pb.txt >p1.diff
seq 1 200 >pc.txt
seq 1 200 | sed 's/^50$/fifty/; s/^100$/hundred/; s/^150$/x/' >pd.txt
diff -u pc.txt pd.txt >p3.diff
printf 'define(`NAME'"'"', `world'"'"')dnl\nhello NAME\n' >mac1.m4
printf 'ifdef(`NAME'"'"', , `define(`NAME'"'"', `y'"'"')'"'"')dnl\ninclude(`mac1.m4'"'"')dnl\nforloop\n' >mac2.m4
printf '1 + 1\nquit\n' >bc1
printf 'scale = 200\n4 * a(1)\n2 ^ 5000\nquit\n' >bc2
sha256sum d2/f1 d2/f2 >sums
bzip2 -c big >big.bz2 2>/dev/null
base64 small >b64
# curl: a local HTTP server for the files here
PORT=$((20000 + $$ % 20000))
if command -v curl >/dev/null; then
    /usr/bin/python3 -m http.server --bind 127.0.0.1 $PORT >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 1 50); do
        curl -s -o /dev/null http://127.0.0.1:$PORT/small && break
        sleep 0.2
    done
fi
URL=http://127.0.0.1:$PORT

# ---- the cases -------------------------------------------------------------
# Four words each: its name, what is learned, the other input, the next flag;
# the commands are words for eval (pipelines and redirections go through sh
# -c, whose calls then count too, as they would for a user's script).
TUNED=(
    "sqlite3"
    "sqlite3 db1 'create table t(x); insert into t values(1); select * from t;'"
    "sqlite3 db2 \"\$SQL2\""
    "sqlite3 db3 \"\$SQL3\""

    "make"
    "make -s -C m1"
    "make -s -C m2"
    "make -s -j3 -C m3"

    "tar"
    "tar cf t1.tar d1"
    "tar cf t2.tar d2"
    "tar czf t3.tgz d2"

    "find"
    "find d1 -name a"
    "find z2 -name '*.gz'"
    "find -L d2 -name 'f1*'"

    "node"
    "node node.js 1"
    "node node.js 8"
    "node --jitless node.js 2"

    "xz"
    "sh -c 'xz -c small >s.xz'"
    "sh -c 'xz -c big | cat >/dev/null'"
    "sh -c 'xz -T2 -c big | cat >/dev/null'"

    "gzip"
    "sh -c 'gzip -c small >s.gz'"
    "sh -c 'gzip -c big | cat >/dev/null'"
    "sh -c 'gzip -9 -c big >b.gz'"

    "python3"
    "/usr/bin/python3 py.py 1"
    "/usr/bin/python3 py.py 8"
    "/usr/bin/python3 -u py.py 2 select"

    "git"
    "git -C g1 status --short"
    "git -C g2 status --short"
    "git -C g3 status --short"

    "jq"
    "jq .a j1.json"
    "jq '.[] | .x' j2.json"
    "jq -S -c . j2.json"

    "openssl dgst"
    "openssl dgst -sha256 small"
    "openssl dgst -sha256 big"
    "openssl dgst -sha512 -hex small big"

    "openssl genrsa"
    "openssl genrsa -out k1.pem 1024"
    "openssl genrsa -out k2.pem 2048"
    "openssl genrsa -aes256 -passout pass:x -out k3.pem 2048"

    "curl"
    "curl -s -o c1 \$URL/small"
    "curl -s -o c2 \$URL/big"
    "curl -s -D h3 -o c3 \$URL/big"

    "rsync"
    "rsync -a d1/ r1/"
    "rsync -a d2/ r2/"
    "rsync -a --delete -z d2b/ r2/"

    "gcc"
    "gcc -o a a.c"
    "gcc -O2 -o prog b.c c.c"
    "gcc -pipe -O2 -o prog2 b.c c.c"

    "ffmpeg"
    "ffmpeg -nostdin -v error -i in1.wav -y o1.flac"
    "ffmpeg -nostdin -v error -i in2.wav -y o2.flac"
    "ffmpeg -nostdin -v error -threads 2 -i in2.wav -af volume=0.5 -y o3.flac"

    "busybox sh"
    "busybox sh -c 'busybox ls d1 | busybox wc -l'"
    "busybox sh -c 'busybox ls -l d2 | busybox sort | busybox wc -l'"
    "busybox sh -x -c 'busybox ls -l d2 | busybox sort | busybox wc -l'"

    "zstd"
    "sh -c 'zstd -q -c small >s.zst'"
    "sh -c 'zstd -q -c big | cat >/dev/null'"
    "sh -c 'zstd -q -T2 -c big | cat >/dev/null'"

    "sort"
    "sort small.txt"
    "sort big"
    "sort --parallel=2 -S 1M -o sorted big"
)
# Not looked at while the generalization was adjusted.
HELDOUT=(
    "sed -i"
    "sed -i s/hello/bye/ e1.txt"
    "sed -i s/file/F/ e2/*"
    "sed -i.bak -E 's/([0-9]+)/<\\1>/' e3.txt"

    "awk"
    "awk '{ n++ } END { print n }' small.txt"
    "awk '{ n++ } END { print n }' big"
    "awk -F' ' -v OFS=, '{ c[\$2]++ } END { for (k in c) print k, c[k] }' big"

    "cp -a"
    "cp -a d1 cp1"
    "cp -a d2 cp2"
    "cp -a -u d2b/. cp2/"

    "diff"
    "diff -r d1 d1b"
    "diff -r d2 d2b"
    "diff -ru d2 d2b"

    "grep -r"
    "grep -r hello d1"
    "grep -r file d2"
    "grep -rn -i --include='f1*' FILE d2"

    "perl"
    "perl -lne '\$c{\$_}++; END { print scalar keys %c }' small"
    "perl -lne '\$c{\$_}++; END { print scalar keys %c }' big"
    "perl -i.bak -pe s/a/b/ bigc"

    "bzip2"
    "bzip2 -c small.txt"
    "bzip2 -c big"
    "bzip2 -dc big.bz2"

    "cpio"
    "sh -c 'cpio -o -F /dev/null <list1'"
    "sh -c 'cpio -o -F /dev/null <list2'"
    "sh -c 'cpio -o -H newc -F /dev/null <list2'"

    "patch"
    "patch -o /dev/null pa.txt p1.diff"
    "patch -o /dev/null pc.txt p3.diff"
    "patch -R -o /dev/null pb.txt p1.diff"

    "m4"
    "m4 mac1.m4"
    "m4 mac2.m4"
    "m4 -DNAME=x mac2.m4"

    "bc"
    "bc -l bc1"
    "bc -l bc2"
    "bc -q -l bc2"

    "file"
    "file small.txt"
    "file -z z2/1.gz big a.c d2"
    "file -i -L d2/link d2/sub/x b.c"

    "xargs"
    "xargs -a list1 echo"
    "xargs -a list2 echo"
    "xargs -a list2 -P2 -n 50 echo"

    "sha256sum"
    "sha256sum small.txt"
    "sha256sum big d2/f1 d2/f2"
    "sha256sum -c sums"

    "du"
    "du -s d1"
    "du -a d2"
    "du -h -d 1 d2"

    "ls -lR"
    "ls -l d1"
    "ls -lR d2"
    "ls -lRi --time-style=full-iso d2"

    "split"
    "split -l 5 small.txt sp1."
    "split -b 1M big sp2."
    "split -n 4 -d big sp3."

    "zip"
    "zip -q zp1.zip small.txt"
    "zip -qr zp2.zip d2"
    "zip -qr -9 zp3.zip d2"

    "base64"
    "base64 small"
    "base64 big"
    "base64 -d b64"
)

# allowed POLICY: how many syscalls the policy allows (in any condition).
allowed() {
    "$CLI" check -v "$1" 2>/dev/null | awk 'NR > 2 && $3 ~ /^allow/ { print $1 }' | sort -u | wc -l
}
result() { # result STATUS -> ok / killed / exit N
    case $1 in
    0) echo ok ;;
    159) echo killed ;;
    124) echo timeout ;;
    *) echo "exit $1" ;;
    esac
}
# reset WHAT: removes what a run of WHAT (learn, other, next) wrote, so that
# each run starts from the same files; the next flag of rsync and cp updates
# the copy the other input made (saved by table).
reset() {
    rm -f db1 db2 db3 db3-* t1.tar t2.tar t3.tgz k1.pem sorted o1.flac o2.flac o3.flac
    rm -rf r1 r2 cp1 cp2
    if [ "$1" = next ]; then
        [ -d rsync-r2 ] && cp -a rsync-r2 r2
        [ -d cp-cp2 ] && cp -a cp-cp2 cp2
    fi
}
# attempt MODE WHAT CMD...: runs CMD under MODE.ini; ok when its status is
# the one it has without a policy (diff says 1 for a difference); otherwise
# runs it again under --explain to name the refused call.
attempt() {
    local mode=$1 what=$2 s s0 k
    shift 2
    reset "$what"
    timeout $TIMEOUT "$@" >/dev/null 2>&1 </dev/null
    s0=$?
    reset "$what"
    timeout $TIMEOUT "$CLI" run -p "$mode.ini" -- "$@" >/dev/null 2>&1 </dev/null
    s=$?
    if [ $s != $s0 ]; then
        reset "$what"
        timeout $TIMEOUT "$CLI" run --explain -p "$mode.ini" -- "$@" >/dev/null 2>"$mode.$what.err" </dev/null
        k=$(grep -oE 'syscall [a-z][a-z0-9_]*' "$mode.$what.err" | head -1 | sed 's/.* //')
        echo "$(result $s)${k:+ ($k)}"
    else
        echo ok
    fi
}

# table NAME LIST...: runs the cases of one list; sets n, ok_other, ok_next.
only=("$@")
sum_default=0 sum_exact=0
table() {
    local title=$1 i name mode flag s s0
    shift
    local cases=("$@")
    n=0 ok_other=0 ok_next=0 failed=
    echo "$title"
    echo
    printf '| %-15s | %-18s | %-18s | %-18s | %-18s | %s |\n' program "other input" "next flag" \
        "other, --exact" "next, --exact" "allowed (default / --exact)"
    printf '|%s|%s|%s|%s|%s|%s|\n' ----------------- -------------------- -------------------- \
        -------------------- -------------------- -----------------------------
    for ((i = 0; i < ${#cases[@]}; i += 4)); do
        name=${cases[i]}
        if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qxF -- "$name"; then
            continue
        fi
        eval "set -- ${cases[i + 1]}"
        learn_argv=("$@")
        eval "set -- ${cases[i + 2]}"
        other_argv=("$@")
        eval "set -- ${cases[i + 3]}"
        next_argv=("$@")
        prog=${learn_argv[0]}
        [ "$prog" = sh ] && prog=$(echo "${learn_argv[2]}" | cut -d' ' -f1)
        if ! command -v "$prog" >/dev/null; then
            printf '| %-15s | %-18s | %-18s | %-18s | %-18s | %s |\n' "$name" skipped - - - \
                "$prog is not installed"
            continue
        fi
        n=$((n + 1))
        declare -A st=()
        for mode in default exact; do
            flag=
            [ $mode = exact ] && flag=--exact
            reset learn
            timeout $TIMEOUT "${learn_argv[@]}" >/dev/null 2>&1 </dev/null
            s0=$?
            reset learn
            timeout $TIMEOUT "$CLI" learn $flag -o "$mode.ini" -- "${learn_argv[@]}" \
                >/dev/null 2>"$mode.learn.err" </dev/null
            s=$?
            if [ $s != $s0 ] || [ ! -s "$mode.ini" ]; then
                st[$mode.other]="learn $(result $s)" st[$mode.next]=- st[$mode.n]=-
                continue
            fi
            st[$mode.n]=$(allowed "$mode.ini")
            st[$mode.other]=$(attempt $mode other "${other_argv[@]}")
            # The next flag of rsync and cp updates what the other input wrote.
            if [ "$name" = rsync ] || [ "$name" = "cp -a" ]; then
                reset other
                timeout $TIMEOUT "${other_argv[@]}" >/dev/null 2>&1 </dev/null
                rm -rf rsync-r2 cp-cp2
                [ -d r2 ] && cp -a r2 rsync-r2
                [ -d cp2 ] && cp -a cp2 cp-cp2
            fi
            st[$mode.next]=$(attempt $mode next "${next_argv[@]}")
        done
        rm -rf rsync-r2 cp-cp2
        [ "${st[default.other]}" = ok ] && ok_other=$((ok_other + 1)) || failed="$failed $name(other)"
        [ "${st[default.next]}" = ok ] && ok_next=$((ok_next + 1)) || failed="$failed $name(next)"
        case ${st[default.n]} in [0-9]*) sum_default=$((sum_default + st[default.n])) ;; esac
        case ${st[exact.n]} in [0-9]*) sum_exact=$((sum_exact + st[exact.n])) ;; esac
        printf '| %-15s | %-18s | %-18s | %-18s | %-18s | %s / %s |\n' "$name" "${st[default.other]}" \
            "${st[default.next]}" "${st[exact.other]}" "${st[exact.next]}" "${st[default.n]}" \
            "${st[exact.n]}"
        unset st
    done
    echo
    echo "default policy: other input $ok_other of $n, next flag $ok_next of $n${failed:+; failed:$failed}"
    echo
}

# ---- attacks under a learned policy -----------------------------------------
# atk.py benign does what the policy is learned from: a thread, a child, an
# AF_UNIX socket, a file written; atk.py ATTACK then tries one thing the
# benign run never did. Prints "done" when the attack worked (status 0),
# "refused: ERRNO" (status 1) when the kernel or the filter said no.
cat >atk.py <<'PY'
import ctypes, os, socket, struct, subprocess, sys, threading
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, SIGCHLD = 0x10000000, 17
def refused():
    print("refused:", os.strerror(ctypes.get_errno())); sys.exit(1)
what = sys.argv[1]
if what == "benign":
    threading.Thread(target=lambda: None).start()
    subprocess.run(["true"], check=True)
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
    with open("benign.out", "w") as f: f.write("x\n")
elif what == "unshare":
    if libc.unshare(CLONE_NEWUSER) != 0: refused()
elif what == "clone":
    pid = libc.syscall(56, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0)
    if pid == 0: os._exit(0)
    if pid < 0: refused()
    os.waitpid(pid, 0)
elif what == "clone3":
    args = ctypes.create_string_buffer(struct.pack("=11Q", CLONE_NEWUSER, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0), 88)
    pid = libc.syscall(435, args, 88)
    if pid == 0: os._exit(0)
    if pid < 0: refused()
    os.waitpid(pid, 0)
elif what == "inet":
    try: socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except OSError as e: print("refused:", e.strerror); sys.exit(1)
elif what == "procsys":
    name = open("/proc/sys/kernel/hostname").read()
    try:
        with open("/proc/sys/kernel/hostname", "w") as f: f.write(name)
    except OSError as e: print("refused:", e.strerror); sys.exit(1)
print("done")
PY
attack_table() {
    local mode flag a s out
    echo "Attacks: a policy learned from \`python3 atk.py benign\` (a thread, a child, an AF_UNIX"
    echo "socket, a file written), then \`python3 atk.py ATTACK\` under it:"
    echo
    printf '| %-28s | %-22s | %-22s | %-22s |\n' attack "no policy (control)" "learned" "learned --filesystem"
    printf '|%s|%s|%s|%s|\n' ------------------------------ ------------------------ \
        ------------------------ ------------------------
    for mode in default fs; do
        flag=
        [ $mode = fs ] && flag=--filesystem
        timeout $TIMEOUT "$CLI" learn $flag -o "atk-$mode.ini" -- /usr/bin/python3 atk.py benign \
            >/dev/null 2>&1 </dev/null || echo "learn $flag failed: $?"
    done
    for a in "unshare:unshare(CLONE_NEWUSER)" "clone:clone(CLONE_NEWUSER)" \
        "clone3:clone3(CLONE_NEWUSER)" "inet:socket(AF_INET)" "procsys:write /proc/sys/kernel/hostname"; do
        declare -A r=()
        out=$(timeout $TIMEOUT /usr/bin/python3 atk.py "${a%%:*}" 2>&1 </dev/null)
        s=$?
        r[none]="$(result $s)${out:+: ${out#refused: }}"
        [ $s = 0 ] && r[none]="works"
        for mode in default fs; do
            out=$(timeout $TIMEOUT "$CLI" run -p "atk-$mode.ini" -- /usr/bin/python3 atk.py "${a%%:*}" \
                2>/dev/null </dev/null)
            s=$?
            case $s in
            0) r[$mode]="NOT REFUSED" ;;
            1) r[$mode]="refused (${out#refused: })" ;;
            159) r[$mode]="refused (killed)" ;;
            *) r[$mode]="$(result $s)" ;;
            esac
            # seccomp sees no paths: which file a write goes to is
            # --filesystem's (Landlock); the default policy cannot refuse it.
            if [ $s = 0 ] && [ "${a%%:*}.$mode" = procsys.default ]; then
                r[$mode]="allowed: paths need --filesystem"
                continue
            fi
            [ $s = 0 ] && attack_fail="$attack_fail ${a##*:}($mode)"
        done
        printf '| %-28s | %-22s | %-22s | %-22s |\n' "${a##*:}" "${r[none]}" "${r[default]}" "${r[fs]}"
        unset r
    done
    echo
}

echo "Docker's default (conf/docker-default.ini) allows $(allowed "$ROOT/conf/docker-default.ini") syscalls."
echo
table "Tuned: the programs the generalization was adjusted on" "${TUNED[@]}"
tuned_n=$n tuned_other=$ok_other tuned_next=$ok_next
table "Held out: programs it was not adjusted on" "${HELDOUT[@]}"
held_n=$n held_other=$ok_other held_next=$ok_next
cases=$((tuned_n + held_n))
[ $cases -gt 0 ] && echo "allowed syscalls, mean over $cases cases: $((sum_default / cases)) by default, $((sum_exact / cases)) with --exact"
attack_fail=
if [ -n "$attacks" ] && [ ${#only[@]} = 0 ]; then
    attack_table
    [ -n "$attack_fail" ] && echo "attacks not refused:$attack_fail"
fi
[ ${#only[@]} -gt 0 ] && exit 0
[ "$tuned_other" -ge $((tuned_n - 1)) ] && [ "$tuned_next" -ge $((tuned_n - 2)) ] &&
    [ "$held_other" -ge $((held_n - 1)) ] && [ "$held_next" -ge $((held_n - 2)) ] && [ -z "$attack_fail" ]
