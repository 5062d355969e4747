#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Generates the engine's tables at build time, so no number is typed by hand:
# syscall names of x86_64 and i386 and the symbolic constants a policy may
# use (tools/constants.list) from the system headers, the x86_64 syscalls the
# headers lack from data/syscalls-x86_64-newer.txt, and the syscall groups
# from data/syscall-groups.txt (made by tools/gen-groups.sh); the aarch64
# syscalls and the aarch64 constants that differ from data/*-aarch64*.txt
# (made by tools/gen-arch-data.sh).
# Usage: gen-tables.sh CC OUTDIR
set -eu
export LC_ALL=C # the constants table is in strcmp order (engine/constants.c searches it)
cc=$1
out=$2
here=$(dirname "$0")
data=$here/../data
mkdir -p "$out"

syscalls() { # header -> "[nr] = "name"," lines
    echo "#include <$1>" | $cc -E -dM - |
        awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ {
                 sub("^__NR_", "", $2); printf "[%s] = \"%s\",\n", $3, $2 }' |
        sort -t'[' -k2 -n
}
syscalls asm/unistd_64.h >"$out/syscalls_x86_64.inc.tmp"
# Syscalls newer than these headers, from data/syscalls-x86_64-newer.txt.
grep -v '^#' "$data/syscalls-x86_64-newer.txt" | while read -r nr name; do
    grep -q "^\[$nr\] = " "$out/syscalls_x86_64.inc.tmp" || echo "[$nr] = \"$name\","
done >"$out/syscalls_x86_64.newer"
cat "$out/syscalls_x86_64.newer" >>"$out/syscalls_x86_64.inc.tmp"
rm -f "$out/syscalls_x86_64.newer"
syscalls asm/unistd_32.h >"$out/syscalls_i386.inc.tmp"
# aarch64: committed data (tools/gen-arch-data.sh), so that no cross headers are needed.
grep -h -v '^#' "$data/syscalls-aarch64.txt" "$data/syscalls-aarch64-newer.txt" |
    awk '!seen[$1]++ { printf "[%s] = \"%s\",\n", $1, $2 }' >"$out/syscalls_aarch64.inc.tmp"

# ---- constants ----------------------------------------------------------
# constants.list: one family a line, "HEADERS : REGEX". A family's names are
# the object-like macros its own headers define (so <termios.h>'s ECHO is not
# taken for an errno name); the values are compiled with every header at once.
includes() { # HEADERS... -> #include lines, _GNU_SOURCE first
    echo "#define _GNU_SOURCE"
    for h in "$@"; do echo "#include <$h>"; done
}
families=$(grep -v '^#' "$here/constants.list" | grep ':' || true)
# shellcheck disable=SC2086
includes $(echo "$families" | sed 's/:.*//' | tr ' ' '\n' | grep . | sort -u) \
    >"$out/constants_headers.h.tmp"
: >"$out/constants.names"
echo "$families" | while IFS=: read -r headers regex; do
    regex=$(echo "$regex" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    # shellcheck disable=SC2086
    includes $headers | $cc -E -dM -x c - |
        awk '$1 == "#define" && $2 !~ /\(/ && NF >= 3 { print $2 }' |
        grep -E -x -e "$regex" >>"$out/constants.names" || true
done
sort -u -o "$out/constants.names" "$out/constants.names"

# Keep only the names that are integer constant expressions: each becomes an
# enumerator on its own line of a probe file; drop the names on the lines the
# compiler rejects (pointers such as SIG_DFL, calls such as SIGRTMIN) and
# probe again until it compiles.
cp "$out/constants.names" "$out/constants.ok"
probe=$out/probe.c
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    {
        cat "$out/constants_headers.h.tmp"
        awk '{ printf "enum { ss_probe_%s = (%s) };\n", $1, $1 }' "$out/constants.ok"
    } >"$probe"
    if $cc -std=gnu11 -fsyntax-only -w "$probe" 2>"$out/probe.err"; then
        break
    fi
    if [ "$attempt" = 10 ]; then
        echo "gen-tables.sh: cannot find the integer constants; last errors:" >&2
        cat "$out/probe.err" >&2
        exit 1
    fi
    sed -n "s|^$probe:\([0-9]*\):[0-9]*: error.*|\1|p" "$out/probe.err" | sort -un |
        while read -r n; do
            sed -n "${n}s/^enum { ss_probe_\([A-Za-z0-9_]*\) = .*/\1/p" "$probe"
        done >"$out/constants.bad"
    if [ ! -s "$out/constants.bad" ]; then
        echo "gen-tables.sh: the constants probe fails outside its own lines:" >&2
        cat "$out/probe.err" >&2
        exit 1
    fi
    grep -v -x -F -f "$out/constants.bad" "$out/constants.ok" >"$out/constants.ok.new" || true
    mv "$out/constants.ok.new" "$out/constants.ok"
done
# The values as numbers, read from the compiler's assembly (-S: nothing is
# run), so that the table has these headers' values whatever compiler builds
# the engine (a cross compiler's headers have other ones: constants.c).
{
    cat "$out/constants_headers.h.tmp"
    awk '{ printf "long long ss_v_%s = (long long)(%s);\n", $1, $1 }' "$out/constants.ok"
} >"$probe"
$cc -std=gnu11 -w -O0 -S -o "$out/probe.s" "$probe"
awk -v names="$out/constants.ok" '
     /^ss_v_[A-Za-z0-9_]*:$/ { name = substr($1, 6, length($1) - 6); next }
     name != "" && ($1 == ".quad" || $1 == ".xword") { value[name] = $2; name = ""; next }
     name != "" && $1 == ".zero" { value[name] = 0; name = "" }
     END {
         while ((getline n < names) > 0) {
             if (!(n in value)) { print "gen-tables.sh: no value for " n > "/dev/stderr"; exit 1 }
             printf "{\"%s\", %sLL},\n", n, value[n]
         }
     }' "$out/probe.s" >"$out/constants.inc.tmp"
rm -f "$out/probe.s"
# The aarch64 values that differ from these headers' (data/constants-aarch64.txt,
# made by tools/gen-arch-data.sh): {"NAME", value, present}.
grep -v '^#' "$data/constants-aarch64.txt" |
    awk '$2 == "-" { printf "{\"%s\", 0, false},\n", $1; next }
         { printf "{\"%s\", %sLL, true},\n", $1, $2 }' >"$out/constants_aarch64.inc.tmp"

# ---- syscall groups -----------------------------------------------------
# data/syscall-groups.txt -> {"@name", "description", "member member ..."},
awk '
    function flush() {
        if (name != "") printf "{\"%s\", \"%s\", \"%s\"},\n", name, help, members
        name = ""
    }
    /^#/ || /^[[:space:]]*$/ { next }
    /^@[a-z0-9-]+$/ {
        flush()
        if ($1 in seen) { print "gen-tables.sh: group " $1 " defined twice" > "/dev/stderr"; exit 1 }
        seen[$1] = 1; name = $1; help = ""; members = ""; next
    }
    /^    # / { sub(/^    # /, ""); gsub(/["\\]/, ""); help = $0; next }
    /^    [@a-z0-9_-]+$/ && name != "" { members = members (members == "" ? "" : " ") $1; next }
    { print "gen-tables.sh: cannot read line " NR " of the syscall groups: " $0 > "/dev/stderr"; exit 1 }
    END { flush() }' "$data/syscall-groups.txt" >"$out/groups.inc.tmp"

# Sizes of the name arrays: the tables hold names in fixed-size char arrays,
# not pointers, so that loading the shim relocates none of them.
longest() { grep -ho '"[^"]*"' "$@" | awk '{ if (length($0) - 1 > m) m = length($0) - 1 } END { print m }'; }
{
    echo "#define SS_SYSCALL_NAME_SIZE $(longest "$out/syscalls_x86_64.inc.tmp" "$out/syscalls_i386.inc.tmp" \
        "$out/syscalls_aarch64.inc.tmp")"
    echo "#define SS_CONSTANT_NAME_SIZE $(sed 's/,.*//' "$out/constants.inc.tmp" | longest)"
} >"$out/table_sizes.h.tmp"

for f in syscalls_x86_64.inc syscalls_i386.inc syscalls_aarch64.inc constants.inc \
    constants_aarch64.inc constants_headers.h groups.inc \
    table_sizes.h; do
    mv "$out/$f.tmp" "$out/$f"
done
rm -f "$probe" "$out/probe.err" "$out/constants.bad" "$out/constants.ok"
