#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Fail closed: every kind of bad input gives one line
# `seccomp-shim: FILE:LINE: what is wrong`, exit status 125, and the program
# never runs (its output marker is absent).
. "$(dirname "$0")/lib.sh"

RAN=program-ran-unsandboxed

# check_bad WHERE-AND-MESSAGE-REGEX NAME: after a shim_* run of `echo $RAN`.
check_bad() {
    is "$STATUS" 125 "$2: exit status 125"
    unlike "$OUT" "$RAN" "$2: the program never ran"
    like "$ERR" "^seccomp-shim: $1\$" "$2: message"
    is "$(printf '%s\n' "$ERR" | wc -l)" 1 "$2: exactly one line"
}

# bad_file TEXT REGEX NAME: TEXT as a policy file; REGEX follows "FILE:".
bad_file() {
    local f
    f=$(policy "$1")
    shim_file "$f" /bin/echo "$RAN"
    check_bad "$f:$2" "$3"
}

H=$'[policy]\ndefault = allow\n[syscalls]' # lines 1-3

# --- where the policy comes from
run env LD_PRELOAD="$SHIM" /bin/echo "$RAN"
check_bad "neither SECCOMP_SHIM_POLICY .* nor SECCOMP_SHIM_INI .* is set; refusing to run unsandboxed" \
    "neither variable set"
run env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" SECCOMP_SHIM_INI="$H" LD_PRELOAD="$SHIM" \
    /bin/echo "$RAN"
check_bad "both SECCOMP_SHIM_POLICY and SECCOMP_SHIM_INI are set; set exactly one" "both variables set"
run env SECCOMP_SHIM_POLICY= LD_PRELOAD="$SHIM" /bin/echo "$RAN"
check_bad "SECCOMP_SHIM_POLICY is set but empty: name a policy file" "empty SECCOMP_SHIM_POLICY"
shim_file "$TMP/missing.ini" /bin/echo "$RAN"
check_bad "$TMP/missing.ini: cannot open policy: No such file or directory" "missing policy file"
mkdir "$TMP/dir.ini"
shim_file "$TMP/dir.ini" /bin/echo "$RAN"
check_bad "$TMP/dir.ini: cannot read policy: Is a directory" "policy is a directory"
# Unreadable: as nobody (root reads anything).
f=$(policy "$H")
chmod 600 "$f"
as_nobody_copies
run "${AS_NOBODY[@]}" env SECCOMP_SHIM_POLICY="$f" LD_PRELOAD="$W_SHIM" /bin/echo "$RAN"
check_bad "$f: cannot open policy: Permission denied" "policy without read permission (as nobody)"

# --- syntax
bad_file "$H"$'\nthis is not ini' "4: expected \`name = value\`, \`\\[section\\]\` or a \`;\` comment" \
    "a line that is not INI"
bad_file $'[policy\ndefault = allow' "1: malformed section header .*" "malformed section header"
bad_file "$H"$'\n= allow' "4: missing name before \`=\`" "missing name"
# inih would drop what follows `]`, and take `:` for `=` (issue 11).
bad_file $'[policy]\ndefault = allow\n[syscalls] uname = kill_process' \
    "3: text after \\[syscalls\\]: a section header stands alone on its line .*" "a rule after [syscalls]"
bad_file $'[policy] default = kill_process' \
    "1: text after \\[policy\\]: a section header stands alone on its line .*" "a setting after [policy]"
bad_file $'[policy]\ndefault: kill_process' \
    "2: \`:\` between name and value: write \`default = ...\`" "\`:\` instead of \`=\`"
f=$TMP/bom.ini
printf '\357\273\277[policy]\ndefault = allow\n' >"$f"
shim_file "$f" /bin/echo "$RAN"
check_bad "$f:1: byte-order mark: save the file as UTF-8 without one" "byte-order mark"
bad_file "$H"$'\n\funame = kill' "4: control character 0x0c: .*" "form feed before a rule"
bad_file $'default = allow' "1: \`default\` is outside a section .*" "key outside a section"
bad_file "$H"$'\n[sycalls]' "4: unknown section \\[sycalls\\] \\(expected \\[policy\\], \\[syscalls\\], \\[filesystem\\], \\[network\\] or \\[scope\\]\\)" \
    "unknown section"
bad_file $'[policy]\ndefault = allow\ncolour = blue' "3: unknown key \`colour\` in \\[policy\\] .*" \
    "unknown key"
bad_file $'[policy]\ndefault = allow\ndefault = kill' "3: default is set twice \\(first at line 2\\)" \
    "key set twice"
bad_file $'[policy]\nmode = sandbox' "2: mode must be filter or strict, not \`sandbox\`" "unknown mode"
bad_file $'[policy]\ndefault = allow\nexplain = maybe' "3: explain must be yes, no or all, not \`maybe\`" \
    "explain not a boolean"

# --- names
bad_file "$H"$'\nunmae = kill' "4: unknown syscall \`unmae\` \\(did you mean uname\\?\\)" \
    "unknown syscall, with suggestion"
bad_file "$H"$'\nqqqqzzzz = kill' "4: unknown syscall \`qqqqzzzz\`" "unknown syscall, nothing close"
bad_file "$H"$'\n5000 = kill' "4: syscall number \`5000\` is not a number in 0..1023" \
    "syscall number out of range"
bad_file "$H"$'\nuname = destroy' "4: uname: unknown action .* at \`destroy\` .*" "unknown action"
bad_file $'[policy]\ndefault = nothing' "2: default: unknown action .*" "unknown default action"
bad_file "$H"$'\nuname = errno(EPREM)' "4: uname: unknown constant \\(did you mean EPERM\\?\\) at \`EPREM\` .*" \
    "unknown errno, with suggestion"
bad_file "$H"$'\nuname = errno(5000)' "4: uname: value out of range 0..4095 .*" "errno out of range"

# --- conditions
bad_file "$H"$'\nsocket = errno(EPERM) if arg6 == 1' "4: socket: expected arg0 .. arg5 at \`arg6\` .*" \
    "argument beyond arg5"
bad_file "$H"$'\nsocket = errno(EPERM) if arg0 === 1' "4: socket: expected a value at \`=\` .*" \
    "bad operator"
bad_file "$H"$'\nsocket = errno(EPERM) if arg0 == 0x' "4: socket: not a number .* at \`0x\` .*" \
    "bad number"
bad_file "$H"$'\nsocket = errno(EPERM) if arg0 == 1 &&' "4: socket: expected arg0 .. arg5 at the end .*" \
    "dangling &&"
bad_file "$H"$'\nsocket = errno(EPERM) arg0 == 1' "4: socket: .*" "condition without if"

# --- conflicts name both lines
bad_file "$H"$'\nuname = kill\ngetpid = allow\nuname = errno(EPERM)' \
    "6: uname = errno\\(1\\) conflicts with uname = kill_process at .*:4" \
    "two unconditional rules, different actions"
bad_file "$H"$'\nsocket = errno(EPERM) if arg0 == 2\nsocket = kill' \
    "4: conditional rule for socket can never apply: the unconditional rule at .*:5 .*" \
    "a conditional rule shadowed by an unconditional one"
bad_file "$H"$'\nsocket = errno(EPERM) if arg0 == 2\nsocket = kill if arg0 == 2' \
    "5: socket has the same conditions as the rule at .*:4 with another action" \
    "same conditions, different actions"

# --- mode rules
bad_file $'[policy]\nmode = strict\ndefault = allow' "3: strict mode takes no default action" \
    "strict mode with a default"
bad_file $'[policy]\nmode = strict\n[syscalls]\nread = allow' "4: strict mode takes no \\[syscalls\\] rules" \
    "strict mode with rules"
bad_file $'[policy]\n[syscalls]\nread = allow' " no default action: .*" "filter mode without default"
bad_file $'[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = trap' \
    "5: trap cannot be used with explain = yes .*" "trap with explain"
shim_file "$ROOT/conf/strict.ini" "$PROGS/prethread"
check_bad "strict mode is per-thread and this process already has 2 threads: .*" \
    "strict mode in a process with threads"

# --- text that is not a policy
long=$(printf 'x%.0s' {1..200})
bad_file "$H"$'\nuname = kill ; '"$long" \
    "4: line is longer than 198 characters: continue a list on the next lines, each indented" \
    "over-long line"
bad_file "$H"$'\nuname = kill\n  getpid = kill' "5: indented line with \`=\`: .*" "indented line"
f=$TMP/nul.ini
printf '[policy]\ndefault = allow\n[sys\0calls]\n' >"$f"
shim_file "$f" /bin/echo "$RAN"
check_bad "$f:3: NUL byte: this is not a text file" "NUL byte"
f=$TMP/latin1.ini
printf '[policy]\ndefault = allow\n; caf\xe9\n' >"$f"
shim_file "$f" /bin/echo "$RAN"
check_bad "$f:3: line is not valid UTF-8 text" "invalid UTF-8"
f=$TMP/empty.ini
: >"$f"
shim_file "$f" /bin/echo "$RAN"
check_bad "$f: no default action: .*" "empty file"
f=$TMP/huge.ini
{
    printf '%s\n' "$H"
    head -c $((1024 * 1024 + 10)) /dev/zero | tr '\0' ';'
} >"$f"
shim_file "$f" /bin/echo "$RAN"
check_bad "$f: policy is larger than 1 MiB" "a file over 1 MiB"
head -c 4096 /dev/urandom >"$TMP/garbage.ini"
shim_file "$TMP/garbage.ini" /bin/echo "$RAN"
is "$STATUS" 125 "binary garbage: exit status 125"
unlike "$OUT" "$RAN" "binary garbage: the program never ran"

# --- inline text is named <inline>
shim_ini "$H"$'\nunmae = kill' /bin/echo "$RAN"
check_bad "<inline>:4: unknown syscall \`unmae\` \\(did you mean uname\\?\\)" "inline policy error"
shim_ini '' /bin/echo "$RAN"
check_bad "<inline>: no default action: .*" "empty inline policy"

done_testing
