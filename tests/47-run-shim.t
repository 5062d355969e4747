#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Issue 11 item 5: `run` refuses (126) a shim the dynamic loader could not
# map, as it refuses a missing one: ld.so only prints "cannot be preloaded
# ... ignored" and runs the program unsandboxed. The command takes the shim
# beside itself, so each case puts a copy of the command next to a bad shim.
. "$(dirname "$0")/lib.sh"

DENY_UNAME=$ROOT/conf/deny-uname.ini

# beside DIR: a folder $TMP/DIR holding a copy of the command.
beside() {
    mkdir "$TMP/$1" && cp "$CLI" "$TMP/$1/"
}

# refused NAME DIR REASON-REGEX: `run` from $TMP/DIR refused uname with 126.
refused() {
    is "$STATUS" 126 "$1: 126"
    like "$ERR" "^seccomp-shim: cannot preload $TMP/$2/libseccomp-shim.so: $3; refusing to run unsandboxed\$" \
        "$1: says why"
    is "$OUT" "" "$1: uname did not run"
}

# Control: a good shim beside a copy of the command.
beside good && cp "$SHIM" "$TMP/good/"
run "$TMP/good/seccomp-shim" run -p "$DENY_UNAME" -- uname
is "$STATUS" 159 "control: the shim beside the command is used"

# On a noexec mount ld.so cannot map it (the command itself is bound in from
# the build folder, which allows exec).
if unshare -m true 2>/dev/null; then
    mkdir "$TMP/nx"
    run timeout 20 unshare -m sh -c "mount -t tmpfs -o noexec none $TMP/nx && cp $SHIM $TMP/nx/ &&
touch $TMP/nx/seccomp-shim && mount --bind $CLI $TMP/nx/seccomp-shim &&
exec $TMP/nx/seccomp-shim run -p $DENY_UNAME -- uname"
    refused "a shim on a noexec mount" nx "it is on a noexec mount"
    # The command finds itself through /proc/self/exe: a tmpfs over /proc
    # must not choose the shim (here one that does nothing).
    if [ -e /usr/local/lib/seccomp-shim/libseccomp-shim.so ]; then
        echo "# skipped: an installed shim in /usr/local would be found"
    else
        mkdir "$TMP/fake" && echo 'int x;' >"$TMP/noop.c"
        cc -shared -fPIC -o "$TMP/fake/libseccomp-shim.so" "$TMP/noop.c"
        run timeout 20 unshare -m sh -c "mount -t tmpfs none /proc && mkdir /proc/self &&
ln -s $TMP/fake/seccomp-shim /proc/self/exe && exec $CLI run -p $DENY_UNAME -- uname"
        if sanitized; then # ASan itself cannot start without a real /proc
            echo "# skipped under the sanitizers: the status (ASan needs /proc)"
        else
            is "$STATUS" 126 "a tmpfs over /proc does not choose the shim: 126"
        fi
        like "$ERR" "cannot find libseccomp-shim.so.*refusing to run unsandboxed" \
            "a tmpfs over /proc: no shim found"
        is "$OUT" "" "a tmpfs over /proc: uname did not run"
    fi
else
    echo "# skipped: unshare -m needs root"
fi

beside dir && mkdir "$TMP/dir/libseccomp-shim.so"
run "$TMP/dir/seccomp-shim" run -p "$DENY_UNAME" -- uname
refused "a folder for a shim" dir "not a regular file"

beside text && echo "not a shared object" >"$TMP/text/libseccomp-shim.so"
run "$TMP/text/seccomp-shim" run -p "$DENY_UNAME" -- uname
refused "a shim that is not ELF" text "not an ELF file"

beside w32 && echo 'int x;' >"$TMP/x.c"
cc -m32 -nostdlib -shared -o "$TMP/w32/libseccomp-shim.so" "$TMP/x.c"
run "$TMP/w32/seccomp-shim" run -p "$DENY_UNAME" -- uname
refused "a 32-bit shim" w32 "a 32-bit ELF file, not x86_64"

# The real shim with e_machine set to aarch64 (183).
beside arm && cp "$SHIM" "$TMP/arm/"
printf '\267\000' | dd of="$TMP/arm/libseccomp-shim.so" bs=1 seek=18 conv=notrunc status=none
run "$TMP/arm/seccomp-shim" run -p "$DENY_UNAME" -- uname
refused "a shim for another machine" arm "an ELF file for another machine \(e_machine 183\), not x86_64"

beside short && head -c 4096 "$SHIM" >"$TMP/short/libseccomp-shim.so"
run "$TMP/short/seccomp-shim" run -p "$DENY_UNAME" -- uname
refused "a truncated shim" short "truncated: .*"

# Unreadable: as nobody (root reads anything); then no shim is found at all.
if [ -e /usr/local/lib/seccomp-shim/libseccomp-shim.so ]; then
    echo "# skipped: an installed shim in /usr/local would be found"
else
    beside unreadable && cp "$SHIM" "$TMP/unreadable/" && chmod 000 "$TMP/unreadable/libseccomp-shim.so"
    as_nobody_copies
    chmod 755 "$TMP/unreadable"
    run "${AS_NOBODY[@]}" "$TMP/unreadable/seccomp-shim" run -p "$W_CONF/deny-uname.ini" -- uname
    is "$STATUS" 126 "an unreadable shim (as nobody): 126"
    like "$ERR" "cannot find libseccomp-shim.so.*refusing to run unsandboxed" \
        "an unreadable shim (as nobody): says so"
    is "$OUT" "" "an unreadable shim (as nobody): uname did not run"
fi

done_testing
