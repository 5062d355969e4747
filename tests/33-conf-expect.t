#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every shipped policy keeps the promises of its comment: each
#   ; Expect: RESULT[, RESULT]...: COMMAND
# line of conf/*.ini is run with `seccomp-shim run -p` (the shipped file).
# RESULT is `works` (status 0), `exits N` (ran to its end with status N),
# `fails` (refused: any status but 0 and 125, which is the policy not
# loading), `status N` (refused with status N; 128+N: killed by signal N),
# `silent` (nothing on stdout) or `says "TEXT"` (TEXT in stdout or stderr).
# COMMAND is shell words: $PROGS is the built tests/progs, ~ a scratch home
# holding .profile; it runs in a scratch folder holding `file` ("hello"),
# with "hello" on standard input and PATH=/usr/bin:/bin.
# Each policy needs at least one line that works and one that is refused.
. "$(dirname "$0")/lib.sh"

export PROGS
H=$TMP/home
W=$TMP/work
export PATH=/usr/bin:/bin

# check FILE COMMAND RESULT...: runs COMMAND under FILE, one test per RESULT.
check() {
    local f=$1 cmd=$2 name r want
    shift 2
    local results=("$@")
    name="$(basename "$f"): $cmd"
    rm -rf "$H" "$W" && mkdir -p "$H" "$W" && echo hello >"$W/file" && echo 'PS1=$ ' >"$H/.profile"
    eval "set -- $cmd"
    { (cd "$W" && HOME=$H "$CLI" run -p "$f" -- "$@" >"$TMP/out" 2>"$TMP/err" <<<hello); STATUS=$?; } 2>/dev/null
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
    for r in "${results[@]}"; do
        case $r in
        works) is "$STATUS" 0 "$name: works" || echo "#   stderr: $ERR" ;;
        fails) ok "$([ "$STATUS" != 0 ] && [ "$STATUS" != 125 ]; echo $?)" "$name: fails ($STATUS)" ;;
        status\ * | exits\ *) is "$STATUS" "${r#* }" "$name: $r" || echo "#   stderr: $ERR" ;;
        silent) is "$OUT" "" "$name: prints nothing" ;;
        says\ *)
            want=${r#says \"}
            want=${want%\"}
            ok "$(grep -qF -- "$want" <<<"$OUT$ERR"; echo $?)" "$name: $r" ||
                printf '#   stdout: %s\n#   stderr: %s\n' "$OUT" "$ERR"
            ;;
        esac
    done
}

for f in "$ROOT"/conf/*.ini; do
    works=0 refused=0
    while IFS= read -r line; do
        rest=${line#; Expect: }
        results=()
        while [[ $rest =~ ^(works|fails|silent|status\ [0-9]+|exits\ [0-9]+|says\ \"[^\"]*\")(,\ |:\ )(.*)$ ]]; do
            results+=("${BASH_REMATCH[1]}")
            rest=${BASH_REMATCH[3]}
            [ "${BASH_REMATCH[2]}" = ": " ] && break
        done
        if [ "${#results[@]}" = 0 ] || [ "${BASH_REMATCH[2]:-}" != ": " ]; then
            ok 1 "$(basename "$f"): malformed Expect line: $line"
            continue
        fi
        case " ${results[*]} " in
        *" works "* | *" exits "*) works=1 ;;
        *" fails "*) ;;
        *" says "*) works=1 ;; # its output gets out, even if it is killed after
        esac
        case " ${results[*]} " in *" fails "* | *" status "*) refused=1 ;; esac
        check "$f" "$rest" "${results[@]}"
    done < <(grep '^; Expect: ' "$f")
    ok "$((works == 0 || refused == 0))" "$(basename "$f"): has an Expect line that works and one refused"
done

done_testing
