#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# learn conditions on what matters, whatever the source (issue 19): socket
# only for the families the run used (and a family condition where the binary
# adds it), clone never with namespace flags and clone3 errno(ENOSYS), a
# namespace call the run made only with its argument, and a write under /proc
# granted on the file, not the tree. Each attack has a control that shows it
# works without the condition.
. "$(dirname "$0")/lib.sh"

P=$PROGS/learn_conds

# sockets: a run that made only an AF_UNIX socket (glibc's nscd probe does).
run "$CLI" learn -o "$TMP/unix.ini" -- "$P" unix
is "$STATUS:$OUT" "0:unix: ok" "socket: learned from an AF_UNIX-only run"
has_line "$(cat "$TMP/unix.ini")" 'socket = allow if arg0 == AF_UNIX ; .*' "socket: the family seen, by name"
no_line "$(cat "$TMP/unix.ini")" 'socket = allow( ;.*)?' "socket: never for every family"
shim_file "$TMP/unix.ini" "$P" unix
is "$STATUS:$OUT" "0:unix: ok" "socket: AF_UNIX runs under the learned policy"
shim_file "$TMP/unix.ini" "$P" inet
is "$STATUS:$OUT" "159:" "socket: AF_INET under it is refused (SIGSYS)"
sed 's/^socket = .*/socket = allow/' "$TMP/unix.ini" >"$TMP/unix-any.ini"
shim_file "$TMP/unix-any.ini" "$P" inet
is "$STATUS:$OUT" "0:inet: ok" "socket: control: the same policy with socket whole lets AF_INET through"

# vfork alone: the binary can call socket and clone (scan), the run did neither.
run "$CLI" learn -o "$TMP/vfork.ini" -- "$P" vfork
is "$STATUS:$OUT" "0:vfork: ok" "vfork: learned"
vf=$(cat "$TMP/vfork.ini")
no_line "$vf" 'clone = allow( ;.*)?' "vfork: clone never whole"
no_line "$vf" 'clone3 = allow( ;.*)?' "vfork: clone3 never whole"
no_line "$vf" 'socket = allow( ;.*)?' "vfork: socket from the binary carries a family condition"
shim_file "$TMP/vfork.ini" "$P" vfork
is "$STATUS:$OUT" "0:vfork: ok" "vfork: runs under the learned policy"
shim_file "$TMP/vfork.ini" "$P" clonens
unlike "$STATUS:$OUT" '^0:clonens: ok$' "vfork: clone(CLONE_NEWUSER|CLONE_NEWNET) refused under it"
shim_file "$TMP/vfork.ini" "$P" inet
unlike "$STATUS:$OUT" '^0:inet: ok$' "vfork: an AF_INET socket refused under it"

# python3 with a thread and a child: clone and clone3 seen, never namespaces.
cat >"$TMP/work.py" <<'PY'
import subprocess, sys, threading
t = threading.Thread(target=lambda: None)
t.start()
t.join()
subprocess.run(["/bin/true"], check=True)
if len(sys.argv) > 1:
    import ctypes, os
    # clone(CLONE_NEWUSER | CLONE_NEWNET | SIGCHLD), raw
    pid = ctypes.CDLL(None, use_errno=True).syscall(56, 0x10000000 | 0x40000000 | 17, 0, 0, 0, 0)
    if pid == 0:
        os._exit(0)
    print("clone:", "ok" if pid > 0 else "errno %d" % ctypes.get_errno())
    if pid > 0:
        os.waitpid(pid, 0)
print("done")
PY
run "$CLI" learn -o "$TMP/py.ini" -- "$PY" "$TMP/work.py"
is "$STATUS:$OUT" "0:done" "python3: learned"
py=$(cat "$TMP/py.ini")
no_line "$py" 'clone = allow( ;.*)?' "python3: clone never whole"
has_line "$py" 'clone3 = errno\(ENOSYS\) ;.*' "python3: clone3 errno(ENOSYS) (its flags are in a struct)"
shim_file "$TMP/py.ini" "$PY" "$TMP/work.py"
is "$STATUS:$OUT" "0:done" "python3: runs under the learned policy"
run "$PY" "$TMP/work.py" attack
if [ "$OUT" = $'clone: ok\ndone' ]; then
    ok 0 "python3: control: clone(CLONE_NEWUSER|CLONE_NEWNET) works unsandboxed"
    shim_file "$TMP/py.ini" "$PY" "$TMP/work.py" attack
    unlike "$STATUS:$OUT" 'clone: ok' "python3: clone(CLONE_NEWUSER|CLONE_NEWNET) refused under the learned policy"
else
    skip "user and network namespaces are not available here" 2
fi

# A namespace call the run made comes with its argument: unshare -U may not
# become unshare -n. The binary's mount (--mount-proc) stays out.
if command -v unshare >/dev/null && unshare -U true 2>/dev/null && unshare -n true 2>/dev/null; then
    run "$CLI" learn -o "$TMP/unshare.ini" -- unshare -U true
    is "$STATUS" 0 "unshare: learned unshare -U"
    us=$(cat "$TMP/unshare.ini")
    has_line "$us" 'unshare = allow if arg0 == .*' "unshare: the flags seen only"
    no_line "$us" 'unshare = allow( ;.*)?' "unshare: never whole"
    no_line "$us" '(mount|setns|pivot_root) = .*' "unshare: no mount, setns or pivot_root from the binary"
    shim_file "$TMP/unshare.ini" unshare -U true
    is "$STATUS" 0 "unshare: unshare -U runs under the learned policy"
    shim_file "$TMP/unshare.ini" unshare -n true
    isnt=$STATUS
    ok "$((isnt == 0))" "unshare: unshare -n refused under it (control: it works unsandboxed)"
else
    skip "unshare -U and -n do not both work here" 6
fi

# --filesystem: a file the run made grants its folder, so that a rewritten
# or rebuilt output still works; nothing beside it.
abi=$(landlock_abi)
if [ "$abi" -ge 5 ]; then
    mkdir -p "$TMP/mk/out"
    pushd "$TMP/mk" >/dev/null || exit 1
    run "$CLI" learn --filesystem -o "$TMP/mk.ini" -- sh -c 'echo one >out/f'
    is "$STATUS" 0 "made: learned a run that makes out/f"
    fs=$(sed -n '/^\[filesystem\]/,/^\[/p' "$TMP/mk.ini")
    has_line "$fs" 'write += (.* )?\$PWD/out( .*)?' "made: write on the folder it was made in"
    shim_file "$TMP/mk.ini" sh -c 'echo two >out/f && echo three >out/g'
    is "$STATUS:$(cat out/f out/g)" $'0:two\nthree' "made: rewritten, and another file made beside it"
    shim_file "$TMP/mk.ini" sh -c 'echo four >f'
    unlike "$STATUS" '^0$' "made: a file outside that folder is refused"
    popd >/dev/null || exit 1
else
    skip "the kernel's Landlock ABI is $abi; a learned [filesystem] needs 5" 4
fi

# --filesystem: one write to /proc/self/oom_score_adj grants that file only.
if [ "$abi" -ge 5 ] && [ "$(id -u)" = 0 ] && ! sanitized; then
    run "$CLI" learn --filesystem -o "$TMP/oom.ini" -- "$P" oom
    is "$STATUS:$OUT" "0:oom: ok" "proc: learned a write to /proc/self/oom_score_adj"
    fs=$(sed -n '/^\[filesystem\]/,/^\[/p' "$TMP/oom.ini")
    no_line "$fs" 'write += (.* )?/(proc|sys)( .*)?' "proc: never write on /proc or /sys whole"
    has_line "$fs" 'write += (.* )?/proc/self/oom_score_adj( .*)?' "proc: write on the file, spelt /proc/self"
    shim_file "$TMP/oom.ini" "$P" oom
    is "$STATUS:$OUT" "0:oom: ok" "proc: the same write works under the learned policy"
    run "$P" open-w /proc/sys/kernel/domainname
    is "$OUT" "open-w: ok" "proc: control: root opens a sysctl for writing unsandboxed"
    shim_file "$TMP/oom.ini" "$P" open-w /proc/sys/kernel/domainname
    is "$STATUS:$OUT" "0:open-w: errno 13" "proc: under the learned policy the sysctl gets EACCES"
else
    skip "needs root and Landlock ABI 5 (here: uid $(id -u), ABI $abi)" 6
fi

done_testing
