# SPDX-License-Identifier: LGPL-2.1-or-later
# TAP helpers for the tests/*.t scripts (bash). Source it first:
#   . "$(dirname "$0")/lib.sh"
# then call the checks and finish with done_testing.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=${SS_BUILD:-$ROOT/build} # make check-sanitize points it at build/san
SHIM=$B/libseccomp-shim.so
CLI=$B/seccomp-shim
PROGS=$B/tests
PY=/usr/bin/python3 # not the pyenv shim on PATH: that is a bash script
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0 # deaths by SIGSYS must not dump core
export LC_ALL=C

# own_32bit_warnings: standard input without check's warnings about an
# imported profile's own 32-bit comparisons: its `!=`/`>` allow rules (which
# "test ... as a 32-bit int"), and podman's two `!=` socket rules, which can
# match a call together with its NETLINK_AUDIT refusal (hardened to the low
# 32 bits, as the kernel reads them) when an upper half is set: the refusal,
# the stricter, then applies, as it should.
own_32bit_warnings() {
    grep -v -e 'as a 32-bit int' \
        -e 'podman-default.ini:[0-9]*: warning: this socket rule (allow) and the one at .*podman-default.ini:[0-9]* (errno(22)) can both match'
}

# The kernel's Landlock ABI (landlock_create_ruleset(NULL, 0, VERSION)):
# negative without Landlock.
landlock_abi() { "$PY" -c 'import ctypes; print(ctypes.CDLL(None).syscall(444, None, 0, 1))'; }

unset SECCOMP_SHIM_POLICY SECCOMP_SHIM_INI SECCOMP_SHIM_ACTIVE SECCOMP_SHIM_WARNINGS LD_PRELOAD

# What a failed check prints goes to standard error: prove shows it without -v,
# so CI's log says why a check failed, not only which.
_n=0
_failed=0

ok() { # ok CONDITION-STATUS NAME: ok $? "name", or: ok "$((a == b))"... use pass/fail
    _n=$((_n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $_n - $2"
    else
        echo "not ok $_n - $2"
        _failed=$((_failed + 1))
    fi
}

skip() { # skip REASON [COUNT]: COUNT checks (1) that cannot mean anything here
    local i
    for ((i = 0; i < ${2:-1}; i++)); do
        _n=$((_n + 1))
        echo "ok $_n # skip $1"
    done
}

# True when this kernel runs i386 code (IA32 emulation, which a kernel may
# leave out or turn off with ia32_emulation=0): int $0x80 from a 64-bit
# process then works. Where it does not, no i386 call can reach a filter.
ia32_works() { "$PROGS/int80" getpid 2>/dev/null | grep -q survived; }

is() { # is GOT EXPECTED NAME
    if [ "$1" = "$2" ]; then
        ok 0 "$3"
    else
        ok 1 "$3"
        printf '#   got:      %s\n#   expected: %s\n' "$1" "$2" | sed 's/^\([^#]\)/#   \1/' >&2
    fi
}

like() { # like GOT EXTENDED-REGEX NAME
    if printf '%s' "$1" | grep -Eq -- "$2"; then
        ok 0 "$3"
    else
        ok 1 "$3"
        printf '#   got:   %s\n#   wanted: /%s/\n' "$1" "$2" | head -20 >&2
    fi
}

unlike() { # unlike GOT EXTENDED-REGEX NAME
    if printf '%s' "$1" | grep -Eq -- "$2"; then
        ok 1 "$3"
        printf '#   got:   %s\n#   unwanted: /%s/\n' "$1" "$2" | head -20 >&2
    else
        ok 0 "$3"
    fi
}

# has_line TEXT REGEX NAME / no_line: whether a whole line of TEXT matches.
has_line() {
    if printf '%s\n' "$1" | grep -Eqx -- "$2"; then ok 0 "$3"; else
        ok 1 "$3"
        echo "#   no line matching /$2/" >&2
    fi
}
no_line() {
    if printf '%s\n' "$1" | grep -Eqx -- "$2"; then
        ok 1 "$3"
        echo "#   a line matches /$2/" >&2
    else ok 0 "$3"; fi
}

# run CMD...: runs it, sets OUT, ERR and STATUS (128+N for a death by signal N).
# (The braces keep bash's "Bad system call" notice out of the TAP output.)
run() {
    { "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; STATUS=$?; } 2>/dev/null
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# shim_ini TEXT CMD...: runs CMD under the shim with policy text TEXT.
shim_ini() {
    local text=$1
    shift
    run env SECCOMP_SHIM_INI="$text" LD_PRELOAD="$SHIM" "$@"
}

# shim_file FILE CMD...: runs CMD under the shim with policy file FILE.
shim_file() {
    local file=$1
    shift
    run env SECCOMP_SHIM_POLICY="$file" LD_PRELOAD="$SHIM" "$@"
}

# policy TEXT: writes TEXT to a fresh file and prints its path.
policy() {
    local f
    f=$(mktemp "$TMP/policy.XXXXXX")
    printf '%s\n' "$1" >"$f"
    echo "$f"
}

# as_nobody: copies of the shim, the command and conf/ in a folder every user
# can read, for checks that drop privileges: a checkout in root's home (mode
# 700) is out of nobody's reach, and a check would fail for that reason alone.
# Sets W_SHIM, W_CLI (beside each other, as installed) and W_CONF; AS_NOBODY
# is the command prefix.
AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
as_nobody_copies() {
    local w=$TMP/world
    mkdir -p "$w/conf"
    cp "$SHIM" "$CLI" "$w/"
    cp "$ROOT"/conf/*.ini "$w/conf/"
    chmod -R a+rX "$w"
    chmod 755 "$TMP"
    W_SHIM=$w/libseccomp-shim.so W_CLI=$w/seccomp-shim W_CONF=$w/conf
}

# True under `make check-sanitize` (SS_BUILD points at build/san): ASan needs
# /proc and its own malloc, so a few checks cannot run there.
sanitized() { case $B in */san) return 0 ;; esac; return 1; }

done_testing() {
    echo "1..$_n"
    [ "$_failed" = 0 ]
}
