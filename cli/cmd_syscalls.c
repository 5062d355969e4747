/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim syscalls: syscall names <-> numbers, as libseccomp (and so a
 * policy) knows them, for x86_64 or aarch64 (and their secondary ABIs i386
 * and arm). */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: seccomp-shim syscalls [--arch ARCH] [--json] [NAME|NUMBER|@GROUP]...\n"
    "       seccomp-shim syscalls --groups [--json]\n"
    "Print syscall names and numbers: for each NAME its number, for each NUMBER\n"
    "its name, for each @GROUP its members; with no argument, every syscall;\n"
    "with --groups, every group and what it is for.\n"
    "\n"
    "  -a, --arch ARCH  x86_64 or aarch64 (default: the running one; what a policy\n"
    "                   means there), or x86 (i386) or arm, whose syscalls the\n"
    "                   filters always kill\n"
    "  -g, --groups     list the syscall groups (@aio, ...) a policy can name\n"
    "      --json       print one JSON document (see seccomp-shim(1), JSON OUTPUT)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 when every argument was found, 1 when one was not, 2 on usage\n"
    "errors.\n";

/* A target of the engine (its tables know syscalls newer than libseccomp),
 * not a secondary ABI. */
static bool is_target(uint32_t arch)
{
    return arch == SCMP_ARCH_X86_64 || arch == SCMP_ARCH_AARCH64;
}

/* The engine's architecture whose tables answer for arch (a secondary ABI:
 * the machine's, which answers nothing of it but whether a group exists). */
static enum ss_arch engine_arch(uint32_t arch)
{
    return arch == SCMP_ARCH_AARCH64  ? SS_ARCH_AARCH64
           : arch == SCMP_ARCH_X86_64 ? SS_ARCH_X86_64
                                      : ss_arch_native();
}

static const char *arch_label(uint32_t arch)
{
    return arch == SCMP_ARCH_X86_64    ? "x86_64"
           : arch == SCMP_ARCH_AARCH64 ? "aarch64"
           : arch == SCMP_ARCH_ARM     ? "arm"
                                       : "x86";
}

/* Where a name missing on arch is likely found: the other primary, or the
 * primary of a secondary ABI. */
static uint32_t other_arch(uint32_t arch)
{
    return arch == SCMP_ARCH_X86_64 ? SCMP_ARCH_X86
           : arch == SCMP_ARCH_ARM  ? SCMP_ARCH_AARCH64
                                    : SCMP_ARCH_X86_64;
}

/* --json: the rows, instead of printing them; json_failed: one was lost. */
static json_t *json_rows;
static bool json_failed;

/* One row: name and number; by_number: libseccomp does not know the name
 * (policies write the number); group: the @GROUP it was listed for. */
static void row(const char *name, int nr, bool by_number, const char *group)
{
    if (json_rows)
        json_failed |=
            cli_json_append(json_rows, json_pack("{s:s,s:i,s:b,s:s?}", "name", name, "nr", nr,
                                                 "libseccomp", !by_number, "group", group)) != 0;
    else if (by_number)
        printf("%-24s %d   (unknown to libseccomp: write it as %d in policies)\n", name, nr, nr);
    else
        printf("%-24s %d\n", name, nr);
}

static void print(const char *name, int nr)
{
    row(name, nr, false, NULL);
}

/* The name libseccomp gives nr, or for x86_64 the kernel headers' name of a
 * syscall too new for libseccomp (policies must use its number). */
static int show_number(uint32_t arch, int nr, int quiet)
{
    char *name = seccomp_syscall_resolve_num_arch(arch, nr);
    const char *header = is_target(arch) ? ss_syscall_name_arch(engine_arch(arch), nr) : NULL;

    if (name) {
        print(name, nr);
        free(name);
        return 0;
    }
    if (header) {
        row(header, nr, true, NULL);
        return 0;
    }
    if (!quiet)
        cli_error("syscalls: no syscall has number %d on %s", nr, arch_label(arch));
    return -1;
}

static int show_name(uint32_t arch, const char *name)
{
    /* A target: the engine's table too, for syscalls newer than libseccomp. */
    bool by_number = false;
    int nr = is_target(arch) ? ss_syscall_lookup_arch(engine_arch(arch), name, NULL, &by_number)
                             : seccomp_syscall_resolve_name_arch(arch, name);
    const char *other = arch_label(other_arch(arch));
    const char *suggest;

    if (nr >= 0) {
        row(name, nr, by_number && json_rows, NULL); /* the text row as it always was */
        return 0;
    }
    if (seccomp_syscall_resolve_name_arch(other_arch(arch), name) >= 0)
        cli_error("syscalls: %s is not a syscall of %s (it is one of %s: try --arch %s)", name,
                  arch_label(arch), other, other);
    else if (is_target(arch) && (suggest = ss_syscall_suggest_arch(engine_arch(arch), name)))
        cli_error("syscalls: unknown syscall %s (did you mean %s?)", name, suggest);
    else
        cli_error("syscalls: unknown syscall %s", name);
    return -1;
}

struct member {
    char *name;
    int nr;
    bool by_number;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->name, ((const struct member *)b)->name);
}

/* The group's members on the target, sorted by name: what a policy's `@GROUP = ...`
 * line applies its action to. */
static int show_group(uint32_t arch, const char *group)
{
    int nrs[SS_SYSCALL_SLOTS],
        n = ss_group_members_arch(engine_arch(arch), group, nrs, SS_SYSCALL_SLOTS);
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
    if (!is_target(arch)) {
        cli_error("syscalls: %s: groups are x86_64 or aarch64 syscalls (the filter kills every "
                  "%s one)",
                  group, arch_label(arch));
        return -1;
    }
    m = calloc(n ? n : 1, sizeof *m);
    if (!m) {
        cli_error("syscalls: out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *header = ss_syscall_name_arch(engine_arch(arch), nrs[i]);
        m[i].nr = nrs[i];
        m[i].name = seccomp_syscall_resolve_num_arch(arch, nrs[i]);
        if (!m[i].name && header) {
            m[i].name = strdup(header);
            m[i].by_number = true;
        }
        if (!m[i].name) {
            cli_error("syscalls: out of memory");
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        qsort(m, n, sizeof *m, by_name);
        for (int i = 0; i < n; i++)
            row(m[i].name, m[i].nr, m[i].by_number && json_rows, group); /* text: as always */
    }
    for (int i = 0; i < n; i++)
        free(m[i].name);
    free(m);
    return rc;
}

/* --groups: "@aio  Asynchronous IO" lines, or {"groups": [{"name", "description"}]}. */
static int list_groups(bool json)
{
    json_t *a = json ? json_array() : NULL;
    const char *name, *help;
    bool failed = json && !a;

    for (size_t i = 0; !failed && (name = ss_group_at(i, &help)); i++)
        if (json)
            failed = cli_json_append(a, json_pack("{s:s,s:s}", "name", name, "description", help));
        else
            printf("%-24s %s\n", name, help);
    if (!json)
        return 0;
    if (failed)
        json_decref(a);
    return cli_json_print(failed ? NULL : json_pack("{s:o}", "groups", a)) ? 1 : 0;
}

/* --json: the document, after every argument; the status otherwise. */
static int finish(uint32_t arch, int status)
{
    json_t *doc;

    if (!json_rows)
        return status;
    doc = json_failed ? NULL
                      : json_pack("{s:s,s:o}", "arch", arch_label(arch), "syscalls", json_rows);
    if (json_failed)
        json_decref(json_rows);
    return cli_json_print(doc) ? 1 : status;
}

int cmd_syscalls(int argc, char **argv)
{
    static const struct option options[] = {{"arch", required_argument, NULL, 'a'},
                                            {"json", no_argument, NULL, 'J'},
                                            {"groups", no_argument, NULL, 'g'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    bool json = false, groups = false;
    uint32_t arch = ss_arch_audit(ss_arch_native());
    int c, status = 0;

    while ((c = getopt_long(argc, argv, ":a:gh", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (!strcmp(optarg, "x86") || !strcmp(optarg, "i386"))
                arch = SCMP_ARCH_X86;
            else if (!strcmp(optarg, "arm"))
                arch = SCMP_ARCH_ARM;
            else {
                enum ss_arch target;
                if (ss_arch_from_name(optarg, &target))
                    return cli_usage_error(
                        "syscalls", "unknown architecture '%s' (x86_64, aarch64, x86 or arm)",
                        optarg);
                arch = ss_arch_audit(target);
            }
            break;
        case 'J':
            json = true;
            break;
        case 'g':
            groups = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("syscalls", c, argv);
        }
    }
    if (groups)
        return optind < argc ? cli_usage_error("syscalls", "--groups takes no argument")
                             : list_groups(json);
    if (json && !(json_rows = json_array())) {
        cli_error("out of memory");
        return 1;
    }
    if (optind == argc) {
        for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
            show_number(arch, nr, 1);
        return finish(arch, 0);
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
            if (nr < 0 || nr >= SS_SYSCALL_SLOTS || show_number(arch, (int)nr, 0)) {
                if (nr < 0 || nr >= SS_SYSCALL_SLOTS)
                    cli_error("syscalls: no syscall has number %s", arg);
                status = 1;
            }
        } else if (show_name(arch, arg)) {
            status = 1;
        }
    }
    return finish(arch, status);
}
