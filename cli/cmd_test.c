/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim test POLICY CALL...: what the filter does with given calls.
 * The real BPF (compiled from an INI policy, read from a compiled policy or
 * an exported raw program) runs through the engine's interpreter; for an
 * INI policy the model says which rule (or the default) decided, and a
 * filter that disagrees with it is an error. */
#define _GNU_SOURCE
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim test [--arch ARCH] [--json] POLICY|-i TEXT CALL...\n"
    "Run calls through the filter a policy compiles to and say what it does.\n"
    "\n"
    "POLICY is an INI policy, a compiled policy (seccomp-shim compile) or a raw\n"
    "BPF program (seccomp-shim export -f bpf). A CALL is a syscall name or\n"
    "number with up to six arguments: numbers, constants (AF_INET, PROT_READ)\n"
    "or combinations with |; missing arguments are 0, `...` ends the list:\n"
    "  'socket(AF_INET, SOCK_STREAM, 0)'  'mmap(0, 0x10000, PROT_READ|PROT_EXEC, ...)'\n"
    "\n"
    "  -i, --ini TEXT  the policy as text\n"
    "  --arch ARCH     the calls' architecture: x86_64 or aarch64 (default: the\n"
    "                  running one) compiles the policy for it; i386 and x32 (of\n"
    "                  x86_64) or arm (of aarch64) meet the filter's architecture\n"
    "                  check\n"
    "  --json          one JSON object on standard output, for scripts\n"
    "  -h, --help      show this help\n"
    "\n"
    "For an INI policy each answer names the rule (FILE:LINE) or the default that\n"
    "decided it; a compiled policy or raw BPF only gives the action.\n"
    "\n"
    "Exit status: 0 when every call was evaluated, 1 when the policy is invalid,\n"
    "a call cannot be read or the filter disagrees with the policy, 2 on usage\n"
    "errors.\n";

static struct ss_program program;

struct call {
    const char *text;
    struct seccomp_data d;
    const char *arch;
    enum ss_arch target; /* the filter's: its names and constants */
};

static int parse_call(enum ss_arch target, const char *text, struct seccomp_data *d, char *why,
                      size_t whysize)
{
    const char *open = strchr(text, '('), *p;
    char name[64];
    size_t nlen = open ? (size_t)(open - text) : strlen(text);
    unsigned nargs = 0;
    bool elsewhere;

    while (nlen && isspace((unsigned char)text[nlen - 1]))
        nlen--;
    if (nlen == 0 || nlen >= sizeof name) {
        snprintf(why, whysize, "no syscall name");
        return -1;
    }
    memcpy(name, text, nlen);
    name[nlen] = 0;
    if (isdigit((unsigned char)name[0])) {
        char *rest;
        long v = strtol(name, &rest, 0);
        if (*rest || v < 0 || v > 0x7fffffff) {
            snprintf(why, whysize, "'%s' is not a syscall number", name);
            return -1;
        }
        d->nr = (int)v;
    } else if ((d->nr = ss_syscall_number_arch(target, name, &elsewhere)) < 0) {
        snprintf(why, whysize, "'%s' is not an %s syscall", name, ss_arch_name(target));
        return -1;
    }
    if (!open)
        return 0;
    p = open + 1;
    for (;;) {
        const char *end = p;
        int depth = 0;
        while (*end && (depth || (*end != ',' && *end != ')')))
            depth += *end == '(' ? 1 : *end == ')' ? -1 : 0, end++;
        if (!*end) {
            snprintf(why, whysize, "missing ')'");
            return -1;
        }
        const char *a = p;
        while (a < end && isspace((unsigned char)*a))
            a++;
        if (end - a >= 3 && strncmp(a, "...", 3) == 0) {
            if (*end != ')') {
                snprintf(why, whysize, "'...' must be the last argument");
                return -1;
            }
        } else if (a == end && *end == ')' && nargs == 0) {
            /* name(): no arguments */
        } else if (nargs == SS_MAX_ARGS) {
            snprintf(why, whysize, "more than %d arguments", SS_MAX_ARGS);
            return -1;
        } else {
            uint64_t v;
            if (cli_parse_value(target, p, end - p, &v, why, whysize))
                return -1;
            d->args[nargs++] = v;
        }
        if (*end == ')') {
            for (const char *t = end + 1; *t; t++)
                if (!isspace((unsigned char)*t)) {
                    snprintf(why, whysize, "text after ')'");
                    return -1;
                }
            return 0;
        }
        p = end + 1;
    }
}

static const char *ret_name(uint32_t ret, char *buf, size_t size)
{
    /* trap with data: explain = all's errno (preload/explain.c answers it) */
    if ((ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRAP && (ret & SECCOMP_RET_DATA))
        snprintf(buf, size, "trap carrying errno(%u) (explain = all)", ret & SECCOMP_RET_DATA);
    else
        ss_ret_format(ret, false, buf, size);
    return buf;
}

/* Reads a raw BPF program (export -f bpf): a file that is not text. */
static int load_raw_bpf(const char *path, struct ss_program *prog)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    char extra;

    if (fd < 0)
        return -1;
    n = read(fd, prog->insns, sizeof prog->insns);
    if (n > 0 && n == (ssize_t)sizeof prog->insns && read(fd, &extra, 1) > 0)
        n = -1;
    close(fd);
    if (n <= 0 || n % sizeof(struct sock_filter))
        return -1;
    prog->len = n / sizeof(struct sock_filter);
    return 0;
}

/* True when the file's first bytes hold a NUL: a program, not an INI. */
static bool looks_binary(const char *path)
{
    unsigned char head[8];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, head, sizeof head);

    if (fd >= 0)
        close(fd);
    return n > 0 && memchr(head, 0, n) != NULL;
}

/* The program to run: 0, or 1 after printing why. *p is set for INI. */
static int load(enum ss_arch target, const char *file, const char *text, struct ss_policy **p)
{
    /* Validated with the file; syscall verdicts do not depend on it (nor do
     * they on an INI policy's Landlock sections). */
    static struct ss_landlock_plan landlock;
    struct ss_compiled_info info;
    struct ss_error err;
    int rc;

    *p = NULL;
    if (file) {
        rc = ss_compiled_load(file, target, &program, &landlock, &info, &err);
        if (rc == 0 && info.mode == SS_MODE_STRICT) {
            cli_error("%s: a strict-mode policy has no filter to test", file);
            return 1;
        }
        if (rc == 0)
            return 0;
        if (rc < 0) {
            cli_print_error(&err);
            return 1;
        }
        if (looks_binary(file)) {
            if (load_raw_bpf(file, &program) == 0)
                return 0;
            cli_error("%s: not a policy and not a BPF program (a whole number of 8-byte "
                      "instructions, at most %d)",
                      file, SS_PROGRAM_MAX);
            return 1;
        }
    }
    *p = cli_load_policy(target, file, text);
    if (!*p)
        return 1;
    if ((*p)->mode == SS_MODE_STRICT) {
        cli_error("%s: a strict-mode policy has no filter to test", file ? file : SS_INLINE_NAME);
        return 1;
    }
    if (ss_compile_with(*p, &cli_compile_options, &program, &err)) {
        cli_print_error(&err);
        return 1;
    }
    return 0;
}

/* Evaluates one call; prints a line or adds to results. 0, or 1 when the
 * filter disagrees with the policy. */
static int evaluate(const struct ss_policy *p, const struct call *c, json_t *results)
{
    struct ss_verdict v = {0};
    struct ss_error err;
    uint32_t ret;
    char buf[64], where[300] = "", args[200];
    const char *name = c->d.arch == ss_arch_audit(c->target)
                           ? ss_syscall_name_arch(c->target, c->d.nr & ~0x40000000)
                       : c->d.arch == AUDIT_ARCH_I386 ? ss_syscall_name_i386(c->d.nr)
                                                      : NULL;
    const char *decided = NULL;
    size_t n = 0;

    if (ss_bpf_run(&program, &c->d, &ret, &err)) {
        cli_print_error(&err);
        return 1;
    }
    if (p) {
        ss_policy_eval(p, &c->d, &v);
        decided = v.bad_arch                  ? "arch"
                  : v.network                 ? "network"
                  : v.rule && v.rule->builtin ? "builtin"
                  : v.rule                    ? "rule"
                                              : "default";
        if (v.network)
            snprintf(where, sizeof where, "%s:%u", p->landlock.network_where.file,
                     p->landlock.network_where.line);
        else if (v.rule)
            snprintf(where, sizeof where, "%s:%u", v.rule->where.file, v.rule->where.line);
        else if (!v.bad_arch)
            snprintf(where, sizeof where, "%s:%u", p->default_where.file, p->default_where.line);
    }
    for (unsigned a = 0; a < SS_MAX_ARGS; a++)
        n += snprintf(args + n, sizeof args - n, "%s%#llx", a ? ", " : "",
                      (unsigned long long)c->d.args[a]);
    if (results) {
        json_t *o = json_pack("{s:s,s:s,s:i,s:s,s:s,s:I}", "call", c->text, "arch", c->arch, "nr",
                              c->d.nr, "syscall", name ? name : "", "action",
                              ret_name(ret, buf, sizeof buf), "ret", (json_int_t)ret);
        json_t *a = json_array();
        for (unsigned i = 0; i < SS_MAX_ARGS; i++)
            json_array_append_new(a, json_integer((json_int_t)c->d.args[i]));
        json_object_set_new(o, "args", a);
        json_object_set_new(o, "decided_by", decided ? json_string(decided) : json_null());
        json_object_set_new(o, "where", where[0] ? json_string(where) : json_null());
        json_array_append_new(results, o);
    } else {
        bool native = strcmp(c->arch, ss_arch_name(ss_arch_native())) == 0;
        printf("%s%s%s(%s): %s", native ? "" : c->arch, native ? "" : " ", name ? name : "syscall",
               args, ret_name(ret, buf, sizeof buf));
        if (decided && strcmp(decided, "rule") == 0)
            printf(", by the rule at %s", where);
        else if (decided && strcmp(decided, "network") == 0)
            printf(", by [network] at %s (TCP that Landlock does not check)", where);
        else if (decided && strcmp(decided, "default") == 0)
            printf(", by the default (%s)", where);
        else if (decided && strcmp(decided, "builtin") == 0)
            printf(", by the built-in refusal of terminal input (tty_inject)");
        else if (decided)
            printf(", by the architecture check (only %s calls pass)", ss_arch_name(c->target));
        putchar('\n');
    }
    if (p && ret != v.ret) {
        cli_error("the filter %s %s but the policy says %s: refusing to vouch for it",
                  ret_name(ret, buf, sizeof buf), c->text, ret_name(v.ret, args, sizeof args));
        return 1;
    }
    return 0;
}

int cmd_test(int argc, char **argv)
{
    static char found[4096];
    enum { OPT_ARCH = 256, OPT_JSON };
    static const struct option options[] = {{"ini", required_argument, NULL, 'i'},
                                            {"arch", required_argument, NULL, OPT_ARCH},
                                            {"json", no_argument, NULL, OPT_JSON},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    const char *file = NULL, *text = NULL, *arch = ss_arch_name(ss_arch_native());
    enum ss_arch target = ss_arch_native();
    int json = 0, c, status = 0;
    struct ss_policy *p;
    json_t *results = NULL;

    while ((c = getopt_long(argc, argv, "+:i:h", options, NULL)) != -1) {
        switch (c) {
        case 'i':
            text = optarg;
            break;
        case OPT_ARCH:
            /* The filter's target, and the ABI of the calls. */
            if (!strcmp(optarg, "x86_64") || !strcmp(optarg, "i386") || !strcmp(optarg, "x32"))
                target = SS_ARCH_X86_64;
            else if (!strcmp(optarg, "aarch64") || !strcmp(optarg, "arm"))
                target = SS_ARCH_AARCH64;
            else
                return cli_usage_error(
                    "test", "--arch takes x86_64, i386, x32, aarch64 or arm, not '%s'", optarg);
            arch = optarg;
            break;
        case OPT_JSON:
            json = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("test", c, argv);
        }
    }
    if (!text && optind < argc) /* a policy name: the file it names */
        file = ss_policy_resolve_arg(argv[optind++], found, sizeof found);
    if (!file && !text)
        return cli_usage_error("test", "no policy given");
    if (optind == argc)
        return cli_usage_error("test", "no call given, e.g. 'socket(AF_INET, SOCK_STREAM, 0)'");
    if (load(target, file, text, &p))
        return 1;
    if (json)
        results = json_array();
    for (int i = optind; i < argc; i++) {
        struct call call = {.text = argv[i], .arch = arch, .target = target};
        char why[200];
        if (parse_call(target, argv[i], &call.d, why, sizeof why)) {
            cli_error("'%s': %s", argv[i], why);
            status = 1;
            continue;
        }
        call.d.arch = !strcmp(arch, "i386")  ? AUDIT_ARCH_I386
                      : !strcmp(arch, "arm") ? AUDIT_ARCH_ARM
                                             : ss_arch_audit(target);
        if (strcmp(arch, "x32") == 0)
            call.d.nr |= 0x40000000;
        if (evaluate(p, &call, results))
            status = 1;
    }
    if (json) {
        json_t *top =
            json_pack("{s:s,s:o}", "policy", file ? file : SS_INLINE_NAME, "results", results);
        json_dumpf(top, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(top);
    }
    ss_policy_free(p);
    return status;
}
