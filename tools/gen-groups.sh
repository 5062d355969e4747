#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Makes data/syscall-groups.txt, the syscall groups (@aio, @mount, ...) a
# policy may name, from three files of data/:
#   systemd-252-groups.txt  systemd 252's groups, the base: every member kept
#   systemd-groups.txt      a newer systemd's groups (tools/import-systemd-groups.sh):
#                           each syscall that is in no group of the base but
#                           @known joins the groups this systemd gives it;
#                           groups the base lacks (@sandbox) come whole;
#                           @known gains the syscalls it names
#   syscall-groups-extra.txt  seccomp-shim's additions, one reason each
# So a group never loses a member, and a syscall newer than systemd 252 is
# where newer systemd puts it. The build turns the result into a C table
# (tools/gen-tables.sh); nothing reads these files at run time.
# Usage: tools/gen-groups.sh [OUTFILE]
set -eu
data=$(dirname "$0")/../data
out=${1:-$data/syscall-groups.txt}
base=$data/systemd-252-groups.txt
newer=$data/systemd-groups.txt
extra=$data/syscall-groups-extra.txt
newer_name=$(sed -n '1s/^# Syscall groups of systemd //p' "$newer")

# Emits "GROUP-INDEX<TAB>KIND<TAB>TEXT" lines (kind 0: the group's name,
# 1: its description, 2: a member, 3: a header comment) for sort to order.
awk -v newer_name="$newer_name" '
    function fail(msg) { print "gen-groups.sh: " msg > "/dev/stderr"; failed = 1; exit 1 }
    function add(g, m, why) {
        if ((g, m) in has) fail(FILENAME ": " g " already has " m)
        has[g, m] = 1; members[g] = members[g] " " m
        if (why != "") notes[++nnotes] = sprintf("#   %-24s -> %-14s %s", m, g, why)
    }
    FNR == 1 { file++ }
    /^#/ || /^[[:space:]]*$/ { next }
    /^@[a-z0-9-]+$/ {
        g = $1
        if ((file, g) in groups) fail(FILENAME ": group " g " defined twice")
        groups[file, g] = 1
        order[file, ++n[file]] = g
        next
    }
    /^    #/ { if (file != 3) { sub(/^    # ?/, ""); help[file, g] = $0 }; next }
    /^    [@a-z0-9_-]+$/ {
        if (g == "") fail(FILENAME ":" FNR ": member outside a group")
        m = $1
        if (file == 1) { add(g, m, ""); if (g != "@known" && m !~ /^@/) grouped[m] = 1 }
        else if (file == 2) { list[g] = list[g] " " m }
        else { if (!(g in members)) fail(FILENAME ": no group " g); add(g, m, "seccomp-shim (syscall-groups-extra.txt)") }
        next
    }
    { fail(FILENAME ":" FNR ": cannot read: " $0) }
    END {
        if (failed) exit 1
        for (i = 1; i <= n[2]; i++) {
            g = order[2, i]
            if (g == "@known") continue
            k = split(list[g], ms, " ")
            fresh = !((1, g) in groups)
            if (fresh) { order[1, ++n[1]] = g; help[1, g] = help[2, g]; members[g] = members[g] "" }
            for (j = 1; j <= k; j++) {
                m = ms[j]
                if (fresh && !((g, m) in has)) add(g, m, "systemd " newer_name " (new group)")
                else if (!fresh && m !~ /^@/ && !(m in grouped) && !((g, m) in has))
                    add(g, m, "systemd " newer_name)
            }
        }
        k = split(list["@known"], ms, " ")
        for (j = 1; j <= k; j++)
            if (!(("@known", ms[j]) in has)) add("@known", ms[j], "")
        for (i = 1; i <= nnotes; i++) printf "0\t3\t%s\n", notes[i]
        for (i = 1; i <= n[1]; i++) {
            g = order[1, i]
            if (g == "@known") continue # last, as systemd lists it
            emit(i, g)
        }
        emit(n[1] + 1, "@known")
    }
    function emit(i, g,    k, ms, j) {
        printf "%d\t0\t%s\n", i, g
        if (help[1, g] != "") printf "%d\t1\t    # %s\n", i, help[1, g]
        k = split(members[g], ms, " ")
        for (j = 1; j <= k; j++) printf "%d\t2\t    %s\n", i, ms[j]
    }
' "$base" "$newer" "$extra" >"$out.tmp"

{
    echo "# Syscall groups: made by tools/gen-groups.sh from data/systemd-252-groups.txt"
    echo "# (systemd 252), data/systemd-groups.txt (systemd $newer_name) and"
    echo "# data/syscall-groups-extra.txt; do not edit, run it again."
    echo "# Format: \"@group\" starts a group, indented lines are its members (syscalls,"
    echo "# or other groups), an indented \"# text\" describes it, lines starting with"
    echo "# \"#\" are comments. Members x86_64 lacks are skipped when a policy uses a group."
    echo "# Members systemd 252 lacks, and where they come from:"
    LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2n -k3,3 "$out.tmp" | cut -f3- |
        awk '/^@/ { print "" } { print }' # a blank line before each group
} >"$out.new"
rm -f "$out.tmp"
mv "$out.new" "$out"
