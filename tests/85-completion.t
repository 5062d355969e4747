#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Shell completions (completions/): bash's, driven as bash-completion drives
# it (COMP_WORDS, COMP_CWORD, then COMPREPLY); zsh's checked for syntax and,
# through zsh's own completion system, for the same answers when zsh is there.
. "$(dirname "$0")/lib.sh"

# A policy folder found by name, as $XDG_CONFIG_HOME/seccomp-shim.
mkdir -p "$TMP/config/seccomp-shim" "$TMP/work"
cp "$ROOT/conf/docker-default.ini" "$TMP/config/seccomp-shim/"
cp "$ROOT/conf/deny-uname.ini" "$TMP/config/seccomp-shim/"
touch "$TMP/work/local.ini" "$TMP/work/profile.json"

# complete WORD...: what bash completes for the last WORD (one per line, sorted).
complete_bash() {
    (cd "$TMP/work" && XDG_CONFIG_HOME=$TMP/config PATH="$B:$PATH" bash -c '
        . "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
        _seccomp_shim
        printf "%s\n" "${COMPREPLY[@]}"' bash "$ROOT/completions/seccomp-shim.bash" "$@" 2>&1) |
        LC_ALL=C sort -u
}

bash -n "$ROOT/completions/seccomp-shim.bash"
ok $? "the bash completion parses"
is "$(complete_bash seccomp-shim ch)" "check" "seccomp-shim ch<TAB>: check"
is "$(complete_bash seccomp-shim run -p dock)" "docker-default" \
    "seccomp-shim run -p dock<TAB>: the policy name from the search path"
out=$(complete_bash seccomp-shim run -p '')
has_line "$out" deny-uname "run -p <TAB>: policy names ..."
has_line "$out" docker-default "run -p <TAB>: ... every one"
has_line "$out" local.ini "run -p <TAB>: and .ini files"
no_line "$out" profile.json "run -p <TAB>: not other files"
is "$(complete_bash seccomp-shim check lo)" "local.ini" "check lo<TAB>: a policy file"
is "$(complete_bash seccomp-shim run --q)" "--quiet" "run --q<TAB>: an option, from run --help"
is "$(complete_bash seccomp-shim check --)" $'--arch\n--help\n--json\n--verbose\n--werror' "check --<TAB>: check's options"
is "$(complete_bash seccomp-shim syscalls unam)" "uname" "syscalls unam<TAB>: a syscall name"
is "$(complete_bash seccomp-shim syscalls @ai)" "@aio" "syscalls @ai<TAB>: a group"
is "$(complete_bash seccomp-shim export -f o)" "oci" "export -f o<TAB>: a format"
is "$(complete_bash seccomp-shim import pro)" "profile.json" "import pro<TAB>: a JSON profile"
is "$(complete_bash seccomp-shim run -p x -- unam)" "uname" "run ... -- unam<TAB>: a program"
is "$(complete_bash seccomp-shim help im)" "import" "help im<TAB>: a command"
# Every command of seccomp-shim --help, none more (help is the completion's own).
commands=$("$CLI" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' | LC_ALL=C sort)
is "$(complete_bash seccomp-shim '' | grep -v '^-' | grep -vx help)" "$commands" \
    "seccomp-shim <TAB>: every command of --help"
is "$(complete_bash seccomp-shim test --j)" "--json" "test --j<TAB>: test's options"
is "$(complete_bash seccomp-shim merge --)" $'--help\n--output' "merge --<TAB>: merge's options"
zcmds=$(sed -n "/^  cmds=(/,/^  )/s/^ *'\([a-z-]*\):.*/\1/p" "$ROOT/completions/_seccomp-shim" | grep -vx help | LC_ALL=C sort)
is "$zcmds" "$commands" "zsh: every command of --help"

# ---- zsh -------------------------------------------------------------------
if ! command -v zsh >/dev/null; then
    echo "# skipped: zsh is not installed"
    done_testing
    exit
fi
zsh -n "$ROOT/completions/_seccomp-shim"
ok $? "the zsh completion parses"
# complete_zsh LINE EXPECTED: types LINE and TAB into an interactive zsh (in a
# pseudo-terminal, zpty) with compinit and the completion function, and polls
# its screen until the line reads EXPECTED (at most 10 s); prints the line.
cat >"$TMP/complete.zsh" <<'ZSH'
setopt extendedglob
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='%% '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; print RE''ADY"
zpty -r z out '*READY*' # waits for compinit
zpty -n -w z "$2"$'\t'
local all screen
for i in {1..100}; do
    while zpty -r -t z out; do all+=$out; done
    screen=${all//$'\e'\[[0-9\;?]#[a-zA-Z]/}
    screen=${screen//$'\a'/}
    [[ $screen == *"$3"* ]] && break
    sleep 0.1
done
print -r -- "${screen##*$'\n'}"
zpty -d z
ZSH
mkdir -p "$TMP/zfunc"
cp "$ROOT/completions/_seccomp-shim" "$TMP/zfunc/"
complete_zsh() {
    (cd "$TMP/work" && XDG_CONFIG_HOME=$TMP/config PATH="$B:$PATH" timeout 30 \
        zsh -f "$TMP/complete.zsh" "$TMP/zfunc" "$1" "$2" 2>&1)
}
for t in "seccomp-shim chec|seccomp-shim check " "seccomp-shim run -p dock|seccomp-shim run -p docker-default" \
    "seccomp-shim check --we|seccomp-shim check --werror" "seccomp-shim syscalls @ai|seccomp-shim syscalls @aio"; do
    line=${t%%|*} want=${t#*|}
    like "$(complete_zsh "$line" "$want")" "$want" "zsh: $line<TAB> completes to ${want#seccomp-shim }"
done
done_testing
