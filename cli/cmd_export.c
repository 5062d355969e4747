/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim export: a policy as a raw BPF program, libseccomp's PFC, or an
 * OCI runtime (Docker, Podman, Kubernetes) seccomp profile. */
#define _GNU_SOURCE
#include "cli.h"
#include "oci.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUNTIME_CHECK_S 5 /* libseccomp compiles a Docker-sized policy in ms */

static const char usage[] =
    "Usage: seccomp-shim export --format bpf|pfc|oci [--arch ARCH] [--force] [-o OUT] FILE\n"
    "Write the filter a policy describes in another form.\n"
    "\n"
    "  -a, --arch ARCH   the filter for ARCH (x86_64 or aarch64; default: the\n"
    "                    running one): names and constants resolve for it, and an\n"
    "                    OCI profile lists it as its one architecture\n"
    "  -f, --format bpf  the raw classic BPF program (struct sock_filter array), as\n"
    "                    bwrap --seccomp FD and seccomp(2) take it\n"
    "  -f, --format pfc  libseccomp's pseudo filter code, for reading\n"
    "  -f, --format oci  an OCI runtime seccomp profile (JSON) for runc, crun,\n"
    "                    Docker, Podman or Kubernetes\n"
    "  -o, --output OUT  write to OUT instead of standard output\n"
    "      --force       oci: write the profile even when libseccomp, which runtimes\n"
    "                    compile it with, makes another filter of it than the\n"
    "                    policy says (the difference is printed as a warning)\n"
    "  -h, --help        show this help\n"
    "\n"
    "FILE - is policy text on standard input (called <stdin> in errors).\n"
    "Strict mode is no filter and cannot be exported. explain = yes is a feature of\n"
    "the shim: exported kill actions stay kill actions.\n"
    "\n"
    "An OCI profile is checked as a runtime applies it: compiled with libseccomp\n"
    "alone (which drops rules equal to the default and miscompiles some\n"
    "conditional rules) and compared with the policy call by call.\n"
    "\n"
    "Exit status: 0 on success, 1 when the policy is invalid or cannot be\n"
    "expressed in the format (or, without --force, a runtime would apply another\n"
    "filter), 2 on usage errors.\n";

enum format { FMT_BPF, FMT_PFC, FMT_OCI };

/* NULL when memory runs out. */
static json_t *oci_args(const struct ss_rule *r)
{
    json_t *args = json_array();

    for (unsigned i = 0; i < r->ncond; i++) {
        const struct ss_cond *c = &r->cond[i];
        uint64_t value, two;
        oci_cond_values(c, &value, &two);
        /* fails on a NULL args too; takes the element either way */
        if (json_array_append_new(args, json_pack("{s:I,s:I,s:I,s:s}", "index", (json_int_t)c->arg,
                                                  "value", (json_int_t)value, "valueTwo",
                                                  (json_int_t)two, "op", oci_op_name(c->op)))) {
            json_decref(args);
            return NULL;
        }
    }
    return args;
}

/* jansson integers are signed: larger values would come out negative. */
static int value_fits(const struct ss_policy *p, struct ss_error *err)
{
    for (size_t i = 0; i < p->nrules; i++)
        for (unsigned c = 0; c < p->rules[i].ncond; c++) {
            const struct ss_cond *k = &p->rules[i].cond[c];
            if (k->value > INT64_MAX || (k->op == SS_OP_MASKED_EQ && k->mask > INT64_MAX))
                return ss_fail(err, p->rules[i].where,
                               "a value above 2^63-1 cannot be written as a JSON integer "
                               "that OCI runtimes read back");
        }
    return 0;
}

static int has_name(json_t *names, const char *name)
{
    size_t i;
    json_t *v;

    json_array_foreach(names, i, v) if (strcmp(json_string_value(v), name) == 0) return 1;
    return 0;
}

/* One entry per distinct (action, conditions), with all its syscalls' names.
 * Every jansson call is checked: one that fails for lack of memory would
 * otherwise leave out a syscall, a condition or the whole list, and the
 * profile would still look whole. p's rules are the filter's, without the
 * hardening's companions (the runtime check says what is lost). */
static json_t *oci_entries(const struct ss_policy *p, struct ss_error *err)
{
    json_t *root, *syscalls = json_array();
    json_t **entry_names = NULL;
    const struct ss_rule **first = NULL;
    size_t nentries = 0;
    bool failed = false;

    if (value_fits(p, err)) {
        json_decref(syscalls);
        return NULL;
    }
    root = json_pack("{s:s}", "defaultAction", oci_action_name(p->default_action.kind));
    if (oci_action_has_ret(p->default_action))
        failed |=
            json_object_set_new(root, "defaultErrnoRet", json_integer(p->default_action.data)) != 0;
    failed |=
        json_object_set_new(root, "architectures", json_pack("[s]", oci_arch_name(p->arch))) != 0;
    if (p->log)
        failed |= json_object_set_new(root, "flags", json_pack("[s]", OCI_FLAG_LOG)) != 0;
    first = calloc(p->nrules + 1, sizeof *first);
    entry_names = calloc(p->nrules + 1, sizeof *entry_names);
    if (failed || !root || !syscalls || !first || !entry_names)
        goto out_of_memory;
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        const char *name = ss_syscall_name_arch(p->arch, r->nr);
        size_t e;

        if (ss_action_equal(r->action, p->default_action))
            continue; /* adds nothing, as in ss_compile */
        if (!name) {
            ss_fail(err, r->where, "syscall number %d has no name, and OCI profiles name syscalls",
                    r->nr);
            goto fail;
        }
        for (e = 0; e < nentries; e++)
            if (ss_action_equal(first[e]->action, r->action) &&
                ss_conds_equal(first[e]->cond, first[e]->ncond, r->cond, r->ncond))
                break;
        if (e == nentries) {
            json_t *entry =
                json_pack("{s:[],s:s}", "names", "action", oci_action_name(r->action.kind));
            json_t *names = json_object_get(entry, "names");
            failed = !names;
            if (oci_action_has_ret(r->action))
                failed |= json_object_set_new(entry, "errnoRet", json_integer(r->action.data)) != 0;
            if (r->ncond)
                failed |= json_object_set_new(entry, "args", oci_args(r)) != 0;
            if (failed) {
                json_decref(entry);
                goto out_of_memory;
            }
            if (json_array_append_new(syscalls, entry))
                goto out_of_memory;
            first[e] = r;
            entry_names[e] = names;
            nentries++;
        }
        if (!has_name(entry_names[e], name) &&
            json_array_append_new(entry_names[e], json_string(name)))
            goto out_of_memory;
    }
    failed = json_object_set_new(root, "syscalls", syscalls) != 0;
    syscalls = NULL; /* root's now, or freed */
    if (failed)
        goto out_of_memory;
    free(first);
    free(entry_names);
    return root;
out_of_memory:
    ss_fail(err, (struct ss_where){0}, "out of memory");
fail:
    json_decref(root);
    json_decref(syscalls);
    free(first);
    free(entry_names);
    return NULL;
}

/* The OCI profile of p: its rules as its filter has them, masks included. */
static json_t *oci_profile(const struct ss_policy *p, struct ss_error *err)
{
    struct ss_policy as_filtered = *p;
    json_t *profile;

    as_filtered.rules = ss_policy_filter_rules(p, false, &as_filtered.nrules);
    if (!as_filtered.rules) {
        ss_fail(err, (struct ss_where){0}, "out of memory");
        return NULL;
    }
    profile = oci_entries(&as_filtered, err);
    free(as_filtered.rules);
    return profile;
}

/* libseccomp looping on a rule pair: said, and the export ends (nothing
 * has been written yet). */
static void runtime_check_timeout(int sig)
{
    static const char msg[] =
        "seccomp-shim: export: libseccomp, which container runtimes compile OCI profiles with, "
        "does not finish compiling this policy: a runtime would hang at start; make the "
        "conditional rules of one syscall fewer or simpler\n";

    (void)sig;
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* the exit status still says it */
    }
    _exit(1);
}

/* What a container runtime makes of the OCI profile: it compiles it with
 * libseccomp alone, which drops rules equal to the default and miscompiles
 * some conditional rules the engine compiles itself (or never finishes: an
 * alarm ends that). The verifier compares the result with the policy and
 * says where they differ. 0 when they agree (or with force), else -1 with
 * the reason printed. In-process: a fork under qemu-user can hang. */
/* An unconditional rule beside the built-in refusal of terminal input
 * (engine/tty.c): libseccomp lets it win, so no OCI profile can say both. */
static const struct ss_rule *outright_beside_builtin(const struct ss_policy *p)
{
    for (size_t i = 0; i < p->nrules; i++)
        for (size_t j = 0; p->rules[i].builtin && j < p->nrules; j++)
            if (p->rules[j].nr == p->rules[i].nr && p->rules[j].ncond == 0)
                return &p->rules[j];
    return NULL;
}

/* The OCI profile of a policy whose outright rule libseccomp would let win
 * over the built-in refusal of terminal input: the rules without that
 * refusal, said on stderr. A container runtime starts the container in a
 * session of its own, on a terminal of its own (docker run -t): there is no
 * outer shell for TIOCSTI to reach. copy->rules is then an array of its own
 * (*owned, for the caller to free). */
static int leave_out_builtin(struct ss_policy *copy, struct ss_rule **owned)
{
    const struct ss_rule *outright = outright_beside_builtin(copy);
    size_t n = 0;

    *owned = NULL;
    if (!outright)
        return 0;
    *owned = calloc(copy->nrules, sizeof **owned);
    if (!*owned) {
        cli_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < copy->nrules; i++)
        if (!copy->rules[i].builtin)
            (*owned)[n++] = copy->rules[i];
    copy->rules = *owned, copy->nrules = n;
    fprintf(stderr,
            "seccomp-shim: note: %s:%u: the OCI profile leaves out the refusal of TIOCSTI and "
            "TIOCLINUX (tty_inject): libseccomp lets `%s = allow` win over it; a container "
            "runtime gives the container a terminal and a session of its own\n",
            outright->where.file, outright->where.line,
            ss_syscall_name_arch(copy->arch, outright->nr));
    return 0;
}

static int runtime_check(const struct ss_policy *p, bool force)
{
    const struct ss_rule *outright = outright_beside_builtin(p);
    static struct ss_program prog; /* 32 KiB */
    struct sigaction on_alarm = {.sa_handler = runtime_check_timeout}, old;
    struct ss_compile_options as_runtime = cli_compile_options;
    struct ss_error err;
    int rc;

    as_runtime.libseccomp_only = true;
    sigaction(SIGALRM, &on_alarm, &old);
    alarm(RUNTIME_CHECK_S);
    rc = ss_compile_with(p, &as_runtime, &prog, &err);
    alarm(0);
    sigaction(SIGALRM, &old, NULL);
    if (rc == 0)
        return 0;
    cli_print_error(&err);
    if (outright)
        fprintf(stderr,
                "seccomp-shim: %s:%u: the rule lets %s through whatever its arguments, and "
                "libseccomp lets such a rule win over the refusal of TIOCSTI and TIOCLINUX the "
                "engine adds (tty_inject): give the rule conditions, or set tty_inject = allow "
                "(a container's terminal is its own)\n",
                outright->where.file, outright->where.line,
                ss_syscall_name_arch(p->arch, outright->nr));
    if (force) {
        fprintf(stderr, "seccomp-shim: warning: export --force: container runtimes, which "
                        "compile the OCI profile with libseccomp alone, will apply another "
                        "filter than the policy (above)\n");
        return 0;
    }
    cli_error("export: not writing an OCI profile that container runtimes, which compile it "
              "with libseccomp alone, would turn into another filter than the policy (above): "
              "rules equal to the default are dropped, and libseccomp miscompiles some "
              "conditional rules the shim compiles itself; make the rules of that syscall "
              "exclusive, or use seccomp-shim run");
    return -1;
}

static int write_all(FILE *out, const void *data, size_t size)
{
    return fwrite(data, 1, size, out) == size ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"arch", required_argument, NULL, 'a'},   {"force", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},         {0}};
    static struct ss_program program; /* 32 KiB */
    const char *outpath = NULL;
    int format = -1, c, rc = 0;
    bool force = false;
    struct ss_policy *p, copy;
    struct ss_rule *owned_rules = NULL;
    struct ss_error err;
    json_t *profile = NULL;
    struct cli_output output;
    FILE *out;

    enum ss_arch arch = ss_arch_native();
    unsigned narch;

    while ((c = getopt_long(argc, argv, ":f:o:a:h", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            if ((rc = cli_parse_arch("export", optarg, false, &arch, &narch)))
                return rc;
            break;
        case 'f':
            format = !strcmp(optarg, "bpf")   ? FMT_BPF
                     : !strcmp(optarg, "pfc") ? FMT_PFC
                     : !strcmp(optarg, "oci") ? FMT_OCI
                                              : -2;
            if (format == -2)
                return cli_usage_error("export", "unknown format '%s' (bpf, pfc or oci)", optarg);
            break;
        case 'o':
            outpath = optarg;
            break;
        case 'F':
            force = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("export", c, argv);
        }
    }
    if (format < 0)
        return cli_usage_error("export", "--format bpf|pfc|oci is required");
    if (argc - optind != 1)
        return cli_usage_error("export", "give exactly one policy FILE");

    p = cli_load_policy(arch, argv[optind], NULL);
    if (!p)
        return 1;
    cli_print_warnings(p);
    if (p->mode == SS_MODE_STRICT) {
        ss_fail(&err, p->mode_where,
                "strict mode is the kernel's SECCOMP_MODE_STRICT, not a filter: it has no %s form",
                format == FMT_OCI   ? "OCI"
                : format == FMT_PFC ? "PFC"
                                    : "BPF");
        cli_print_error(&err);
        ss_policy_free(p);
        return 1;
    }
    if (ss_policy_has_landlock(p))
        fprintf(stderr,
                "seccomp-shim: note: %s: exported is the seccomp part only; the "
                "[filesystem], [network] and [scope] sections (Landlock) are not in "
                "it%s: apply them another way (seccomp-shim run, or the runtime's own "
                "settings)\n",
                argv[optind],
                format == FMT_OCI && p->landlock.network
                    ? ", nor what the filter refuses with [network] (MPTCP sockets, listen)"
                    : "");
    /* explain is the shim's SIGSYS handler; elsewhere kills must stay kills. */
    copy = *p;
    copy.explain = false;
    /* An OCI profile is the rules alone (the note above): the runtime check
     * compares it with them, without what [network] adds. */
    if (format == FMT_OCI)
        copy.landlock.guard_socket = copy.landlock.guard_listen = false;
    if (format == FMT_OCI && leave_out_builtin(&copy, &owned_rules)) {
        ss_policy_free(p);
        return 1;
    }
    /* Everything is built before OUT is opened: no half-written file on error. */
    if (format == FMT_OCI && runtime_check(&copy, force)) {
        free(owned_rules);
        ss_policy_free(p);
        return 1;
    }
    if (format == FMT_OCI)
        rc = (profile = oci_profile(&copy, &err)) ? 0 : -1;
    else
        rc = ss_compile_with(&copy, &cli_compile_options, &program, &err);
    if (rc == 0 && format == FMT_BPF && p->log)
        fprintf(stderr, "seccomp-shim: warning: log = yes is SECCOMP_FILTER_FLAG_LOG, a flag of "
                        "the installation, not part of the program: pass it to what installs it\n");
    if (rc) {
        cli_print_error(&err);
        free(owned_rules);
        ss_policy_free(p);
        return 1;
    }
    if (format == FMT_BPF && !outpath && isatty(STDOUT_FILENO)) {
        free(owned_rules);
        ss_policy_free(p);
        json_decref(profile);
        cli_error("export: not writing a binary BPF program to a terminal; use -o OUT");
        return 1;
    }
    if (cli_output_open(&output, outpath)) {
        free(owned_rules);
        ss_policy_free(p);
        json_decref(profile);
        return 1;
    }
    out = output.f;
    switch (format) {
    case FMT_BPF:
        rc = write_all(out, program.insns, program.len * sizeof program.insns[0]);
        break;
    case FMT_PFC:
        fflush(out);
        rc = ss_export_pfc(&copy, &cli_compile_options, fileno(out), &err);
        if (rc)
            cli_print_error(&err);
        break;
    case FMT_OCI:
        rc = json_dumpf(profile, out, JSON_INDENT(2)) || fputc('\n', out) == EOF;
        break;
    }
    json_decref(profile);
    free(owned_rules);
    ss_policy_free(p);
    return cli_output_close(&output, rc == 0) ? 1 : 0;
}
