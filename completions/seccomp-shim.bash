# SPDX-License-Identifier: LGPL-2.1-or-later
# bash completion for seccomp-shim(1). Installed as
# $(PREFIX)/share/bash-completion/completions/seccomp-shim. Options come from
# each command's own --help, so they cannot fall behind the command.

# Policy names: what `seccomp-shim list` finds, in the order it looks.
_seccomp_shim_policies() { # PROG: the names `PROG list` finds, first column
    "$1" list 2>/dev/null | while IFS=" " read -r name _; do printf "%s\n" "$name"; done
}

# Files matching GLOB, and folders (to go on into).
_seccomp_shim_files() { # CUR GLOB
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -X "!$2" -- "$1"))
    [[ $2 == '*.compiled' ]] || COMPREPLY+=($(compgen -d -- "$1")) # the folders once
}

_seccomp_shim() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]} cmd i IFS=$'\n'
    # The commands, from the command's own --help (so none is ever missing).
    local commands
    commands=$("$prog" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')$'\nhelp'
    COMPREPLY=()

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$commands"$'\n--help\n--version' -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    if [[ $cmd == help ]]; then
        ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    # run/learn ... -- CMD ARGS: the program and its arguments.
    for ((i = 2; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == -- ]]; then
            if ((i + 1 == COMP_CWORD)); then
                COMPREPLY=($(compgen -c -- "$cur"))
            else
                compopt -o default 2>/dev/null
            fi
            return
        fi
    done

    case $cmd:$prev in
    run:-p | run:--policy | learn:-p | learn:--policy)
        COMPREPLY=($(compgen -W "$(_seccomp_shim_policies "$prog")" -- "$cur"))
        _seccomp_shim_files "$cur" '*.ini'
        _seccomp_shim_files "$cur" '*.compiled'
        return
        ;;
    *:-o | *:--output)
        _seccomp_shim_files "$cur" '*'
        return
        ;;
    run:--landlock)
        COMPREPLY=($(compgen -W $'required\nbest-effort' -- "$cur"))
        return
        ;;
    *:-f | *:--format)
        COMPREPLY=($(compgen -W $'bpf\npfc\noci' -- "$cur"))
        return
        ;;
    learn:-d | learn:--default | from-strace:-d | from-strace:--default)
        COMPREPLY=($(compgen -W $'kill_process\nkill_thread\nkill\ntrap\nlog\nallow\nerrno(EPERM)\nerrno(ENOSYS)' -- "$cur"))
        return
        ;;
    syscalls:-a | syscalls:--arch)
        COMPREPLY=($(compgen -W $'x86_64\naarch64\nx86\narm' -- "$cur"))
        return
        ;;
    test:--arch)
        COMPREPLY=($(compgen -W $'x86_64\naarch64\ni386\nx32\narm' -- "$cur"))
        return
        ;;
    *:-a | *:--arch)
        COMPREPLY=($(compgen -W $'x86_64\naarch64' -- "$cur"))
        return
        ;;
    import:-c | import:--cap)
        COMPREPLY=($(compgen -W "$(sed -n 's/^#define \(CAP_[A-Z_]*\) .*/\1/p' /usr/include/linux/capability.h 2>/dev/null)" -- "$cur"))
        return
        ;;
    ps:-p | ps:--pid | audit:-p | audit:--pid)
        COMPREPLY=($(compgen -W "$(ls /proc 2>/dev/null | grep -E '^[0-9]+$')" -- "$cur"))
        return
        ;;
    run:-i | run:--ini)
        return
        ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$("$prog" "$cmd" --help 2>/dev/null |
            grep -oE -- '(^|[ ,[(|])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ,[(|]//' | sort -u)" -- "$cur"))
        [[ $cmd == run || $cmd == learn ]] && COMPREPLY+=($(compgen -W -- -- "$cur"))
        return
    fi
    case $cmd in
    check | export | compile | test | merge)
        COMPREPLY=($(compgen -W "$(_seccomp_shim_policies "$prog")" -- "$cur"))
        _seccomp_shim_files "$cur" '*.ini'
        _seccomp_shim_files "$cur" '*.compiled'
        ;;
    syscalls)
        if [[ $cur == @* ]]; then
            COMPREPLY=($(compgen -W "$("$prog" syscalls --groups 2>/dev/null | awk '{ print $1 }')" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$("$prog" syscalls 2>/dev/null | awk '{ print $1 }')" -- "$cur"))
        fi
        ;;
    import) _seccomp_shim_files "$cur" '*.json' ;;
    scan) # a program: a command name, or a file
        COMPREPLY=($(compgen -c -- "$cur"))
        _seccomp_shim_files "$cur" '*'
        ;;
    audit | from-strace) _seccomp_shim_files "$cur" '*' ;;
    esac
}
complete -F _seccomp_shim seccomp-shim
