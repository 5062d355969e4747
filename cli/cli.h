/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the subcommands of `seccomp-shim` share. Each subcommand lives in
 * cli/cmd_NAME.c and is listed once in cli/main.c. Exit statuses: 0 success,
 * 1 a negative answer or invalid input (check, import, ...), 2 usage error,
 * 125 policy error before running a program, 126 a program we refuse to run,
 * 127 a program that does not exist.
 *
 * Error convention: a helper (anything but cmd_NAME() and main()) returns 0
 * (or a pointer) on success and -1 (or NULL) on failure, after printing its
 * own message with cli_error(); where the caller needs to know why, the
 * reason comes back in an out-parameter (an errno, or a `why` buffer the
 * caller prints), never as an exit status. Helpers never call exit(). Only
 * cmd_NAME() and main() decide the exit status; cli_usage_error() and
 * cli_exec_status() just name the status they return. */
#ifndef SS_CLI_H
#define SS_CLI_H

#include "seccomp-shim-contract.h"
#include "seccomp-shim.h"

#include <stdbool.h>
#include <stdio.h>

#define EXIT_USAGE 2

/* The version (the Makefile's VERSION). */
#ifndef SS_VERSION
#define SS_VERSION "unknown"
#endif

/* Where `make install` puts libseccomp-shim.so (the Makefile passes it). */
#ifndef SS_LIBDIR
#define SS_LIBDIR "/usr/local/lib/seccomp-shim"
#endif

struct command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
    const char *summary;
};

/* "seccomp-shim NAME: MSG" and the --help hint on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* For getopt_long's '?' or ':' (optstrings start with ':', after any '+',
 * and main sets opterr = 0, so getopt prints nothing): "seccomp-shim NAME:
 * unknown option '--x'" or "option '-p' needs an argument" and the hint;
 * returns EXIT_USAGE. */
int cli_option_error(const char *name, int c, char **argv);

/* --arch ARCH (several: a comma-separated list, no repeats, at most
 * SS_ARCH_COUNT) into archs/n: what the command then parses policies for.
 * 0, or the usage error's exit status after printing it. */
int cli_parse_arch(const char *name, const char *arg, bool several, enum ss_arch *archs,
                   unsigned *n);

/* "seccomp-shim: MSG" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints an engine error as "seccomp-shim: FILE:LINE: msg". */
void cli_print_error(const struct ss_error *err);

/* arg quoted for a POSIX shell, in printable ASCII ($'..' escapes the rest):
 * what a generated file may say of a name without a newline breaking out of
 * its comment (cli/policy_writer.c; learn, audit and merge use it). */
void cli_shell_quote(const char *arg, char *buf, size_t size);

/* The value in s[0..len): terms joined by |, each a number (negative: two's
 * complement) or a constant name, as `test` and from-strace read them
 * (value.c). 0, or -1 with why. */
int cli_parse_value(enum ss_arch a, const char *s, size_t len, uint64_t *out, char *why,
                    size_t whysize);

/* What errors call a policy read from standard input. */
#define CLI_STDIN_NAME "<stdin>"

/* Parses a policy file (text == NULL) or text for architecture arch (names,
 * groups and constants resolve for it; ss_arch_native(): this machine's);
 * NULL after printing the error.
 * file "-" is policy text read from standard input (includes relative to the
 * current directory), called <stdin> in errors. */
struct ss_policy *cli_load_policy(enum ss_arch arch, const char *file, const char *text);

/* cli_load_policy of a file, but an engine error goes into *err (when err is
 * not NULL; err->msg is "" for an error already printed, like a read error of
 * standard input) instead of being printed. */
struct ss_policy *cli_load_policy_error(enum ss_arch arch, const char *file, struct ss_error *err);

/* What a policy argument names (ss_policy_resolve_arg) into buf; NULL for a
 * name found nowhere, after printing where it was looked for and the closest
 * name (or, with out given, copying that error there instead). */
const char *cli_policy_arg(const char *arg, char *buf, size_t size, struct ss_error *out);

/* Standard input whole, as policy text (malloc'd): NULL after printing why
 * (read error, NUL byte, over 1 MiB, or read already). */
char *cli_read_stdin_policy(void);

/* Parses policy text that errors call name, for arch; NULL after printing
 * the error. */
struct ss_policy *cli_parse_policy_text(enum ss_arch arch, const char *text, const char *name);

/* Prints the policy's lint warnings as "seccomp-shim: FILE:LINE: warning: msg". */
void cli_print_warnings(const struct ss_policy *p);

/* Absolute path of libseccomp-shim.so: beside this executable (build tree) or
 * in the library folder `make install` used. 0, or -1 when not found. */
int cli_shim_path(char *buf, size_t size);

/* 0 when the dynamic loader can map the shim at path into an x86_64 program
 * (a regular file, not on a noexec mount, an x86_64 ELF64 shared object with
 * its segments in the file); else -1 after printing why, as a refusal to run
 * unsandboxed. */
int cli_check_shim(const char *path);

/* An output file of the command (output.c): "-" or NULL is standard output;
 * any other regular file is replaced atomically when cli_output_close
 * commits it, with mode 0644 & ~umask. */
struct cli_output {
    FILE *f;          /* write here */
    const char *path; /* NULL: standard output */
    char tmp[4096];   /* the temporary file, "" when writing in place */
};

/* 0, or -1 after printing why (nothing is created then). */
int cli_output_open(struct cli_output *o, const char *path);

/* ok: flush, sync and put the file in place; !ok: drop it (OUT is left as it
 * was). 0, or -1 when !ok or after printing why it could not be written. */
int cli_output_close(struct cli_output *o, bool ok);

/* Finds CMD as execvp would (exec_path.c: through PATH unless it has a
 * slash; PATH unset means confstr(_CS_PATH)) and puts its path in out: 0, or
 * -1 with *err set to ENOENT (no such program) or the errno of a match that
 * cannot be executed. cli_find_program prints nothing, cli_resolve_command
 * prints "CMD: command not found" or "CMD: <strerror>". */
int cli_find_program(const char *cmd, char *out, size_t size, int *err);
int cli_resolve_command(const char *cmd, char *out, size_t size, int *err);

/* The exit status for a program that could not be executed with errno err,
 * as a shell gives it: 127 (SS_EXIT_NOTFOUND) for ENOENT, else 126. */
int cli_exec_status(int err);

/* -1 with the reason in why when LD_PRELOAD cannot reach the program at path
 * (static, not x86_64, setuid/setgid, file capabilities; #! scripts judged
 * by their interpreters), else 0. */
int cli_inspect_target(const char *path, char *why, size_t size);

/* How commands that judge or write a filter for something else to install
 * (check, compile, export, test) compile: libseccomp assumes the seccomp
 * features the engine's actions need instead of probing the running kernel
 * with seccomp(2), which a sandbox around the command (or valgrind) may
 * refuse. `run` compiles for this kernel: ss_compile. */
extern const struct ss_compile_options cli_compile_options;

/* --json (json_out.c). jansson's json_t, without its header everywhere. */
struct json_t;
/* Writes root (indented, then a newline) to standard output and frees it; a
 * NULL root is an allocation that failed. 0, or -1 after printing why. */
int cli_json_print(struct json_t *root);
/* json_array_append_new: 0, or -1 (value NULL or out of memory). */
int cli_json_append(struct json_t *array, struct json_t *value);
/* {"file": FILE or null, "line": LINE}; NULL when memory runs out. */
struct json_t *cli_json_where(const char *file, unsigned line);

/* Lines an allowlist needs beside the calls a run or a log shows: a signal
 * handler's return, a normal exit, and ENOSYS for the struct-argument
 * siblings, so that glibc falls back to the call that was seen (the lint's
 * companions). nr is added when needs (-1: always) is allowed and nr is not. */
struct cli_addition {
    int nr, needs;
    struct ss_action action;
    const char *why; /* the line's comment */
};
extern const struct cli_addition cli_additions[4];
/* Writes add's line (rule_line.c). */
void cli_addition_write(FILE *out, const struct cli_addition *add);

/* One policy line, "KEY = ACTION if COND && ... ; COMMENT": the rule by the
 * engine's writer (ss_rule_text; key NULL: nr's name), the comment from fmt
 * (NULL: none), cut so that the line fits the parser (rule_line.c). */
void cli_rule_line(FILE *out, const char *key, int nr, struct ss_action a, const struct ss_cond *c,
                   unsigned n, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
