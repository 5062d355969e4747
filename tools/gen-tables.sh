#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Generates the engine's tables at build time from committed data only, so
# that no number is typed by hand and the tables are the same whatever
# machine builds (x86_64 or aarch64, native or cross): the syscalls of
# x86_64, i386 and aarch64 from data/syscalls-*.txt, the symbolic constants a
# policy may use with their x86_64 values from data/constants-x86_64.txt and
# aarch64's differences from data/constants-aarch64.txt (all made from kernel
# and libc headers by tools/gen-arch-data.sh), and the syscall groups from
# data/syscall-groups.txt (made by tools/gen-groups.sh), and what syscall
# arguments mean from data/syscall-args.txt. No compiler runs and
# no header of the build machine is read.
# Usage: gen-tables.sh OUTDIR
set -eu
export LC_ALL=C
out=$1
here=$(dirname "$0")
data=$here/../data
mkdir -p "$out"

syscalls() { # data files... -> "[nr] = "name"," lines, the first file's name for a number
    grep -h -v '^#' "$@" | awk '!seen[$1]++ { printf "[%s] = \"%s\",\n", $1, $2 }'
}
# The syscalls newer than the headers the data was made from come last.
syscalls "$data/syscalls-x86_64.txt" "$data/syscalls-x86_64-newer.txt" >"$out/syscalls_x86_64.inc.tmp"
syscalls "$data/syscalls-i386.txt" >"$out/syscalls_i386.inc.tmp"
syscalls "$data/syscalls-aarch64.txt" "$data/syscalls-aarch64-newer.txt" >"$out/syscalls_aarch64.inc.tmp"

# A hash index of each table (engine/syscalls.c looks names up in it): 1024
# slots of number + 1 (0: empty), the slot of a name h = h * 31 + byte over
# its bytes (32-bit), taken modulo 1024, the next free one on a collision.
# A name twice keeps its lowest number.
index_slots=1024
index() { # table.inc -> the slots, one a line
    sed 's/^\[\([0-9]*\)\] = "\(.*\)",$/\1 \2/' "$1" | sort -n | awk -v slots="$index_slots" '
    BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }
    !seen[$2]++ {
        h = 0
        for (i = 1; i <= length($2); i++) h = (h * 31 + ord[substr($2, i, 1)]) % 4294967296
        for (k = h % slots; k in slot; k = (k + 1) % slots) ;
        slot[k] = $1 + 1
        if (++n * 2 > slots) { print "gen-tables.sh: a syscall table outgrew its index" > "/dev/stderr"; exit 1 }
    }
    END { for (k = 0; k < slots; k++) printf "%d,\n", slot[k] }'
}
for t in x86_64 i386 aarch64; do
    index "$out/syscalls_$t.inc.tmp" >"$out/syscalls_${t}_index.inc.tmp"
done

# ---- constants ----------------------------------------------------------
# The headers of tools/constants.list, for engine/constants.c.
includes() { # HEADERS... -> #include lines, _GNU_SOURCE first
    echo "#define _GNU_SOURCE"
    for h in "$@"; do echo "#include <$h>"; done
}
families=$(grep -v '^#' "$here/constants.list" | grep ':' || true)
# shellcheck disable=SC2046
includes $(echo "$families" | sed 's/:.*//' | tr ' ' '\n' | grep . | sort -u) \
    >"$out/constants_headers.h.tmp"
# In strcmp order (engine/constants.c searches the table): check it.
grep -v '^#' "$data/constants-x86_64.txt" |
    awk 'NR > 1 && $1 <= last { print "gen-tables.sh: data/constants-x86_64.txt is not sorted at " $1 > "/dev/stderr"; exit 1 }
         { last = $1; printf "{\"%s\", %sLL},\n", $1, $2 }' >"$out/constants.inc.tmp"
# The aarch64 values that differ from x86_64's: {"NAME", value, present}.
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

# ---- what syscall arguments mean ----------------------------------------
# data/syscall-args.txt (its format is in its first lines) -> the kinds'
# constants, [SS_ARG_KIND] = {flags, min, "names"}, and the arguments,
# {"syscall", arg, SS_ARG_KIND, SS_PATH_USE, tight, decides}. A syscall no data file
# names, an unknown kind or use, an argument twice: the build stops.
grep -h -v '^#' "$data"/syscalls-*.txt | awk '{ print $2 }' >"$out/syscall_names.tmp"
awk -v kinds="$out/syscall_arg_kinds.inc.tmp" '
    function die(msg) { print "gen-tables.sh: data/syscall-args.txt:" FNR ": " msg > "/dev/stderr"; exit 1 }
    function ident(s) { s = toupper(s); gsub(/-/, "_", s); return s }
    NR == FNR { syscall[$1] = 1; next }
    /^#/ || /^[[:space:]]*$/ { next }
    $1 == "kind" {
        if (NF < 4 || ($3 != "value" && $3 != "flags" && $3 != "-") || $4 !~ /^(0x[0-9a-f]+|[0-9]+)$/)
            die("not kind NAME value|flags|- MIN [NAMES...]")
        if ($2 in kind) die("kind " $2 " defined twice")
        if (($3 == "-") != (NF == 4)) die("kind " $2 ": names go with value or flags, only")
        kind[$2] = 1
        names = ""
        for (i = 5; i <= NF; i++) names = names (i > 5 ? " " : "") $i
        printf "[SS_ARG_%s] = {%s, %sULL, \"%s\"},\n", ident($2), $3 == "flags" ? "true" : "false", $4, names > kinds
        next
    }
    {
        if (NF < 3 || $2 !~ /^[0-5]$/) die("not SYSCALL ARG KIND [tight] [decides] [USE]")
        if (!($1 in syscall)) die("no architecture has a syscall " $1)
        if (!($3 in kind)) die("kind " $3 " is not defined above")
        if (($1 " " $2) in seen) die($1 " argument " $2 " listed twice")
        seen[$1 " " $2] = 1
        tight = "false"; decides = "false"; use = "LOOKUP"
        for (i = 4; i <= NF; i++)
            if ($i == "tight") { tight = "true"; if (++ntight > 16) die("more than 16 tight arguments: cli/learn/learn.h holds 32 with the learn_conditioned ones") }
            else if ($i == "decides") { decides = "true"; if (d[$1]++) die($1 ": one argument decides, at most") }
            else if ($3 == "path" && $i ~ /^(open|creat|write|exec|create)$/) use = toupper($i)
            else die("unknown word " $i)
        printf "{\"%s\", %s, SS_ARG_%s, SS_PATH_%s, %s, %s},\n", $1, $2, ident($3), use, tight, decides
    }' "$out/syscall_names.tmp" "$data/syscall-args.txt" >"$out/syscall_args.inc.tmp"
rm "$out/syscall_names.tmp"

# Sizes of the name arrays: the tables hold names in fixed-size char arrays,
# not pointers, so that loading the shim relocates none of them.
longest() { grep -ho '"[^"]*"' "$@" | awk '{ if (length($0) - 1 > m) m = length($0) - 1 } END { print m }'; }
{
    echo "#define SS_SYSCALL_NAME_SIZE $(longest "$out/syscalls_x86_64.inc.tmp" "$out/syscalls_i386.inc.tmp" \
        "$out/syscalls_aarch64.inc.tmp")"
    echo "#define SS_SYSCALL_INDEX_SLOTS $index_slots"
    echo "#define SS_CONSTANT_NAME_SIZE $(sed 's/,.*//' "$out/constants.inc.tmp" | longest)"
    echo "#define SS_ARG_NAMES_SIZE $(longest "$out/syscall_arg_kinds.inc.tmp")"
} >"$out/table_sizes.h.tmp"

for f in syscalls_x86_64.inc syscalls_i386.inc syscalls_aarch64.inc syscalls_x86_64_index.inc \
    syscalls_i386_index.inc syscalls_aarch64_index.inc constants.inc \
    constants_aarch64.inc constants_headers.h groups.inc syscall_args.inc syscall_arg_kinds.inc \
    table_sizes.h; do
    mv "$out/$f.tmp" "$out/$f"
done
