#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Imports the syscall groups of a systemd source tree into
# data/systemd-groups.txt: the group names, descriptions and member lists of
# syscall_filter_sets[] in src/shared/seccomp-util.c, and for @known the names
# of the syscall list that systemd's build includes there. Only these lists
# (facts about which syscall belongs where) are kept, no systemd code.
# tools/gen-groups.sh then places every syscall systemd 252 predates in the
# groups the imported systemd gives it. Review the diff, commit both files.
# Usage: [SYSTEMD_URL=URL] tools/import-systemd-groups.sh SYSTEMD-GIT-DIR [REV [OUTFILE]]
#   e.g. tools/import-systemd-groups.sh ~/src/systemd v260
# SYSTEMD_URL names where the clone came from (default: systemd's own).
set -eu
git=$1
rev=${2:-HEAD}
out=${3:-$(dirname "$0")/../data/systemd-groups.txt}
commit=$(git -C "$git" rev-parse --verify "$rev^{commit}")
described=$(git -C "$git" describe --tags "$commit" 2>/dev/null || echo "$commit")
date=$(git -C "$git" show -s --format=%cs "$commit")
url=${SYSTEMD_URL:-https://github.com/systemd/systemd}
src=src/shared/seccomp-util.c
# The list @known includes moved over the years; take the first that exists.
list=
for f in src/include/override/sys/syscall-list.txt src/basic/syscall-list.txt; do
    if git -C "$git" cat-file -e "$commit:$f" 2>/dev/null; then
        list=$f
        break
    fi
done
[ -n "$list" ] || {
    echo "import-systemd-groups.sh: no syscall list in $described" >&2
    exit 1
}

# Every line of the table is either understood or refused: a conditional
# (#if) or a construct this reader does not know must be looked at by a person.
git -C "$git" show "$commit:$src" | awk '
    /^const SyscallFilterSet syscall_filter_sets\[/ { table = 1; next }
    !table { next }
    /^};/ { done = 1; exit }
    {
        line = $0
        if (comment) {
            if (line !~ /\*\//) next
            sub(/^.*\*\//, "", line); comment = 0
        }
        gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, "", line)
        if (line ~ /\/\*/) { sub(/\/\*.*$/, "", line); comment = 1 }
        sub(/[ \t]+$/, "", line)
        if (line ~ /^[ \t]*$/ || line ~ /^[ \t]*\[SYSCALL_FILTER_SET_[A-Z0-9_]+\] = \{$/ ||
            line ~ /^[ \t]*\.value =$/ || line ~ /^[ \t]*\},?$/) next
        if (line ~ /^[ \t]*\.name = "@[a-z0-9-]+",$/) {
            split(line, q, "\""); print q[2]; next
        }
        if (line ~ /^[ \t]*\.help = "[^"\\]*",$/) {
            split(line, q, "\""); print "    # " q[2]; next
        }
        if (line ~ /^[ \t]*"[@a-z0-9_-]+\\0"$/) {
            split(line, q, "\""); sub(/\\0$/, "", q[2]); print "    " q[2]; next
        }
        if (line ~ /^#include "syscall-list\.inc"$/) { print "    <syscall-list>"; next }
        printf "import-systemd-groups.sh: %s:%d: cannot read: %s\n", FILENAME, NR, $0 > "/dev/stderr"
        exit 1
    }
    END { if (!done) { print "import-systemd-groups.sh: no syscall_filter_sets table" > "/dev/stderr"; exit 1 } }
' >"$out.table"

{
    echo "# Syscall groups of systemd $described"
    echo "# (commit $commit of $date,"
    echo "# $url):"
    echo "# the group names, descriptions and members of syscall_filter_sets[] in"
    echo "# $src, and for @known the names of"
    echo "# $list."
    echo "# systemd is LGPL-2.1-or-later; this file holds only its membership lists,"
    echo "# which are data."
    echo "# Made by tools/import-systemd-groups.sh; do not edit, import again."
    echo "# Read by tools/gen-groups.sh, which makes data/syscall-groups.txt. Same"
    echo "# format as data/syscall-groups.txt."
    echo "#"
    git -C "$git" show "$commit:$list" | grep -v '^#' | grep . | sort -u >"$out.list"
    awk -v listfile="$out.list" '
        $0 == "    <syscall-list>" {
            while ((getline name < listfile) > 0) print "    " name
            next
        }
        { print }' "$out.table"
} >"$out.tmp"
rm -f "$out.table" "$out.list"
mv "$out.tmp" "$out"
