#!/bin/sh
# Generates the engine's tables from the system headers at build time, so no
# number is typed by hand: syscall names of x86_64 and i386, and the symbolic
# constants a policy may use (errno names, and the families in constants.list).
# Usage: gen-tables.sh CC OUTDIR
set -eu
cc=$1
out=$2
here=$(dirname "$0")
mkdir -p "$out"

syscalls() { # header -> "[nr] = "name"," lines
    echo "#include <$1>" | $cc -E -dM - |
        awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ {
                 sub("^__NR_", "", $2); printf "[%s] = \"%s\",\n", $3, $2 }' |
        sort -t'[' -k2 -n
}
syscalls asm/unistd_64.h >"$out/syscalls_x86_64.inc.tmp"
syscalls asm/unistd_32.h >"$out/syscalls_i386.inc.tmp"

# constants.list: one line per family, "HEADER... : REGEX" (see the file).
{
    grep -v '^#' "$here/constants.list" | sed -n 's/^\(.*\):.*$/\1/p' | tr ' ' '\n' |
        grep . | sort -u | sed 's/.*/#include <&>/'
} >"$out/constants-headers.h.tmp"
grep -v '^#' "$here/constants.list" | sed -n 's/^.*:[[:space:]]*//p' | grep . >"$out/constants.re"
$cc -E -dM -x c "$out/constants-headers.h.tmp" |
    awk '$1 == "#define" && $2 !~ /\(/ && NF >= 3 { print $2 }' |
    grep -E -x -f "$out/constants.re" | sort -u >"$out/constants.names"
# Keep only the names that are integer constant expressions: probe them all at
# once and drop those the compiler rejects, until the probe compiles.
: >"$out/constants.bad"
for attempt in 1 2 3 4 5 6 7 8; do
    grep -v -x -F -f "$out/constants.bad" "$out/constants.names" >"$out/constants.ok" || true
    {
        cat "$out/constants-headers.h.tmp"
        awk '{ printf "_Static_assert(__builtin_constant_p((long long)(%s)), \"%s\");\n", $1, $1 }' "$out/constants.ok"
    } >"$out/probe.c"
    if $cc -fsyntax-only -w "$out/probe.c" 2>"$out/probe.err"; then
        break
    fi
    sed -n 's/.*error: .*"\([A-Za-z0-9_]*\)".*/\1/p; s/^[^:]*:\([0-9]*\):[0-9]*: error.*/@\1/p' "$out/probe.err" |
        while read -r tok; do
            case $tok in
            @*) n=${tok#@}; h=$(wc -l <"$out/constants-headers.h.tmp");
                sed -n "$((n - h))p" "$out/constants.ok" | sed 's/.*(\([A-Za-z0-9_]*\)).*/\1/' ;;
            *) echo "$tok" ;;
            esac
        done | grep . >>"$out/constants.bad" || true
done
awk '{ printf "{\"%s\", (long long)(%s)},\n", $1, $1 }' "$out/constants.ok" >"$out/constants.inc.tmp"
mv "$out/constants-headers.h.tmp" "$out/constants_headers.h.tmp"

for f in syscalls_x86_64.inc syscalls_i386.inc constants.inc constants_headers.h; do
    mv "$out/$f.tmp" "$out/$f"
done
rm -f "$out/probe.c" "$out/probe.err" "$out/constants.re"
