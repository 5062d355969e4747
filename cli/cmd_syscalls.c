/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim syscalls: syscall names <-> numbers, as libseccomp (and so a
 * policy) knows them, for x86_64 or i386. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: seccomp-shim syscalls [--arch x86_64|x86] [NAME|NUMBER|@GROUP]...\n"
    "Print syscall names and numbers: for each NAME its number, for each NUMBER\n"
    "its name, for each @GROUP its members; with no argument, every syscall.\n"
    "\n"
    "  -a, --arch ARCH  x86_64 (the default; what policies are written for) or\n"
    "                   x86 (i386, whose syscalls the filter always kills)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 when every argument was found, 1 when one was not, 2 on usage\n"
    "errors.\n";

#define MAX_NR 1024 /* above every syscall number of both architectures */

static void print(const char *name, int nr)
{
    printf("%-24s %d\n", name, nr);
}

/* The name libseccomp gives nr, or for x86_64 the kernel headers' name of a
 * syscall too new for libseccomp (policies must use its number). */
static int show_number(uint32_t arch, int nr, int quiet)
{
    char *name = seccomp_syscall_resolve_num_arch(arch, nr);
    const char *header = arch == SCMP_ARCH_X86_64 ? ss_syscall_name(nr) : NULL;

    if (name) {
        print(name, nr);
        free(name);
        return 0;
    }
    if (header) {
        printf("%-24s %d   (unknown to libseccomp: write it as %d in policies)\n", header, nr, nr);
        return 0;
    }
    if (!quiet)
        cli_error("syscalls: no syscall has number %d on %s", nr,
                  arch == SCMP_ARCH_X86_64 ? "x86_64" : "x86");
    return -1;
}

static int show_name(uint32_t arch, const char *name)
{
    /* x86_64: the engine's table too, for syscalls newer than libseccomp. */
    int nr = arch == SCMP_ARCH_X86_64 ? ss_syscall_lookup(name, NULL, NULL)
                                      : seccomp_syscall_resolve_name_arch(arch, name);
    const char *other = arch == SCMP_ARCH_X86_64 ? "x86" : "x86_64";
    uint32_t other_arch = arch == SCMP_ARCH_X86_64 ? SCMP_ARCH_X86 : SCMP_ARCH_X86_64;
    const char *suggest;

    if (nr >= 0) {
        print(name, nr);
        return 0;
    }
    if (seccomp_syscall_resolve_name_arch(other_arch, name) >= 0)
        cli_error("syscalls: %s is not a syscall of %s (it is one of %s: try --arch %s)", name,
                  arch == SCMP_ARCH_X86_64 ? "x86_64" : "x86", other, other);
    else if (arch == SCMP_ARCH_X86_64 && (suggest = ss_syscall_suggest(name)))
        cli_error("syscalls: unknown syscall %s (did you mean %s?)", name, suggest);
    else
        cli_error("syscalls: unknown syscall %s", name);
    return -1;
}

struct member {
    char *name;
    int nr;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->name, ((const struct member *)b)->name);
}

/* The group's x86_64 members, sorted by name: what a policy's `@GROUP = ...`
 * line applies its action to. */
static int show_group(uint32_t arch, const char *group)
{
    int nrs[MAX_NR], n = ss_group_members(group, nrs, MAX_NR);
    struct member *m;
    const char *suggest;
    int rc = 0;

    if (n < 0) {
        if ((suggest = ss_group_suggest(group)))
            cli_error("syscalls: unknown syscall group %s (did you mean %s?)", group, suggest);
        else
            cli_error("syscalls: unknown syscall group %s", group);
        return -1;
    }
    if (arch != SCMP_ARCH_X86_64) {
        cli_error("syscalls: %s: groups are x86_64 syscalls (the filter kills every i386 one)",
                  group);
        return -1;
    }
    m = calloc(n ? n : 1, sizeof *m);
    if (!m) {
        cli_error("syscalls: out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *header = ss_syscall_name(nrs[i]);
        m[i].nr = nrs[i];
        m[i].name = seccomp_syscall_resolve_num_arch(arch, nrs[i]);
        if (!m[i].name && header)
            m[i].name = strdup(header);
        if (!m[i].name) {
            cli_error("syscalls: out of memory");
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        qsort(m, n, sizeof *m, by_name);
        for (int i = 0; i < n; i++)
            print(m[i].name, m[i].nr);
    }
    for (int i = 0; i < n; i++)
        free(m[i].name);
    free(m);
    return rc;
}

int cmd_syscalls(int argc, char **argv)
{
    static const struct option options[] = {
        {"arch", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {0}};
    uint32_t arch = SCMP_ARCH_X86_64;
    int c, status = 0;

    while ((c = getopt_long(argc, argv, ":a:h", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (!strcmp(optarg, "x86_64"))
                arch = SCMP_ARCH_X86_64;
            else if (!strcmp(optarg, "x86") || !strcmp(optarg, "i386"))
                arch = SCMP_ARCH_X86;
            else
                return cli_usage_error("syscalls", "unknown architecture '%s' (x86_64 or x86)",
                                       optarg);
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("syscalls", c, argv);
        }
    }
    if (optind == argc) {
        for (int nr = 0; nr < MAX_NR; nr++)
            show_number(arch, nr, 1);
        return 0;
    }
    for (int i = optind; i < argc; i++) {
        const char *arg = argv[i];
        char *end;
        long nr;

        if (arg[0] == '@') {
            if (show_group(arch, arg))
                status = 1;
            continue;
        }
        errno = 0;
        nr = strtol(arg, &end, 0);
        if (*arg && !*end && !errno) {
            if (nr < 0 || nr >= MAX_NR || show_number(arch, (int)nr, 0)) {
                if (nr < 0 || nr >= MAX_NR)
                    cli_error("syscalls: no syscall has number %s", arg);
                status = 1;
            }
        } else if (show_name(arch, arg)) {
            status = 1;
        }
    }
    return status;
}
