/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim list: the policies a name finds (engine/search.c), where. */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: seccomp-shim list [-v]\n"
    "List the policies that `-p NAME`, " SS_ENV_POLICY "=NAME and `include = NAME`\n"
    "find, one per line: NAME and the file it names. The folders are searched in\n"
    "this order, and the first file of a name wins:\n"
    "  $XDG_CONFIG_HOME/seccomp-shim (else ~/.config/seccomp-shim)\n"
    "  /etc/seccomp-shim\n"
    "  the installation's share/seccomp-shim/policies\n"
    "\n"
    "  -v, --verbose  also list the folders, and the files a first one hides\n"
    "  -h, --help     show this help\n";

int cmd_list(int argc, char **argv)
{
    static const struct option options[] = {
        {"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *dirs[SS_POLICY_DIRS];
    char home[4096], first[4096];
    int verbose = 0, c;
    size_t ndirs;

    while ((c = getopt_long(argc, argv, ":vh", options, NULL)) != -1) {
        switch (c) {
        case 'v':
            verbose = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("list", c, argv);
        }
    }
    if (optind != argc)
        return cli_usage_error("list", "takes no arguments");
    ndirs = ss_policy_dirs(dirs, home, sizeof home);
    for (size_t i = 0; i < ndirs; i++) {
        size_t n;
        char **names = ss_policy_names(dirs[i], &n);

        if (verbose)
            printf("# %s%s\n", dirs[i], n ? "" : " (no policy)");
        for (size_t k = 0; k < n; k++) {
            char path[4200];
            /* Hidden when a folder searched earlier has the name too. */
            snprintf(path, sizeof path, "%s/%s.ini", dirs[i], names[k]);
            bool hidden =
                ss_policy_find(names[k], first, sizeof first) == 0 && strcmp(first, path) != 0;
            if (!hidden)
                printf("%-24s %s\n", names[k], path);
            else if (verbose)
                printf("%-24s %s (hidden by %s)\n", names[k], path, first);
        }
        ss_policy_names_free(names, n);
    }
    return 0;
}
