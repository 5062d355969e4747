#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Adds "SPDX-License-Identifier: LGPL-2.1-or-later" to every file of the tree
# the project wrote (C, headers, the linker script, shell and Python scripts,
# makefiles, shell completions), in each file's comment style: on line 1, or
# on line 2 after a "#!" or "#compdef" line. Idempotent: a file that names an
# SPDX identifier in its first five lines is left alone, so it can run again
# after a merge. Data and text copied from elsewhere (data/, tests/data/,
# conf/ policies, whose first line names them, tests/bad/ with its line
# numbers, man pages, Markdown, debian/ metadata) are not touched:
# docs/licence.md and debian/copyright state their licences.
# Usage: tools/add-spdx.sh [--check]   (--check: list the files lacking it, exit 1 if any)
set -eu
cd "$(dirname "$0")/.."
tag="SPDX-License-Identifier: LGPL-2.1-or-later"
check=
[ "${1:-}" = --check ] && check=1
missing=0

# The files the project wrote, by path.
while read -r f; do
    case $f in
    data/* | conf/* | tests/data/* | tests/bad/* | tests/fuzz/regressions/* | man/*) continue ;;
    *.c | *.h | *.map) style=c ;;
    *.sh | *.t | *.py | *.bash | completions/* | .ci/run | debian/rules | debian/tests/smoke) style=hash ;;
    Makefile | */Makefile | *.mk) style=hash ;;
    *) continue ;;
    esac
    [ -f "$f" ] || continue
    head -5 "$f" | grep -q 'SPDX-License-Identifier:' && continue
    if [ -n "$check" ]; then
        echo "$f"
        missing=1
        continue
    fi
    if [ $style = c ]; then
        line="/* $tag */"
    else
        line="# $tag"
    fi
    tmp=$f.spdx.$$
    if head -1 "$f" | grep -Eq '^#!|^#compdef'; then
        { head -1 "$f" && echo "$line" && tail -n +2 "$f"; } >"$tmp"
    else
        { echo "$line" && cat "$f"; } >"$tmp"
    fi
    chmod --reference="$f" "$tmp"
    mv "$tmp" "$f"
    echo "$f"
done <<EOF
$(git ls-files)
EOF
exit $missing
