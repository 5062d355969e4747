/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim: the command. Dispatches to one subcommand per file. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_syscalls(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_from_strace(int argc, char **argv);
int cmd_learn(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_test(int argc, char **argv);

static const struct command commands[] = {
    {"run", cmd_run, "run a program under a policy"},
    {"list", cmd_list, "list the policies a name finds, and where"},
    {"check", cmd_check, "check policies; show warnings and resolved rules"},
    {"test", cmd_test, "run calls through a policy's filter: which action, which rule"},
    {"export", cmd_export, "write a policy as BPF, libseccomp PFC or an OCI profile"},
    {"syscalls", cmd_syscalls, "syscall names <-> numbers"},
    {"import", cmd_import, "convert an OCI / Docker / Podman seccomp profile to a policy"},
    {"ps", cmd_ps, "list processes running under seccomp and their policies"},
    {"audit", cmd_audit, "decode the kernel's seccomp audit records"},
    {"compile", cmd_compile, "precompile a policy for fast start-up"},
    {"learn", cmd_learn, "run a program and write the policy it needs"},
    {"scan", cmd_scan, "the syscalls a program can make, read off its files"},
    {"from-strace", cmd_from_strace, "write the policy an strace output shows a program needs"},
    {"merge", cmd_merge, "join policies learned separately into one allowlist"},
};

static void usage(FILE *out)
{
    fputs("Usage: seccomp-shim COMMAND [OPTIONS] [ARGS]\n"
          "Sandbox unmodified programs with seccomp policies written in INI.\n\nCommands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'seccomp-shim COMMAND --help' (or 'seccomp-shim help COMMAND') for a\n"
          "command's options; 'seccomp-shim --version' prints the version.\n"
          "See seccomp-shim(1) and seccomp-shim.ini(5).\n",
          out);
}

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    fprintf(stderr, "seccomp-shim: unknown command '%s'\n", name);
    usage(stderr);
    return NULL;
}

int main(int argc, char **argv)
{
    const struct command *c;

    opterr = 0; /* the subcommands report bad options (cli_option_error) */
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("seccomp-shim " SS_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0 && argc > 2) { /* help CMD: CMD --help */
        char *help[] = {argv[2], "--help", NULL};
        c = find(argv[2]);
        return c ? c->run(2, help) : EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    c = find(argv[1]);
    return c ? c->run(argc - 1, argv + 1) : EXIT_USAGE;
}
