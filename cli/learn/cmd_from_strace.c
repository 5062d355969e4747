/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim from-strace [-o FILE] [--default ACTION] TRACE...: the policy
 * that allows what `strace -f -o TRACE CMD` saw CMD do.
 *
 * A line that cannot be read is reported as TRACE:LINE and no policy is
 * written: a policy built from part of a trace would kill the program later,
 * far from the cause. Fix or delete the line and run again. So is a call
 * whose deciding argument (socket's family, clone's flags, unshare's
 * namespaces: tally_arg) cannot be read: counted without it, the call would
 * be allowed for any value. */
#define _GNU_SOURCE
#include "learn.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 50 /* unreadable lines shown one by one; the rest are counted */

static const char usage[] =
    "Usage: seccomp-shim from-strace [-o FILE] [--default ACTION] [--exact] TRACE...\n"
    "Write the policy that allows every syscall recorded in TRACE, the output of\n"
    "`strace -f -o TRACE CMD` (with or without -t, -tt, -ttt, -r, -y, -Y, -i).\n"
    "TRACE `-` is standard input.\n"
    "\n"
    "  -o, --output FILE   write the policy to FILE (default: standard output)\n"
    "  -d, --default ACTION  the action for every other syscall (default: kill_process)\n"
    "      --exact         allow only the syscalls in the trace, not their relatives\n"
    "                      (see seccomp-shim learn --help)\n"
    "  -h, --help          show this help\n"
    "\n"
    "Socket, clone, unshare, mount, ptrace, bpf... are allowed only with the value\n"
    "of their deciding argument the trace shows (socket's family, clone's CLONE_NEW*\n"
    "flags). Lines that cannot be read, also a call whose deciding argument cannot\n"
    "be (an unknown name, `...`, cut by <unfinished ...>), are reported as\n"
    "TRACE:LINE: why, and then no policy is written.\n"
    "Exit status: 0 policy written, 1 unreadable trace (nothing written), 2 usage error.\n";

/* Reads one trace into t; the number of unreadable lines, or -1 when the file
 * cannot be read at all. */
static long read_trace(const char *path, struct tally *t, unsigned long long *calls,
                       unsigned long *reported)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *line = NULL, why[300];
    const char *args;
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    long bad = 0;
    int nr;

    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        enum strace_line_kind kind;
        lineno++;
        if (len && line[len - 1] == '\n')
            line[--len] = 0;
        if ((size_t)len != strlen(line)) {
            snprintf(why, sizeof why, "NUL byte: this is not strace output");
            kind = STRACE_BAD;
        } else {
            kind = strace_parse_line(line, &nr, &args, why, sizeof why);
        }
        if (kind == STRACE_SYSCALL) {
            int rc = strace_record(t, nr, args, why, sizeof why);
            if (rc < 0) {
                cli_error("out of memory");
                bad = -1;
                break;
            }
            if (rc == 0)
                (*calls)++;
            else
                kind = STRACE_BAD; /* its deciding argument unread: reported below */
        }
        if (kind == STRACE_BAD) {
            bad++;
            if ((*reported)++ < MAX_REPORTED)
                cli_error("%s:%lu: %s", shown, lineno, why);
        }
    }
    if (bad >= 0 && ferror(f)) {
        cli_error("%s: %s", path, strerror(errno));
        bad = -1;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return bad;
}

int cmd_from_strace(int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"default", required_argument, NULL, 'd'},
                                            {"exact", no_argument, NULL, 256},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    struct ss_action def = {SS_ACT_KILL_PROCESS, 0};
    const char *output = NULL;
    unsigned long long calls = 0;
    unsigned long bad = 0, reported = 0;
    struct tally t;
    char why[400], note[128];
    struct cli_output out;
    int c, status = 0;
    bool exact = false;

    while ((c = getopt_long(argc, argv, "+:o:d:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'd':
            if (ss_parse_action(ss_arch_native(), optarg, &def, why, sizeof why))
                return cli_usage_error("from-strace", "--default: %s", why);
            break;
        case 256: /* --exact */
            exact = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("from-strace", c, argv);
        }
    }
    if (optind == argc)
        return cli_usage_error("from-strace", "no trace file given");

    tally_init(&t, false);
    for (int i = optind; i < argc; i++) {
        long n = read_trace(argv[i], &t, &calls, &reported);
        if (n < 0)
            status = 1;
        else
            bad += n;
    }
    if (reported > MAX_REPORTED)
        cli_error("... and %lu more unreadable lines", reported - MAX_REPORTED);
    if (bad) {
        cli_error("%lu unreadable line%s: no policy written", bad, bad == 1 ? "" : "s");
        status = 1;
    } else if (status == 0 && calls == 0) {
        cli_error("no syscalls found in the trace: no policy written (is it strace output?)");
        status = 1;
    }
    if (status == 0 && t.foreign)
        cli_error("warning: %llu call%s of syscalls outside x86_64's 0..%d (i386, x32 or "
                  "invalid numbers): no policy can allow them",
                  t.foreign, t.foreign == 1 ? "" : "s", SS_SYSCALL_SLOTS - 1);
    if (status) {
        tally_free(&t);
        return status;
    }

    snprintf(note, sizeof note, "From %llu recorded calls. Use with: seccomp-shim run --direct",
             calls);
    if (cli_output_open(&out, output)) {
        tally_free(&t);
        return 1;
    }
    status = policy_write(out.f, &t,
                          &(struct policy_options){
                              .def = def, .exact = exact, .argc = argc, .argv = argv, .note = note},
                          NULL);
    status = cli_output_close(&out, status == 0) ? 1 : 0;
    tally_free(&t);
    return status;
}
