#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim run refuses, with 126 and a reason, every program LD_PRELOAD
# would silently not reach: each of these would otherwise run unsandboxed.
. "$(dirname "$0")/lib.sh"

ALLOW=$'[policy]\ndefault = allow'
DENY_UNAME=$ROOT/conf/deny-uname.ini

refused() { # refused WHAT REASON-REGEX CMD...
    local what=$1 reason=$2
    shift 2
    run "$CLI" run -p "$DENY_UNAME" -- "$@"
    is "$STATUS" 126 "refuses $what: 126"
    like "$ERR" "refusing to run .*$reason" "refuses $what: says why"
    like "$ERR" "--direct" "refuses $what: suggests --direct"
    is "$OUT" "" "refuses $what: nothing ran"
}

# The static program is really reached by nothing: without run it calls
# uname happily even with the shim preloaded by hand.
shim_file "$DENY_UNAME" "$PROGS/static-uname"
is "$OUT" "static uname: Linux" "LD_PRELOAD alone does not sandbox a static program"
refused "a static executable" "statically linked" "$PROGS/static-uname"
refused "an i386 executable" "32-bit i386" "$PROGS/i386-exit"

cp "$(command -v uname)" "$TMP/uname-suid" && chmod u+s "$TMP/uname-suid"
refused "a setuid executable" "set-user-ID" "$TMP/uname-suid"
cp "$(command -v uname)" "$TMP/uname-sgid" && chmod g+s "$TMP/uname-sgid"
refused "a setgid executable" "set-group-ID" "$TMP/uname-sgid"

# File capabilities (struct vfs_cap_data v2: cap_net_raw, effective).
cp "$(command -v uname)" "$TMP/uname-cap"
if "$PY" -c 'import os, struct, sys
os.setxattr(sys.argv[1], "security.capability", struct.pack("<5I", 0x02000001, 1 << 13, 0, 0, 0))' \
    "$TMP/uname-cap" 2>/dev/null; then
    refused "an executable with file capabilities" "file capabilities" "$TMP/uname-cap"
else
    echo "# skipped: cannot set security.capability here (not root?)"
fi

# Scripts are judged by their interpreter, including through env.
printf '#!%s\n' "$PROGS/static-uname" >"$TMP/static-script"
chmod +x "$TMP/static-script"
refused "a script with a static interpreter" "static-uname is statically linked" "$TMP/static-script"
mkdir "$TMP/bin" && cp "$PROGS/static-uname" "$TMP/bin/"
printf '#!/usr/bin/env static-uname\n' >"$TMP/env-script"
printf '#!/usr/bin/env -S -u FOO static-uname\n' >"$TMP/env-S-script"
chmod +x "$TMP/env-script" "$TMP/env-S-script"
PATH=$TMP/bin:$PATH refused "#!/usr/bin/env NAME with a static NAME" "statically linked" "$TMP/env-script"
PATH=$TMP/bin:$PATH refused "#!/usr/bin/env -S -u VAR NAME" "statically linked" "$TMP/env-S-script"
printf '#!%s\n' "$TMP/static-script" >"$TMP/nested-script"
chmod +x "$TMP/nested-script"
refused "a script whose interpreter is such a script" "statically linked" "$TMP/nested-script"

# A program interpreter (PT_INTERP) other than the system's loader runs
# instead of it and never loads the shim: here a freestanding one that calls
# uname. Run must refuse the program linked to it.
cat >"$TMP/interp.c" <<'C'
#include <sys/syscall.h>
static long sys3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}
void _start(void)
{
    static const char ran[] = "interp: uname ran\n";
    char u[390];
    if (sys3(SYS_uname, (long)u, 0, 0) == 0)
        sys3(SYS_write, 1, (long)ran, sizeof ran - 1);
    sys3(SYS_exit_group, 0, 0, 0);
}
C
printf 'int main(void) { return 0; }\n' >"$TMP/main.c"
gcc -O1 -nostdlib -static -fno-stack-protector -o "$TMP/interp" "$TMP/interp.c" &&
    gcc -O1 -o "$TMP/own-interp" -Wl,--dynamic-linker="$TMP/interp" "$TMP/main.c" &&
    gcc -O1 -o "$TMP/lib-interp" -Wl,--dynamic-linker=/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
        "$TMP/main.c" && printf '#include <sys/utsname.h>\nint main(void) { struct utsname u; return uname(&u); }\n' \
    >"$TMP/u.c" && gcc -O1 -o "$TMP/lib-interp-uname" \
    -Wl,--dynamic-linker=/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$TMP/u.c"
ok $? "built a program with its own interpreter"
shim_file "$DENY_UNAME" "$TMP/own-interp"
is "$STATUS.$OUT" "0.interp: uname ran" "LD_PRELOAD alone does not sandbox a program with its own interpreter"
refused "a program whose interpreter is not the system loader" "names $TMP/interp as its program interpreter" \
    "$TMP/own-interp"
# The same through a relative interpreter path and through a script.
(cd "$TMP" && gcc -O1 -o rel-interp -Wl,--dynamic-linker=./interp main.c)
cd "$TMP" && refused "a relative interpreter path" "not the system's dynamic loader" ./rel-interp
cd "$ROOT" || exit 1
printf '#!%s\n' "$TMP/own-interp" >"$TMP/own-interp-script" && chmod +x "$TMP/own-interp-script"
refused "a script whose interpreter has its own interpreter" "own-interp names" "$TMP/own-interp-script"
run "$CLI" run --direct -p "$DENY_UNAME" -- "$TMP/own-interp"
is "$STATUS.$OUT" "159." "--direct: a program with its own interpreter is filtered"
# The system loader under another of its names is the system loader.
run "$CLI" run -p "$DENY_UNAME" -- "$TMP/lib-interp"
is "$STATUS.$ERR" "0." "the loader named by its /lib/x86_64-linux-gnu path: runs"
run "$CLI" run -p "$DENY_UNAME" -- "$TMP/lib-interp-uname"
is "$STATUS" 159 "the loader named by its /lib/x86_64-linux-gnu path: the shim is in"

# Neither ELF nor #!: the kernel may hand it to a binfmt_misc interpreter.
printf 'MZ\220\0' >"$TMP/dos.exe" && chmod +x "$TMP/dos.exe"
refused "a file that is neither ELF nor #!" "neither an ELF executable nor a #! script" "$TMP/dos.exe"

# A script whose interpreter is fine still runs.
printf '#!/bin/sh\nuname\n' >"$TMP/ok-script" && chmod +x "$TMP/ok-script"
run "$CLI" run -p "$DENY_UNAME" -- "$TMP/ok-script"
is "$STATUS" 159 "a /bin/sh script runs under the shim"

# The shim itself: never run without it.
if [ -e /usr/local/lib/seccomp-shim/libseccomp-shim.so ]; then
    echo "# skipped: an installed shim in /usr/local would be found"
else
    mkdir "$TMP/alone" && cp "$CLI" "$TMP/alone/"
    run "$TMP/alone/seccomp-shim" run -i "$ALLOW" -- touch "$TMP/ran"
    is "$STATUS" 126 "no shim found: 126"
    like "$ERR" "cannot find libseccomp-shim.so.*refusing to run unsandboxed" "no shim found: says so"
    [ ! -e "$TMP/ran" ]
    ok $? "no shim found: the program did not run"
fi
# The loader splits LD_PRELOAD at spaces and colons.
for dir in "with space" "with:colon"; do
    mkdir "$TMP/$dir" && cp "$CLI" "$SHIM" "$TMP/$dir/"
    run "$TMP/$dir/seccomp-shim" run -i "$ALLOW" -- touch "$TMP/ran"
    is "$STATUS" 126 "shim path $dir: 126"
    like "$ERR" "contains a space or colon" "shim path $dir: says why"
    [ ! -e "$TMP/ran" ]
    ok $? "shim path $dir: the program did not run"
done

# --direct handles what run refuses.
run "$CLI" run --direct -p "$DENY_UNAME" -- "$TMP/static-script"
is "$STATUS" 159 "--direct: a script with a static interpreter is filtered"
run "$CLI" run --direct -p "$DENY_UNAME" -- "$TMP/uname-suid"
is "$STATUS" 159 "--direct: a setuid program is filtered"

done_testing
