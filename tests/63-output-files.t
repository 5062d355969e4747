#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every file the command writes with -o (compile, export, import, learn, merge,
# from-strace) is replaced atomically (a new file renamed over OUT: a hard
# link to the old OUT keeps the old content), gets 0644 & ~umask (never
# group- or world-writable: a sandbox trusts it), and -o /dev/null works.
. "$(dirname "$0")/lib.sh"
C=$ROOT/conf
printf '%s\n' '1234  uname({sysname="Linux", ...}) = 0' '1234  exit_group(0) = ?' \
    '1234  +++ exited with 0 +++' >"$TMP/trace"

write() { # write NAME OUT: the command NAME writing OUT
    case $1 in
    compile) "$CLI" compile -o "$2" "$C/deny-uname.ini" ;;
    export) "$CLI" export --format oci -o "$2" "$C/deny-uname.ini" ;;
    import) "$CLI" import -o "$2" "$ROOT/tests/data/docker-default-seccomp.json" ;;
    learn) # all but learn's summary line (tests/55-learn-append-merge.t checks it)
        "$CLI" learn -o "$2" -- true 2>"$TMP/learn.err"
        local s=$?
        grep -v '^seccomp-shim: learned [0-9]* syscalls\? from ' "$TMP/learn.err" >&2
        return $s
        ;;
    from-strace) "$CLI" from-strace -o "$2" "$TMP/trace" ;;
    merge) "$CLI" merge -o "$2" "$C/stdio-only.ini" "$C/stdio-only.ini" ;;
    esac
}

for cmd in compile export import learn from-strace merge; do
    out=$TMP/$cmd.out
    echo old >"$out"
    ln "$out" "$TMP/$cmd.link"
    run write $cmd "$out"
    is "$STATUS:$(grep -v ": warning: " <<<"$ERR")" "0:" "$cmd -o: written (warnings at most: import names the syscalls it leaves out)"
    is "$(cat "$TMP/$cmd.link")" old "$cmd -o: OUT replaced by a new file, not rewritten in place"
    [ -s "$out" ] && ! cmp -s "$out" "$TMP/$cmd.link"
    ok $? "$cmd -o: OUT has the new content"
    rm -f "$out"
    (umask 002 && write $cmd "$out") 2>/dev/null
    is "$(stat -c %a "$out")" 644 "$cmd -o under umask 002: 644, not group-writable"
    rm -f "$out"
    (umask 077 && write $cmd "$out") 2>/dev/null
    is "$(stat -c %a "$out")" 600 "$cmd -o under umask 077: 600, the umask is honoured"
    run write $cmd /dev/null
    is "$STATUS:$(grep -v ": warning: " <<<"$ERR")" "0:" "$cmd -o /dev/null: written in place"
    is "$(ls -A "$TMP" | grep -c '^\.')" 0 "$cmd: no temporary file left"
done

done_testing
