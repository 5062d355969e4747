#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The examples of README.md and docs/ marked `<!-- runnable -->` run against
# the build tree and do what the documents say: exit status and, where shown,
# output (tests/tools/doc-examples.py says how to mark them).
. "$(dirname "$0")/lib.sh"

docs=("$ROOT/README.md" "$ROOT"/docs/*.md)
n=0
while IFS=$'\t' read -r result where why; do
    n=$((n + 1))
    if [ "$result" = ok ]; then ok 0 "$where"; else
        ok 1 "$where"
        { echo "#   $why" | head -c 3000; echo; } >&2
    fi
done < <("$PY" "$ROOT/tests/tools/doc-examples.py" "$ROOT" "$B" "$TMP" "${docs[@]}")
[ "$n" -ge 10 ]
ok $? "at least 10 runnable examples ($n)"
done_testing
