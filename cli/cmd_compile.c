/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim compile [-o OUT] FILE: precompile a policy so the shim loads
 * it without parsing or running libseccomp (format: include/seccomp-shim-contract.h). */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim compile [--arch ARCH] [-o OUT] FILE\n"
    "Compile the policy FILE into a compiled policy that the shim loads\n"
    "directly (" SS_ENV_POLICY "=OUT), without parsing INI or running libseccomp.\n"
    "A strict-mode policy compiles to a header that installs strict mode.\n"
    "Landlock sections ([filesystem], [network], [scope]) are compiled with their\n"
    "paths expanded; a path with $PWD or $HOME depends on each start, and one\n"
    "with $POLICY_DIR on where FILE lies: they cannot be compiled (status 3).\n"
    "\n"
    "  -a, --arch ARCH   compile for ARCH (x86_64 or aarch64; default: the running\n"
    "                    one); the shim refuses a compiled policy for another one\n"
    "  -o, --output OUT  write to OUT (default: FILE without .ini, plus .compiled:\n"
    "                    FILE's compiled sibling, which the shim given FILE installs\n"
    "                    instead while it matches FILE and the files it includes;\n"
    "                    for a policy found by name: NAME.compiled here, never in\n"
    "                    the policy folder;\n"
    "                    '-' writes to standard output when it is not a terminal)\n"
    "                    FILE - is policy text on standard input (needs -o)\n"
    "  -h, --help        show this help\n"
    "\n"
    "OUT is replaced atomically: a program starting meanwhile reads the old or the\n"
    "new policy, never half of one. Compile again after editing FILE: the shim\n"
    "never looks at FILE when given OUT.\n"
    "\n"
    "Exit status: 0 when compiled, 1 when FILE is invalid or OUT cannot be\n"
    "written, 2 on usage errors, 3 when FILE is valid but cannot be compiled: a\n"
    "Landlock path with $PWD, $HOME or $POLICY_DIR, or an include found through\n"
    "the policy folders (use FILE itself).\n";

/* Writes through a temporary file in OUT's folder and renames it over OUT. */
static int write_atomically(const char *out, const struct ss_policy *p,
                            const struct ss_program *prog)
{
    struct cli_output o;
    struct ss_error err;
    int rc;

    if (cli_output_open(&o, out))
        return 1;
    rc = ss_compiled_write(fileno(o.f), out, p, prog, &err);
    if (rc)
        cli_print_error(&err);
    return cli_output_close(&o, rc == 0) ? 1 : 0;
}

static int write_stdout(const struct ss_policy *p, const struct ss_program *prog)
{
    struct ss_error err;

    if (isatty(STDOUT_FILENO)) {
        cli_error("refusing to write a compiled (binary) policy to a terminal; use -o OUT");
        return 1;
    }
    if (ss_compiled_write(STDOUT_FILENO, "<stdout>", p, prog, &err)) {
        cli_print_error(&err);
        return 1;
    }
    return 0;
}

/* FILE's compiled sibling; for a policy found by name, whose folder belongs to
 * the system (make install's, the package's, /etc), its name in the working
 * directory instead: a package's file is not rewritten behind its back. */
static char *sibling_name(const char *file, bool by_name)
{
    char *sibling = ss_compiled_sibling_name(file), *here;

    if (!sibling || !by_name)
        return sibling;
    here = strdup(strrchr(sibling, '/') ? strrchr(sibling, '/') + 1 : sibling);
    free(sibling);
    return here;
}

int cmd_compile(int argc, char **argv)
{
    static char found[4096]; /* a policy name: the file it names */
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"arch", required_argument, NULL, 'a'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    static struct ss_program prog; /* 32 KiB: not on the stack */
    const char *output = NULL, *file;
    struct ss_policy *p;
    struct ss_error err;
    char *out = NULL;
    enum ss_arch arch = ss_arch_native();
    unsigned narch;
    int c, status;

    while ((c = getopt_long(argc, argv, ":o:a:h", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            if ((status = cli_parse_arch("compile", optarg, false, &arch, &narch)))
                return status;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("compile", c, argv);
        }
    }
    if (optind == argc)
        return cli_usage_error("compile", "no policy file given");
    if (argc - optind > 1)
        return cli_usage_error("compile", "one policy file at a time");

    if (strcmp(argv[optind], "-") == 0 && !output)
        return cli_usage_error("compile", "a policy on standard input has no sibling: give -o OUT");
    file = argv[optind];
    if (strcmp(file, "-") != 0)
        file = ss_policy_resolve_arg(file, found, sizeof found);
    p = cli_load_policy(arch, file, NULL);
    if (!p)
        return 1;
    cli_print_warnings(p);
    /* A Landlock path that depends on the start ($PWD, $HOME) cannot be
     * frozen: the compiled policy would grant another tree than the INI. */
    if (ss_compiled_check(p, &err)) {
        cli_print_error(&err);
        ss_policy_free(p);
        return 3;
    }
    if (p->mode == SS_MODE_FILTER && ss_compile_with(p, &cli_compile_options, &prog, &err)) {
        cli_print_error(&err);
        ss_policy_free(p);
        return 1;
    }
    if (output && strcmp(output, "-") == 0) {
        status = write_stdout(p, &prog);
    } else {
        out = output ? strdup(output) : sibling_name(file, file == found);
        status = out ? write_atomically(out, p, &prog) : (cli_error("out of memory"), 1);
        if (status == 0 && !output && file == found)
            cli_error("wrote ./%s (%s is %s, found by name: its folder is left as it is)", out,
                      argv[optind], file);
    }
    free(out);
    ss_policy_free(p);
    return status;
}
