/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim scan [--json] PROGRAM: the syscalls PROGRAM can make, read
 * off its files without running it (scan.c). */
#define _GNU_SOURCE
#include "cli.h"
#include "scan.h"

#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: seccomp-shim scan [--json] PROGRAM\n"
    "Print the syscalls PROGRAM can make, read off its ELF file and the shared\n"
    "objects the dynamic loader maps for it (DT_NEEDED, found as ld.so finds\n"
    "them), without running it: the libc functions each object imports, mapped\n"
    "to the syscalls their code in the installed libc reaches (by disassembly),\n"
    "and the syscalls the objects' own code makes with a constant number. One\n"
    "line per syscall: its name and where it came from (the first source found,\n"
    "and how many more). Objects loaded later with dlopen (NSS modules, gconv)\n"
    "are not read: a trace (learn) sees what they call.\n"
    "\n"
    "      --json     print one JSON document (see seccomp-shim(1), JSON OUTPUT)\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit status: 0, 1 when PROGRAM cannot be read (not an x86_64 ELF file, a\n"
    "library not found), 2 usage error.\n";

static const char *name_of(int nr, char *buf, size_t size)
{
    const char *name = ss_syscall_name(nr);

    if (name)
        return name;
    snprintf(buf, size, "%d", nr);
    return buf;
}

static int by_name(const void *a, const void *b)
{
    char x[16], y[16];

    return strcmp(name_of(*(const int *)a, x, sizeof x), name_of(*(const int *)b, y, sizeof y));
}

static int print_json(const struct scan_result *r, const char *path, const int *nrs, size_t n)
{
    json_t *root = json_pack("{s:s,s:[],s:[]}", "program", path, "objects", "syscalls");
    json_t *objs = root ? json_object_get(root, "objects") : NULL;
    json_t *calls = root ? json_object_get(root, "syscalls") : NULL;
    bool failed = !root;

    for (size_t i = 0; !failed && i < r->nobjects; i++)
        failed |= cli_json_append(objs, json_string(r->objects[i])) != 0;
    for (size_t i = 0; !failed && i < n; i++) {
        char buf[16];
        failed |= cli_json_append(calls, json_pack("{s:s,s:i,s:s,s:i}", "name",
                                                   name_of(nrs[i], buf, sizeof buf), "nr", nrs[i],
                                                   "from", r->from[nrs[i]], "sources",
                                                   (int)r->count[nrs[i]])) != 0;
    }
    if (failed) {
        json_decref(root);
        root = NULL;
    }
    return cli_json_print(root);
}

int cmd_scan(int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
    struct scan_result r;
    char path[PATH_MAX];
    int nrs[SS_SYSCALL_SLOTS];
    size_t n = 0;
    bool json = false;
    int c, rc;

    while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("scan", c, argv);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error("scan", "name one program (seccomp-shim scan PROGRAM)");
    if (scan_command(argv[optind], &r, path, sizeof path))
        return 1;
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        if (r.has[nr])
            nrs[n++] = nr;
    qsort(nrs, n, sizeof nrs[0], by_name);
    if (json) {
        rc = print_json(&r, path, nrs, n) ? 1 : 0;
    } else {
        for (size_t i = 0; i < n; i++) {
            char buf[16];
            unsigned more = r.count[nrs[i]] - 1;
            printf("%-22s %s", name_of(nrs[i], buf, sizeof buf), r.from[nrs[i]]);
            if (more)
                printf(" (and %u more)", more);
            putchar('\n');
        }
        rc = fflush(stdout) ? 1 : 0;
    }
    scan_result_free(&r);
    return rc;
}
