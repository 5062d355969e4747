/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim check [-v] FILE...: validate policies, show lint warnings and,
 * with -v, the resolved rules. */
#include "check.h"

#include <jansson.h>

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: seccomp-shim check [-v] [--werror] [--json] [--arch ARCH[,ARCH]] FILE...\n"
    "Check seccomp-shim policies. Errors are printed as FILE:LINE: message and\n"
    "warnings (probably not what was meant) as FILE:LINE: warning: message.\n"
    "\n"
    "  -v, --verbose  print the resolved rules: syscall, number, action,\n"
    "                 conditions (constants by name: AF_UNIX, TCGETS...) and where\n"
    "                 each rule came from\n"
    "      --werror   treat warnings as errors: exit 1 when a policy has one\n"
    "  -a, --arch ARCH[,ARCH]\n"
    "                 check for these architectures (x86_64, aarch64; default:\n"
    "                 the running one): names, groups and constants resolve for\n"
    "                 each, and each one's filter is compiled and verified\n"
    "      --json     print one JSON document (see seccomp-shim(1), JSON OUTPUT)\n"
    "                 with each policy's errors, warnings and resolved rules,\n"
    "                 instead of messages on stderr\n"
    "  -h, --help     show this help\n"
    "\n"
    "FILE - is policy text on standard input (called <stdin>).\n"
    "\n"
    "Exit status: 0 when every FILE is valid, 1 when one is not (or, with\n"
    "--werror, has a warning), 2 on usage errors.\n";

static void print_rules(const struct ss_policy *p)
{
    struct ss_rule *rules;
    char action[64];
    size_t n;

    if (p->mode == SS_MODE_STRICT) {
        printf("mode strict: read, write, _exit, sigreturn; any other syscall kills\n");
        return;
    }
    ss_action_format_symbolic(p->arch, p->default_action, action, sizeof action);
    printf("default %s%s%s\n", action, p->explain ? ", explain" : "", p->log ? ", log" : "");
    printf("%-20s %5s  %-16s %-40s %s\n", "SYSCALL", "NR", "ACTION", "CONDITIONS", "FROM");
    /* The rules as the filter has them: the hardening's masks and companions. */
    if (!(rules = ss_policy_filter_rules(p, true, &n))) {
        cli_error("out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct ss_rule *r = &rules[i];
        const char *name = ss_syscall_name_arch(p->arch, r->nr);
        char conds[400], from[300];

        ss_conds_text(p->arch, r->nr, r->cond, r->ncond, SS_TEXT_SYMBOLIC, conds, sizeof conds);
        if (r->builtin)
            snprintf(from, sizeof from, "built-in:tty_inject");
        else
            snprintf(from, sizeof from, "%s:%u%s%s", r->where.file, r->where.line,
                     r->group ? " " : "", r->group ? r->group : "");
        printf("%-20s %5d  %-16s %-40s %s\n", name ? name : "?", r->nr,
               ss_action_format_symbolic(p->arch, r->action, action, sizeof action),
               conds[0] ? conds : "-", from);
    }
    free(rules);
}

static void print_landlock(const struct ss_policy *p)
{
    const struct ss_landlock *l = &p->landlock;
    char rights[300];

    if (!ss_policy_has_landlock(p))
        return;
    printf("landlock %s\n", l->best_effort ? "best-effort" : "required");
    if (l->filesystem)
        printf("%-40s %-60s %s\n", "PATH", "RIGHTS", "FROM");
    for (size_t i = 0; l->filesystem && i < l->npaths; i++)
        printf("%s%-39s %-60s %s:%u\n", l->paths[i].optional ? "?" : "", l->paths[i].path,
               ss_landlock_format(SS_LL_KIND_FS, l->paths[i].access, rights, sizeof rights),
               l->paths[i].where.file, l->paths[i].where.line);
    if (l->network) {
        printf("tcp: every bind and connect refused but\n");
        for (size_t i = 0; i < l->nports; i++)
            if (l->ports[i].access)
                printf(
                    "  port %-5u %-10s %s:%u\n", l->ports[i].port,
                    ss_landlock_format(SS_LL_KIND_NET, l->ports[i].access, rights, sizeof rights),
                    l->ports[i].where.file, l->ports[i].where.line);
    }
    if (l->scoped)
        printf("scope: %s\n",
               ss_landlock_format(SS_LL_KIND_SCOPE, l->scoped, rights, sizeof rights));
}

static struct ss_program program;

/* Checks one policy: 0 valid, 1 invalid or (werror) warned, -1 out of
 * memory. With json, appends its object to json instead of printing. */
static int check_one(enum ss_arch arch, const char *file, bool verbose, bool werror, bool many,
                     json_t *json)
{
    struct ss_error err = {0};
    struct ss_policy *p = cli_load_policy_error(arch, file, &err);
    static struct ss_landlock_plan landlock; /* 22 KiB */
    char shim[PATH_MAX];
    bool have_shim;
    int status = 0, rc = 0;

    if (!p && !json && err.msg[0])
        cli_print_error(&err);
    if (!p && !err.msg[0]) /* printed already (standard input unreadable) */
        snprintf(err.msg, sizeof err.msg, "cannot read the policy");
    if (p && strcmp(file, "-") != 0 && ss_landlock_lint_protect(p, file, "the policy file"))
        rc = -1;
    have_shim = !cli_shim_path(shim, sizeof shim);
    if (p && have_shim && ss_landlock_lint_protect(p, shim, "the shim"))
        rc = -1;
    if (p && !json)
        cli_print_warnings(p);
    /* Valid means the shim can install it: compile it and build its Landlock
     * plan as the shim does, implicit grants included (too large a filter,
     * too many paths or ports are found only there). */
    if (p && p->mode == SS_MODE_FILTER &&
        ss_compile_with(p, &cli_compile_options, &program, &err) && !json)
        cli_print_error(&err);
    if (p && !err.msg[0] &&
        ss_landlock_plan_build(p, have_shim ? shim : NULL, strcmp(file, "-") ? file : NULL,
                               &landlock, &err) &&
        !json)
        cli_print_error(&err);
    if (!p || err.msg[0] || (werror && p->nwarnings))
        status = 1;
    if (json) {
        json_t *obj = check_json_policy(file, p, &err);
        if (!obj || json_object_set_new(obj, "arch", json_string(ss_arch_name(arch))) ||
            cli_json_append(json, obj))
            rc = -1;
    }
    if (p && verbose && !json) {
        if (many)
            printf("%s:\n", file);
        print_rules(p);
        print_landlock(p);
    }
    ss_policy_free(p);
    return rc ? -1 : status;
}

int cmd_check(int argc, char **argv)
{
    enum { OPT_WERROR = 256, OPT_JSON };
    static const struct option options[] = {
        {"verbose", no_argument, NULL, 'v'},       {"arch", required_argument, NULL, 'a'},
        {"werror", no_argument, NULL, OPT_WERROR}, {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},          {0}};
    bool verbose = false, werror = false;
    enum ss_arch archs[SS_ARCH_COUNT] = {ss_arch_native()};
    unsigned narchs = 1;
    int status = 0, c, rc;
    json_t *json = NULL, *policies = NULL;

    while ((c = getopt_long(argc, argv, ":va:h", options, NULL)) != -1) {
        switch (c) {
        case 'v':
            verbose = true;
            break;
        case 'a':
            if ((rc = cli_parse_arch("check", optarg, true, archs, &narchs))) {
                json_decref(json);
                return rc;
            }
            break;
        case OPT_WERROR:
            werror = true;
            break;
        case OPT_JSON:
            if (!json && !(json = json_pack("{s:[]}", "policies"))) {
                cli_error("out of memory");
                return 1;
            }
            break;
        case 'h':
            json_decref(json);
            fputs(usage, stdout);
            return 0;
        default:
            json_decref(json);
            return cli_option_error("check", c, argv);
        }
    }
    if (optind == argc) {
        json_decref(json);
        return cli_usage_error("check", "no policy file given");
    }
    policies = json_object_get(json, "policies");
    for (unsigned a = 0; a < narchs; a++) {
        if (narchs > 1 && !json) {
            fflush(stdout);
            fprintf(stderr, "%s:\n", ss_arch_name(archs[a]));
            if (verbose)
                printf("%s:\n", ss_arch_name(archs[a]));
        }
        for (int i = optind; i < argc; i++) {
            rc = check_one(archs[a], argv[i], verbose, werror, argc - optind > 1, policies);
            if (rc < 0) {
                cli_error("out of memory");
                json_decref(json);
                return 1;
            }
            status |= rc;
        }
    }
    if (json && cli_json_print(json))
        return 1;
    return status;
}
