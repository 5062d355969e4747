#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The tree says where things live (preload/README.md, docs/design.md "The source tree"), and
# the guest's rules that a reader can check in the source are checked here.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

for d in engine preload cli include; do
    [ -d "$d" ]
    ok $? "$d/ exists"
done
is "$(ls include)" "$(printf '%s\n' seccomp-shim-bpf.h seccomp-shim-contract.h seccomp-shim-landlock.h seccomp-shim.h |
    while read -r h; do [ -e "include/$h" ] && echo "$h"; done)" \
    "include/ holds only the public headers"
[ -e include/seccomp-shim.h ] && [ -e include/seccomp-shim-contract.h ]
ok $? "include/ has the engine's header and the shim<->command contract"

# The engine is engine/: preload/ holds the guest (the constructor and the
# install sequence), nothing that parses or compiles policies.
is "$(ls preload/*.c | xargs -n1 basename | tr '\n' ' ')" \
    "explain.c explain_decode.c explain_table.c install.c landlock.c learn.c marker.c plan.c probe.c shim.c " \
    "preload/ holds only the guest's files"
is "$(grep -l 'seccomp_rule_add\|ini_parse' preload/*.c cli/*.c cli/learn/*.c 2>/dev/null)" "" \
    "libseccomp rules and inih are called from engine/ only"

# Nothing outside engine/ includes an engine-private header (unit tests may).
private=$(cd engine && ls ./*.h | xargs -n1 basename)
users=$(for h in $private; do grep -ln "#include \"$h\"" preload/* cli/* cli/learn/* bench/* 2>/dev/null; done)
is "$users" "" "no file in preload/, cli/ or bench/ includes an engine-private header"
is "$(grep -ln '#include "guest.h"\|#include "cli.h"' engine/* 2>/dev/null)" "" \
    "the engine includes neither the guest's nor the command's headers"

# Learning (learn, from-strace, and the notifying supervisor run --complain and
# run --explain borrow) is cli/learn/; no other part of the tree uses it.
is "$(ls cli/*.[ch] | xargs -n1 basename |
    grep -E '^(cmd_learn|cmd_from_strace|learn|generalize|tally|policy_writer|supervise|strace_parse)')" "" \
    "learning's files live in cli/learn/, not in cli/"
learn_h=$(cd cli/learn && ls ./*.h | xargs -n1 basename)
[ -n "$learn_h" ] && [ -e cli/learn/cmd_learn.c ] && [ -e cli/learn/learn_spawn.c ]
ok $? "cli/learn/ holds learn's command, its launcher and its headers"
users=$(for h in $learn_h; do
    grep -lE "#include \"(.*/)?$h\"" engine/* preload/* include/* bench/* tests/progs/*.c \
        tests/unit/*.c tests/fuzz/*.c 2>/dev/null
done)
is "$users" "" "nothing outside cli/ includes learning's headers"

# One spelling of the contract: the variable names are string literals only
# in the contract header (comments, docs and tests may name them).
literals=$(grep -n '"[^"]*SECCOMP_SHIM_' engine/* preload/* cli/* cli/learn/* bench/* include/*.h 2>/dev/null |
    grep -v '^include/seccomp-shim-contract.h:')
is "$literals" "" "no SECCOMP_SHIM_ string literal outside the contract header"

# Guest rules that can be read off the source.
stdio=$(grep -nE '\b(printf|fprintf|puts|fputs|fopen|fwrite|stdout|stderr|FILE)\b' preload/*.c |
    grep -v '^\S*:\s*/\?\*')
is "$stdio" "" "the guest uses no stdio stream (messages go out with write(2))"

# The SIGSYS handler is async-signal-safe: it calls only raw syscalls and its
# own formatting helpers.
handler=$(awk '/^static void on_sigsys/,/^}/' preload/explain.c)
[ -n "$handler" ]
ok $? "(the SIGSYS handler is found in preload/explain.c)"
calls=$(printf '%s\n' "$handler" | grep -oE '\b[a-z_][a-z0-9_]*\(' | sort -u | tr -d '(' |
    grep -vxE 'on_sigsys|if|for|while|return|sizeof|switch' | tr '\n' ' ')
is "$calls" "answer_errno default_sigsys put put_num report_decider ss_explain_arg ss_explain_can_read ss_explain_reissue ss_raw_syscall ss_syscall_name " \
    "the SIGSYS handler calls only raw syscalls, stack-buffer formatting and static tables"

# Installing, probing and the handler use the syscall instruction itself, not
# libc wrappers a preloaded library could replace.
wrappers=$(grep -nE '\b(prctl|seccomp|sigaction|syscall)\(' preload/install.c preload/probe.c \
    preload/explain.c preload/shim.c preload/plan.c preload/marker.c | grep -v 'ss_raw_syscall\|^\S*:\s*/\?\*')
is "$wrappers" "" "the shim, install, probe and explain call the kernel through raw_syscall.h only"

# ss_install is the last step: the install sequence returns right after the
# filter call, and the shim's install() does nothing after ss_install.
tail_install=$(awk '/^int ss_install\(/,/^}/' preload/install.c | grep -v '^\s*/\*' | tail -2 | head -1)
like "$tail_install" 'return ss_install_filter\(' "ss_install ends with the filter call"
shim_tail=$(awk '/^__attribute__\(\(constructor\)\)/,/^}/' preload/shim.c | tail -3 | tr -d ' \n')
is "$shim_tail" "if(ss_install(&how,&err))die(&err);}" "the shim's constructor ends with ss_install"

# One home per idea (issue 21): engine/rule_text.c alone writes action names,
# operators, conditions joined into rules, and seccomp return values as text;
# SS_SYSCALL_SLOTS alone names the syscall bound. Comments are left out.
code_grep() {
    grep -rnE "$1" engine cli preload include --include=*.c --include=*.h |
        grep -v '^engine/rule_text\.c:' | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)'
}
is "$(code_grep '"<="')" "" "only engine/rule_text.c has the operator table"
is "$(code_grep '"(kill_process|kill_thread|trap)"')" "" \
    "only engine/rule_text.c has the action names"
is "$(code_grep '" && "|" if "|" &&"')" "" \
    "only engine/rule_text.c joins conditions into a rule (ss_rule_text, ss_conds_text)"
# Nor does any other file write a rule line as a string of its own: learn,
# complain and audit --suggest go through cli_rule_line (cli/rule_line.c).
# Left out: explain's SIGSYS handler, which must stay async-signal-safe, and
# [policy] settings (default =, tty_inject =), which are not rules.
is "$(code_grep '"(%s|[a-z_0-9]+) = (allow|errno\([A-Z]*\)|kill_process|kill_thread|trap|log|%s)( ;|\\n|"| if arg)|" (if|&&) arg' |
    grep -v '^preload/explain\.c:' | grep -vE '"(default|tty_inject) = ')" "" \
    "only engine/rule_text.c writes a rule line: no policy line composed as a string elsewhere"
is "$(code_grep 'case (SECCOMP_RET_|0x[0-9a-f]+0000U?L?:)')" "" \
    "only engine/rule_text.c turns a seccomp return value into text (ss_ret_format)"
is "$(code_grep '\b(TALLY_NR_MAX|NR_MAX|MAX_NR)\b|\b1023\b')" "" \
    "the syscall bound has one name, SS_SYSCALL_SLOTS"
is "$(code_grep 'cli_wants_help')" "" "no dead cli_wants_help"
# What an argument means has one table, data/syscall-args.txt, generated
# (tools/gen-tables.sh) and read by one file of the engine.
is "$(grep -rl 'syscall_args\.inc\|syscall_arg_kinds\.inc' engine cli preload include)" \
    "engine/syscall_args.c" "one reader of the generated argument table: engine/syscall_args.c"
# Hardening is made when a filter is built, checked or evaluated, never by the
# parser or the model: merge, export and audit see the rules as written.
is "$(grep -rl 'ss_harden(' engine cli preload | sort | tr '\n' ' ')" \
    "engine/compile.c engine/eval.c engine/harden.c engine/internal.h engine/overlap.c engine/tty.c engine/verify.c " \
    "hardening is built by the compiler, verifier and evaluator only, not the parser or the model"
grep -qE '^int ss_compiled_sibling\(struct ss_sibling \*[a-z]*\);' include/seccomp-shim.h
ok $? "ss_compiled_sibling takes one struct, not a list of parameters"

# shim.c is the constructor and its way out; what to install is decided in
# plan.c and marker.c, which tests/unit/startup.c (tests/83) runs too: one
# copy of the start-up sequence.
is "$(grep -oE '^[a-z_].*\b[a-z_0-9]+\(' preload/shim.c | grep -oE '[a-z_0-9]+\($' | tr -d '(' | tr '\n' ' ')" \
    "die seccomp_shim_init " "preload/shim.c defines only die() and the constructor"
is "$(grep -cE '^static [^(]*(;|=)' preload/shim.c)" "0" "preload/shim.c has no file-scope state"
start_calls=$(grep -oE '\bss_(shim_[a-z]+|marker_match)\(' tests/unit/startup.c | sort -u | tr -d '(' | tr '\n' ' ')
is "$start_calls" "ss_marker_match ss_shim_plan ss_shim_source " \
    "tests/unit/startup.c runs the shim's own planning calls"
is "$(grep -cE 'ss_(compiled_parse|compiled_sibling|parse_buffer|compile|source_id)\(' tests/unit/startup.c)" "0" \
    "tests/unit/startup.c makes no engine call of its own on the start-up path"

# What a parse or a compile makes depends on the policy (its architecture,
# ss_policy.arch, given to ss_policy_new) and the options passed to it
# (struct ss_compile_options), not on settings of the process: no mutable
# variable at file scope in engine/, no process-wide target architecture
# (names, groups and constants take theirs: issue 21), and libseccomp's API
# level is set only by the compile, from its options.
globals=$(grep -nE '^(static )?(_Thread_local )?(unsigned |signed |struct |enum |bool|int|char|size_t|uint|long|double)[^(]*(;|=)' \
    engine/*.c | grep -v 'const \|^engine/[a-z_]*\.c:[0-9]*:enum [a-z_]* *{' | cut -d: -f1,3)
is "$globals" "" "engine/ keeps no parse or compile setting in a file-scope variable"
is "$(grep -rnE 'ss_arch_(set_)?target|_Thread_local|__thread' include/ engine/ preload/ cli/)" "" \
    "no process-wide (or per-thread) target architecture: each call is given its own"
# engine/ answers for the policy's architecture: the machine's (native.c's
# wrappers) only where a caller asks for it by name (ss_arch_native()).
is "$(grep -c '#pragma GCC poison ss_syscall_name ' engine/internal.h)" "1" \
    "engine/internal.h forbids the native-architecture wrappers inside engine/"
is "$(grep -l '#include "internal.h"' engine/native.c)" "" "engine/native.c (the wrappers) does not see internal.h"
is "$(grep -ln 'seccomp_api_set(' engine/*.c preload/*.c cli/*.c cli/learn/*.c)" "engine/compile.c" \
    "libseccomp's API level is set by the compile, from its options, only"

# Every source file the project wrote names its licence (tools/add-spdx.sh).
missing=$(sh tools/add-spdx.sh --check 2>&1)
is "$missing" "" "every source file has its SPDX-License-Identifier line"

done_testing
