/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim merge [-o OUT] POLICY POLICY...: one allowlist that allows
 * what any of the policies allows, for policies learned separately (one per
 * input, one per program of a pipeline).
 *
 * The merge is written from the parsed policies, one line per rule with the
 * file:line it came from (includes and groups come out resolved, comments
 * do not). It refuses rather than guesses: the policies must have the same
 * [policy] settings, no Landlock sections, and a syscall several of them name
 * must get the same rules from each, or an unconditional allow from one and
 * only allow rules from the others (the allow covers them; also learn's
 * clone3 and openat2 errno(ENOSYS), there for glibc's fallback). Anything else
 * (errno in one, allow in another; different conditions) is an error naming
 * both lines: a choice for whoever writes the policy. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

static const char usage[] =
    "Usage: seccomp-shim merge [-o OUT] POLICY POLICY...\n"
    "Write one allowlist that allows every syscall any POLICY allows: the union of\n"
    "policies learned separately (seccomp-shim learn), one line per rule with the\n"
    "file:line it came from.\n"
    "\n"
    "  -o, --output OUT   write the merged policy to OUT (default: standard output)\n"
    "  -h, --help         show this help\n"
    "\n"
    "The policies must agree on [policy] (default, explain, log, tty_inject) and have no\n"
    "Landlock sections. A syscall several policies name must get the same rules\n"
    "from each, or an unconditional allow from one and only allow rules from the\n"
    "others (or learn's clone3/openat2 = errno(ENOSYS)); anything else (an errno in one, allow in "
    "another; different conditions)\n"
    "is an error naming both lines, and nothing is written.\n"
    "Exit status: 0 written, 1 a policy is invalid or the policies conflict,\n"
    "2 usage error.\n";

struct merged {
    const struct ss_rule *rules[SS_SYSCALL_SLOTS][16]; /* per syscall, the rules kept */
    unsigned n[SS_SYSCALL_SLOTS];
    const struct ss_rule *also[SS_SYSCALL_SLOTS][8]; /* the same or covered rules of other files */
    unsigned nalso[SS_SYSCALL_SLOTS];
};

static bool same_rule(const struct ss_rule *a, const struct ss_rule *b)
{
    if (a->action.kind != b->action.kind || a->action.data != b->action.data ||
        a->ncond != b->ncond)
        return false;
    for (unsigned i = 0; i < a->ncond; i++)
        if (a->cond[i].arg != b->cond[i].arg || a->cond[i].op != b->cond[i].op ||
            a->cond[i].mask != b->cond[i].mask || a->cond[i].value != b->cond[i].value)
            return false;
    return true;
}

/* True when every rule of one set has an equal one in the other. */
static bool same_rules(const struct ss_rule *const *a, unsigned na, const struct ss_rule *const *b,
                       unsigned nb)
{
    for (unsigned i = 0; i < na; i++) {
        bool found = false;
        for (unsigned k = 0; k < nb && !found; k++)
            found = same_rule(a[i], b[k]);
        if (!found)
            return false;
    }
    for (unsigned k = 0; k < nb; k++) {
        bool found = false;
        for (unsigned i = 0; i < na && !found; i++)
            found = same_rule(a[i], b[k]);
        if (!found)
            return false;
    }
    return true;
}

/* `clone3 = errno(ENOSYS)` and `openat2 = errno(ENOSYS)`, which learn writes
 * so that glibc falls back to clone and openat (their struct arguments no
 * filter reads): a policy that allows the call outright covers it. */
static bool learn_fallback(const struct ss_rule *r)
{
    return (r->nr == SYS_clone3 || r->nr == SYS_openat2) && r->ncond == 0 &&
           r->action.kind == SS_ACT_ERRNO && r->action.data == ENOSYS;
}

static bool only_allows(const struct ss_rule *const *r, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (r[i]->action.kind != SS_ACT_ALLOW && !learn_fallback(r[i]))
            return false;
    return true;
}

static bool plain_allow(const struct ss_rule *const *r, unsigned n)
{
    return n == 1 && r[0]->action.kind == SS_ACT_ALLOW && r[0]->ncond == 0;
}

/* FILE:LINE for a comment: the name quoted as learn and import write names. */
static void where(const struct ss_rule *r, char *buf, size_t size)
{
    size_t n;

    cli_shell_quote(r->where.file ? r->where.file : "?", buf, size);
    n = strlen(buf);
    snprintf(buf + n, n < size ? size - n : 0, ":%u", r->where.line);
}

static bool contains(const struct ss_rule *const *set, unsigned n, const struct ss_rule *r)
{
    for (unsigned i = 0; i < n; i++)
        if (same_rule(set[i], r))
            return true;
    return false;
}

/* The first rule of a that b lacks (a[0] when none does). */
static const struct ss_rule *first_missing(const struct ss_rule *const *a, unsigned na,
                                           const struct ss_rule *const *b, unsigned nb)
{
    for (unsigned i = 0; i < na; i++)
        if (!contains(b, nb, a[i]))
            return a[i];
    return a[0];
}

static void note_also(struct merged *m, int nr, const struct ss_rule *const *rules, unsigned n)
{
    for (unsigned i = 0; i < n && m->nalso[nr] < 8; i++)
        m->also[nr][m->nalso[nr]++] = rules[i];
}

/* Joins the rules of one more policy for syscall nr to m; -1 after printing
 * the conflict. */
static int merge_syscall(struct merged *m, int nr, const struct ss_rule **rules, unsigned n)
{
    const struct ss_rule **have = m->rules[nr];
    unsigned nhave = m->n[nr];
    char a[160], b[160], wa[300], wb[300];

    if (nhave == 0) {
        memcpy(have, rules, n * sizeof *rules);
        m->n[nr] = n;
        return 0;
    }
    if (same_rules(have, nhave, rules, n) || (plain_allow(have, nhave) && only_allows(rules, n))) {
        note_also(m, nr, rules, n);
        return 0;
    }
    if (plain_allow(rules, n) && only_allows(have, nhave)) { /* the allow covers them */
        note_also(m, nr, have, nhave);
        have[0] = rules[0];
        m->n[nr] = 1;
        return 0;
    }
    where(first_missing(rules, n, have, nhave), wb, sizeof wb);
    where(first_missing(have, nhave, rules, n), wa, sizeof wa);
    cli_error(
        "%s: `%s` conflicts with %s: `%s` (merge joins rules only when they are the same "
        "or one is a plain allow; decide this one by hand)",
        wb, ss_rule_format(ss_arch_native(), first_missing(rules, n, have, nhave), 0, b, sizeof b),
        wa, ss_rule_format(ss_arch_native(), first_missing(have, nhave, rules, n), 0, a, sizeof a));
    return -1;
}

static int merge_policy(struct merged *m, const struct ss_policy *p, const struct ss_policy *first,
                        const char *file)
{
    char a[64], b[64], wa[300];

    if (p->mode != SS_MODE_FILTER) {
        cli_error("%s:%u: mode = strict: merge joins allowlists (filter mode)", file,
                  p->mode_where.line);
        return -1;
    }
    if (!p->has_default) {
        cli_error("%s: no default: merge joins allowlists", file);
        return -1;
    }
    if (p != first && (p->default_action.kind != first->default_action.kind ||
                       p->default_action.data != first->default_action.data)) {
        snprintf(wa, sizeof wa, "%s:%u", first->default_where.file, first->default_where.line);
        cli_error("%s:%u: default = %s differs from %s: default = %s", p->default_where.file,
                  p->default_where.line, ss_action_format(p->default_action, a, sizeof a), wa,
                  ss_action_format(first->default_action, b, sizeof b));
        return -1;
    }
    if (p != first && (p->explain != first->explain || p->log != first->log ||
                       p->tty_inject != first->tty_inject)) {
        cli_error("%s: explain, log or tty_inject differs from %s", file,
                  first->default_where.file);
        return -1;
    }
    if (ss_policy_has_landlock(p)) {
        cli_error("%s: has Landlock sections: merge joins [syscalls] only", file);
        return -1;
    }
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        const struct ss_rule *rules[16];
        unsigned n = 0;
        for (size_t i = 0; i < p->nrules; i++)
            if (p->rules[i].nr == nr && !p->rules[i].builtin) {
                /* not the engine's own: parsing the output adds them again */
                if (n == 16) {
                    cli_error("%s:%u: more than 16 rules for one syscall: merge them by hand", file,
                              p->rules[i].where.line);
                    return -1;
                }
                rules[n++] = &p->rules[i];
            }
        if (n && merge_syscall(m, nr, rules, n))
            return -1;
    }
    return 0;
}

/* Syscalls by name as learn writes them; numbers without a name last. */
static int by_name(const void *a, const void *b)
{
    const char *x = ss_syscall_name(*(const int *)a), *y = ss_syscall_name(*(const int *)b);

    if (x && y)
        return strcmp(x, y);
    if (x || y)
        return x ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

static int write_merged(FILE *out, const struct merged *m, const struct ss_policy *first,
                        int nfiles, char **files)
{
    char action[64], date[64], rule[SS_LINE_MAX * 2], w[300], name[800];
    int order[SS_SYSCALL_SLOTS];
    time_t now = time(NULL);
    struct tm tm;

    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S %z", localtime_r(&now, &tm));
    fputs("; Merged by seccomp-shim merge from:\n", out);
    for (int i = 0; i < nfiles; i++) {
        cli_shell_quote(files[i], name, sizeof name);
        fprintf(out, ";  %.180s\n", name);
    }
    fprintf(out, "; on %s.\n\n[policy]\ndefault = %s\n", date,
            ss_action_format(first->default_action, action, sizeof action));
    if (first->explain)
        fputs("explain = yes\n", out);
    if (first->log)
        fputs("log = yes\n", out);
    if (first->tty_inject)
        fputs("tty_inject = allow\n", out);
    fputs("\n[syscalls]\n", out);
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        order[nr] = nr;
    qsort(order, SS_SYSCALL_SLOTS, sizeof order[0], by_name);
    for (int k = 0; k < SS_SYSCALL_SLOTS; k++) {
        int nr = order[k];
        for (unsigned i = 0; i < m->n[nr]; i++) {
            size_t len;
            ss_rule_format(ss_arch_native(), m->rules[nr][i], 0, rule, sizeof rule);
            where(m->rules[nr][i], w, sizeof w);
            len = strlen(rule);
            len += snprintf(rule + len, sizeof rule - len, " ; %s", w);
            for (unsigned k = 0; i == 0 && k < m->nalso[nr] && len < sizeof rule; k++) {
                where(m->also[nr][k], w, sizeof w);
                len += snprintf(rule + len, sizeof rule - len, ", %s", w);
            }
            if (len > SS_LINE_MAX) { /* the comment is cut, never the rule */
                ss_rule_format(ss_arch_native(), m->rules[nr][i], 0, w, sizeof w);
                if (strlen(w) > SS_LINE_MAX) {
                    cli_error("%s: longer than a policy line can be", w);
                    return -1;
                }
                rule[SS_LINE_MAX] = 0;
            }
            fprintf(out, "%s\n", rule);
        }
    }
    return ferror(out) ? -1 : 0;
}

int cmd_merge(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *output = NULL;
    struct ss_policy *policies[64] = {0};
    struct merged *m;
    struct cli_output out;
    int c, n, status = 1;

    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("merge", c, argv);
        }
    }
    n = argc - optind;
    if (n < 2)
        return cli_usage_error("merge", "give at least two policies");
    if (n > 64)
        return cli_usage_error("merge", "at most 64 policies");
    m = calloc(1, sizeof *m);
    if (!m) {
        cli_error("out of memory");
        return 1;
    }
    for (int i = 0; i < n; i++) {
        policies[i] = cli_load_policy(ss_arch_native(), argv[optind + i], NULL);
        if (!policies[i] || merge_policy(m, policies[i], policies[0], argv[optind + i]))
            goto out;
    }
    if (cli_output_open(&out, output))
        goto out;
    status =
        cli_output_close(&out, write_merged(out.f, m, policies[0], n, argv + optind) == 0) ? 1 : 0;
out:
    for (int i = 0; i < n; i++)
        ss_policy_free(policies[i]);
    free(m);
    return status;
}
