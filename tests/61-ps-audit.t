#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim ps and audit: real sandboxed processes and real kernel records,
# plus a saved sample log with truncated and hostile lines.
. "$(dirname "$0")/lib.sh"

# ---- ps -----------------------------------------------------------------
env SECCOMP_SHIM_POLICY="$ROOT/conf/deny-uname.ini" LD_PRELOAD="$SHIM" sleep 30 &
filter_pid=$!
mkfifo "$TMP/fifo"
env SECCOMP_SHIM_POLICY="$ROOT/conf/strict.ini" LD_PRELOAD="$SHIM" "$PROGS/strict_read" <"$TMP/fifo" &
strict_pid=$!
exec 3>"$TMP/fifo" # the reader blocks in read(0) until we close it
# wait until both have installed their filters (no timing: poll /proc)
for _ in $(seq 200); do
    grep -q '^Seccomp:.*2' /proc/$filter_pid/status 2>/dev/null &&
        grep -q '^Seccomp:.*1' /proc/$strict_pid/status 2>/dev/null && break
    sleep 0.05
done
run "$CLI" ps
is "$STATUS" 0 "ps exits 0"
like "$OUT" "^ *PID +MODE +FILTERS +SHIM +POLICY +COMMAND" "ps prints a header"
line=$(printf '%s\n' "$OUT" | awk -v p=$filter_pid '$1 == p')
like "$line" "^ *$filter_pid +filter +1 +yes +$ROOT/conf/deny-uname.ini +sleep$" \
    "ps: sandboxed sleep with mode, filters, shim and policy"
line=$(printf '%s\n' "$OUT" | awk -v p=$strict_pid '$1 == p')
like "$line" "^ *$strict_pid +strict +- +yes +$ROOT/conf/strict.ini +.*strict_read$" \
    "ps: a process in strict mode"
unlike "$OUT" "^ *$$ " "ps: the unsandboxed test shell is not listed"
exec 3>&-
kill $filter_pid 2>/dev/null
wait $filter_pid $strict_pid 2>/dev/null
run "$CLI" ps extra
is "$STATUS" 2 "ps: an argument is a usage error"

# ---- audit: the saved sample ---------------------------------------------
S=$ROOT/tests/data/audit-sample.log
run "$CLI" audit "$S"
is "$STATUS" 0 "audit of the sample exits 0"
row() { printf '%s\n' "$OUT" | awk -v p="$1" '$2 == p || $3 == p'; }
like "$(row 18022)" "uname +uname \(63\) +kill_process +SIGSYS +/usr/bin/uname$" "kill_process record"
like "$(row 17279)" "exit \(i386 1\) +kill_process" "i386 record decoded with the i386 table"
like "$(row 9220)" "\? \(x32 39\) +kill_process" "x32 record marked x32"
like "$(row 11185)" "exit_group \(231\) +strict +SIGKILL" "strict-mode kill"
like "$(row 18433)" "uname \(63\) +kill_thread +SIGSYS" "kill_thread record"
like "$(row 18146)" "uname \(63\) +errno +-" "errno record (the kernel masks the value)"
like "$(row 18147)" "errno\(EPERM\) " "audit.log type=SECCOMP record with its errno, as a policy writes it"
like "$(row 18211)" "uname \(63\) +log +-" "log record"
like "$(row 18277)" "uname \(63\) +trap" "trap record"
like "$(row 18023)" "uname \(63\) +kill_process" "/dev/kmsg-format record"
# An aarch64 record (an ARM machine's log read here): aarch64's table names it.
grep 'pid=18022 ' "$S" | sed 's/pid=18022 /pid=18999 /; s/arch=c000003e syscall=63 /arch=c00000b7 syscall=160 /' \
    >"$TMP/aarch64.log"
run "$CLI" audit "$TMP/aarch64.log"
like "$(row 18999)" "uname \(aarch64 160\) +kill_process" "aarch64 record decoded with the aarch64 table"
run "$CLI" audit --json "$TMP/aarch64.log"
like "$OUT" '"arch": "aarch64"' "--json: arch aarch64"
like "$OUT" '"syscall": "uname"' "--json: the aarch64 syscall's name"
run "$CLI" audit "$S" # the sample again, for the rows below
like "$(row 18148)" "my comm +execve \(59\).*/tmp/a b$" "journal line; hex-encoded comm decoded"
like "$(row 18149)" "\? +\? +\? +\? +\?$" "truncated record: fields shown as ?"
unlike "$OUT" $'\033' "no terminal escape from a hostile comm reaches the output"
like "$(row 18150)" "\?\[31mred" "hostile comm printed escaped"
is "$(printf '%s\n' "$OUT" | wc -l)" 16 "one line per record plus the header; other lines ignored"
run "$CLI" audit -p 17279 "$S"
is "$(printf '%s\n' "$OUT" | wc -l):$STATUS" "2:0" "audit -p keeps one process's records"
printf 'nothing here\n' >"$TMP/empty.log"
run "$CLI" audit "$TMP/empty.log"
is "$STATUS" 1 "no records: exit 1"
like "$ERR" "no seccomp audit records" "no records: said"
head -c 3000 /dev/urandom >"$TMP/garbage.log"
printf 'type=1326 audit(\n' >>"$TMP/garbage.log"
run "$CLI" audit "$TMP/garbage.log"
ok "$((STATUS > 1))" "binary garbage does not crash audit"
run "$CLI" audit -p x "$S"
is "$STATUS" 2 "audit -p x: usage error"

# ---- audit: a real record from the kernel log ---------------------------
# Records are rate-limited (printk_ratelimit: 10 lines per 5 s, which earlier
# tests may have used up): try kills for over 5 s and look for one of our pids.
# pid_max may be 32768 (it is on CI): after a few thousand processes an older
# uname kill can carry the same pid, so only records from now on count (two
# seconds of slack for the log's clock).
pol=$(policy $'[policy]\ndefault = allow\nlog = yes\n[syscalls]\nuname = kill_process')
found=
since=$(($(date +%s) - 2))
for _ in $(seq 12); do
    { sh -c 'echo $$ >"$1"; exec env SECCOMP_SHIM_POLICY="$2" LD_PRELOAD="$3" uname' sh \
        "$TMP/pid" "$pol" "$SHIM" >/dev/null 2>&1; } 2>/dev/null
    pid=$(cat "$TMP/pid")
    run "$CLI" audit -p "$pid" --since "@$since"
    if [ "$STATUS" = 0 ]; then
        found=$OUT
        break
    fi
    sleep 1
done
like "$found" "^ *[0-9-]+ [0-9:]+ +$pid +uname +uname \(63\) +kill_process +SIGSYS +/usr/bin/uname" \
    "audit decodes the kill of a process we started, from the kernel log"

done_testing
