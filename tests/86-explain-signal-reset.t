#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 14: explain must not change a program that is not killed. libuv
# (node's child_process) resets every signal to SIG_DFL in the child before
# exec and gives up on any error; explain's guard must not make the reset of
# SIGSYS fail (it pretends success: the shim's handler stays).
. "$(dirname "$0")/lib.sh"

NOKILL=$'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nptrace = errno(EPERM)'
KILLS_UNAME=$'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill_process'

run "$PROGS/sigreset"
is "$STATUS/$OUT" "0/sigreset ok" "control: unsandboxed, the libuv-style reset and exec work"
shim_ini "${NOKILL/explain = yes/explain = no}" "$PROGS/sigreset"
is "$STATUS/$OUT" "0/sigreset ok" "control: without explain, the same policy changes nothing"

shim_ini "$NOKILL" "$PROGS/sigreset"
is "$STATUS/$OUT/$ERR" "0/sigreset ok/" "explain, a policy that kills nothing: the reset works"
shim_ini "$KILLS_UNAME" "$PROGS/sigreset"
is "$STATUS/$OUT/$ERR" "0/sigreset ok/" "explain, a policy that kills uname: the reset works"
# After the pretended reset the shim's handler is still there: a kill in the
# child (which the reset claimed to make SIG_DFL) is still reported.
shim_ini "$KILLS_UNAME" "$PROGS/sigreset" "$PROGS/uname"
like "$ERR" "policy kills syscall uname" "explain: after the reset, a kill in the child is still reported"
like "$ERR" "the child failed \\(status 0x1f\\)" "explain: ... and the child dies by SIGSYS"

# node itself, when it is installed (tools/debian-packages.txt does not need it).
NODE=$(command -v node || true)
if [ -n "$NODE" ] && run "$NODE" -e 'process.stdout.write(require("child_process").execFileSync("echo", ["hi"]))' && [ "$OUT" = hi ]; then
    JS='process.stdout.write(require("child_process").execFileSync("echo", ["node ok"]))'
    shim_ini "$NOKILL" "$NODE" -e "$JS"
    is "$STATUS/$OUT" "0/node ok" "node, explain, kills nothing: execFileSync('echo') works"
    is "$ERR" "" "node, explain, kills nothing: no error"
    # node calls uname itself: kill a call it does not make.
    shim_ini "${KILLS_UNAME/uname/acct}" "$NODE" -e "$JS"
    is "$STATUS/$OUT/$ERR" "0/node ok/" "node, explain, kills acct: execFileSync('echo') works"
else
    echo "# skipped: node is not installed or does not run here"
fi

done_testing
