/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The policy model: construction, ownership and the checks that need every rule. */
#define _GNU_SOURCE
#include "internal.h"

#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

struct ss_policy *ss_policy_new(enum ss_arch arch)
{
    struct ss_policy *p = calloc(1, sizeof *p);

    if (p && !(p->books = calloc(1, sizeof *p->books))) {
        free(p);
        return NULL;
    }
    if (p) {
        ss_source_init(&p->books->source);
        p->arch = arch;
    }
    return p;
}

void ss_policy_free(struct ss_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nwarnings; i++)
        free(p->warnings[i].msg);
    for (size_t i = 0; i < p->books->nnames; i++)
        free(p->books->names[i]);
    free(p->warnings);
    ss_landlock_free(&p->landlock);
    free(p->books->skipped);
    free(p->books->replaced);
    free(p->books->accepted);
    free(p->books->names);
    free(p->books->includes);
    free(p->books);
    free(p->rules);
    free(p);
}

/* Grows *array (of *cap elements of size each) to hold one more than n. */
static int grow(void **array, size_t *cap, size_t n, size_t size)
{
    size_t want;
    void *grown;

    if (n < *cap)
        return 0;
    want = *cap ? *cap * 2 : 16;
    grown = realloc(*array, want * size);
    if (!grown)
        return -1;
    *array = grown;
    *cap = want;
    return 0;
}

/* One copy of each name: file names, and the syscall names of skipped rules
 * (Docker's profile has 50 of other architectures). */
const char *ss_intern(struct ss_policy *p, const char *name)
{
    char *copy;

    for (size_t i = 0; i < p->books->nnames; i++)
        if (p->books->names[i][0] == name[0] && strcmp(p->books->names[i], name) == 0)
            return p->books->names[i];
    if (grow((void **)&p->books->names, &p->books->names_cap, p->books->nnames,
             sizeof *p->books->names))
        return NULL;
    copy = strdup(name);
    if (!copy)
        return NULL;
    p->books->names[p->books->nnames++] = copy;
    return copy;
}

struct ss_rule *ss_policy_add_rule(struct ss_policy *p)
{
    struct ss_rule *r;

    if (grow((void **)&p->rules, &p->books->rules_cap, p->nrules, sizeof *p->rules))
        return NULL;
    r = &p->rules[p->nrules++];
    memset(r, 0, sizeof *r);
    return r;
}

int ss_policy_skip(struct ss_policy *p, const char *name, struct ss_action action,
                   struct ss_where where)
{
    const char *interned = ss_intern(p, name);

    if (!interned || grow((void **)&p->books->skipped, &p->books->skipped_cap, p->books->nskipped,
                          sizeof *p->books->skipped))
        return -1;
    p->books->skipped[p->books->nskipped++] = (struct ss_skipped){interned, action, where};
    return 0;
}

static int vwarn(struct ss_policy *p, struct ss_where where, const char *fmt, va_list ap)
{
    char *msg;

    if (grow((void **)&p->warnings, &p->books->warnings_cap, p->nwarnings, sizeof *p->warnings))
        return -1;
    if (vasprintf(&msg, fmt, ap) < 0)
        return -1;
    p->warnings[p->nwarnings].where = where;
    p->warnings[p->nwarnings].msg = msg;
    p->nwarnings++;
    return 0;
}

int ss_policy_warn(struct ss_policy *p, struct ss_where where, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vwarn(p, where, fmt, ap);
    va_end(ap);
    return rc;
}

int ss_policy_warn_kind(struct ss_policy *p, struct ss_where where, enum ss_warning_kind kind,
                        const char *fmt, ...)
{
    va_list ap;
    int rc;

    for (size_t i = 0; i < p->books->naccepted; i++) {
        struct ss_accepted *a = &p->books->accepted[i];
        if (a->where.line == where.line && a->where.file == where.file && (a->kinds & kind)) {
            a->used |= kind;
            return 0;
        }
    }
    va_start(ap, fmt);
    rc = vwarn(p, where, fmt, ap);
    va_end(ap);
    return rc;
}

int ss_policy_accept(struct ss_policy *p, struct ss_where where, unsigned kinds)
{
    if (grow((void **)&p->books->accepted, &p->books->accepted_cap, p->books->naccepted,
             sizeof *p->books->accepted))
        return -1;
    p->books->accepted[p->books->naccepted++] = (struct ss_accepted){where, kinds, 0};
    return 0;
}

int ss_policy_add_source(struct ss_policy *p, const char *rel, const void *bytes, size_t len,
                         bool included)
{
    struct ss_policy_books *b = p->books;
    size_t n = strlen(rel) + 1;

    if (included) {
        if (b->inclen + n > b->inccap) {
            size_t cap = (b->inclen + n) * 2;
            char *grown = realloc(b->includes, cap);
            if (!grown)
                return -1;
            b->includes = grown, b->inccap = cap;
        }
        memcpy(b->includes + b->inclen, rel, n - 1);
        b->includes[b->inclen + n - 1] = '\n';
        b->inclen += n;
    }
    ss_source_add(&b->source, rel, bytes, len);
    return 0;
}

void ss_policy_source(const struct ss_policy *p, unsigned char id[SS_SOURCE_ID_LEN],
                      const char **includes, size_t *inclen)
{
    memcpy(id, p->books->id, SS_SOURCE_ID_LEN);
    *includes = p->books->includes ? p->books->includes : "";
    *inclen = p->books->inclen;
}

/* Kept for harden.c, which knows the final default (see struct ss_policy). */
static int keep_replaced(struct ss_policy *p, const struct ss_rule *r)
{
    if (grow((void **)&p->books->replaced, &p->books->replaced_cap, p->books->nreplaced,
             sizeof *p->books->replaced))
        return -1;
    p->books->replaced[p->books->nreplaced++] = *r;
    return 0;
}

/* A group line of the including file takes over a syscall the included file
 * named with a stricter rule: it replaces it, as every including rule does.
 * Said, because within one file a named line beats a group (review:
 * `@process = allow` over no-namespaces.ini re-allowed unshare silently).
 * 1 when said, 0 when not, -1 when out of memory. */
static int warn_group_replaces(struct ss_policy *p, const struct ss_rule *r, size_t first,
                               unsigned layer)
{
    const struct ss_rule *laxest = NULL;
    const char *name = ss_syscall_name_arch(p->arch, r->nr);
    char was[64], now[64];

    /* The laxest of this file's rules for the syscall: what calls matching
     * none of the stricter ones get. */
    for (size_t i = first; i < p->nrules; i++) {
        const struct ss_rule *q = &p->rules[i];
        if (q->layer == layer && q->nr == r->nr &&
            (!laxest || ss_action_strictness(q->action) < ss_action_strictness(laxest->action)))
            laxest = q;
    }
    if (!laxest || ss_action_strictness(r->action) <= ss_action_strictness(laxest->action))
        return 0;
    return ss_policy_warn(p, laxest->where,
                          "%s = %s takes %s from %s:%u, where it was %s: an including file's "
                          "rules for a syscall replace all of the included file's, a group's "
                          "too; name %s here to keep it",
                          laxest->group, ss_action_format(laxest->action, now, sizeof now),
                          name ? name : "?", r->where.file, r->where.line,
                          ss_action_format(r->action, was, sizeof was), name ? name : "it")
               ? -1
               : 1;
}

int ss_policy_resolve(struct ss_policy *p, size_t first, unsigned layer, bool lint)
{
    const size_t slots = SS_SYSCALL_SLOTS / 8;
    /* Per syscall: rules of this file; of them unconditional; rules naming
     * it alone; of them unconditional; told that a group took it. */
    unsigned char *named = calloc(slots, 5), *named_uncond = named + slots,
                  *alone = named + 2 * slots, *alone_uncond = named + 3 * slots,
                  *told = named + 4 * slots;
    size_t kept = first;
    int rc = 0;

    if (!named)
        return -1;
    for (size_t i = first; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        unsigned char bit = 1u << (r->nr % 8);
        if (r->layer != layer)
            continue;
        named[r->nr / 8] |= bit;
        named_uncond[r->nr / 8] |= r->ncond ? 0 : bit;
        alone[r->nr / 8] |= r->group ? 0 : bit;
        alone_uncond[r->nr / 8] |= r->group || r->ncond ? 0 : bit;
    }
    for (size_t i = first; i < p->nrules && rc == 0; i++) {
        const struct ss_rule *r = &p->rules[i];
        unsigned char bit = 1u << (r->nr % 8);
        bool by_file = r->layer > layer && (named[r->nr / 8] & bit),
             by_name = r->layer == layer && r->group && (alone[r->nr / 8] & bit);
        if (!by_file && !by_name) {
            p->rules[kept++] = *r;
            continue;
        }
        if (lint && by_file && !r->group && !(alone[r->nr / 8] & bit) && !(told[r->nr / 8] & bit)) {
            int said = warn_group_replaces(p, r, first, layer);
            if (said < 0) {
                rc = -1;
                break;
            }
            told[r->nr / 8] |= said ? bit : 0;
        }
        /* Replaced. When only conditional rules take over from an
         * unconditional one, calls matching none of them get the default
         * action, not the replaced one: harden.c warns if that is laxer. */
        if (r->ncond == 0 && !((by_file ? named_uncond : alone_uncond)[r->nr / 8] & bit))
            rc = keep_replaced(p, r);
    }
    p->nrules = kept;
    free(named);
    return rc;
}

static int by_syscall(const void *a, const void *b)
{
    const struct ss_rule *x = *(const struct ss_rule *const *)a,
                         *y = *(const struct ss_rule *const *)b;

    if (x->nr != y->nr)
        return x->nr < y->nr ? -1 : 1;
    return x < y ? -1 : x > y; /* then in the order they were read */
}

/* Two rules for one syscall that libseccomp would resolve silently in a way
 * the author did not write: an unconditional rule always wins over conditional
 * ones, and a second rule with the same conditions is ignored. */
static int check_pair(enum ss_arch arch, const struct ss_rule *a, const struct ss_rule *b,
                      struct ss_error *err)
{
    char act_a[120], act_b[120];
    const char *name = ss_syscall_name_arch(arch, a->nr);
    char num[16];

    if (ss_action_equal(a->action, b->action))
        return 0;
    if (!name) {
        snprintf(num, sizeof num, "%d", a->nr);
        name = num;
    }
    /* "errno(1) (from @privileged)": a group rule names the group */
    ss_action_format(a->action, act_a, 64);
    ss_action_format(b->action, act_b, 64);
    if (a->group)
        snprintf(act_a + strlen(act_a), sizeof act_a - strlen(act_a), " (from %s)", a->group);
    if (b->group)
        snprintf(act_b + strlen(act_b), sizeof act_b - strlen(act_b), " (from %s)", b->group);
    if (a->ncond == 0 && b->ncond == 0)
        return ss_fail(err, b->where, "%s = %s conflicts with %s = %s at %s:%u", name, act_b, name,
                       act_a, a->where.file, a->where.line);
    if (a->ncond == 0 || b->ncond == 0) {
        const struct ss_rule *u = a->ncond == 0 ? a : b, *c = a->ncond == 0 ? b : a;
        return ss_fail(err, c->where,
                       "conditional rule for %s can never apply: the unconditional rule at %s:%u "
                       "(%s = %s) always wins",
                       name, u->where.file, u->where.line, name, u == a ? act_a : act_b);
    }
    if (ss_conds_equal(a->cond, a->ncond, b->cond, b->ncond))
        return ss_fail(err, b->where,
                       "%s has the same conditions as the rule at %s:%u with another action", name,
                       a->where.file, a->where.line);
    return 0;
}

unsigned ss_policy_checked_args(const struct ss_policy *p, int nr)
{
    unsigned checked = 0;

    if (ss_policy_allows_outright(p, nr))
        return 0;
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->nr == nr && (r->action.kind == SS_ACT_ALLOW || r->action.kind == SS_ACT_LOG))
            for (size_t c = 0; c < r->ncond; c++)
                checked |= 1u << r->cond[c].arg;
    }
    return checked;
}

bool ss_policy_allows_outright(const struct ss_policy *p, int nr)
{
    bool named = false;

    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].nr == nr) {
            if (p->rules[i].action.kind != SS_ACT_ALLOW || p->rules[i].ncond)
                return false;
            named = true;
        }
    return named || p->default_action.kind == SS_ACT_ALLOW;
}

int ss_policy_check(struct ss_policy *p, struct ss_error *err)
{
    const struct ss_rule **sorted;
    int rc = 0;

    if (p->mode == SS_MODE_STRICT) {
        if (p->has_default)
            return ss_fail(err, p->default_where, "strict mode takes no default action");
        if (p->nrules)
            return ss_fail(err, p->rules[0].where, "strict mode takes no [syscalls] rules");
        return 0;
    }
    if (!p->has_default)
        return ss_fail(err, (struct ss_where){p->books->nnames ? p->books->names[0] : NULL, 0},
                       "no default action: add `default = kill_process` (or another action) under "
                       "[policy]");
    if (p->explain)
        for (size_t i = 0; i < p->nrules; i++)
            if (p->rules[i].action.kind == SS_ACT_TRAP)
                return ss_fail(
                    err, p->rules[i].where,
                    "trap cannot be used with explain = yes (explain needs SIGSYS itself)");
    if (p->explain_all) {
        static const struct {
            int nr;
            const char *name;
        } needs[] = {{__NR_write, "write"}, {__NR_rt_sigreturn, "rt_sigreturn"}};
        for (size_t k = 0; k < 2; k++)
            if (!ss_policy_allows_outright(p, needs[k].nr))
                return ss_fail(err, p->default_where,
                               "explain = all needs %s allowed whatever its arguments (the "
                               "handler writes the report and returns through rt_sigreturn; "
                               "refused, it would end the program)",
                               needs[k].name);
    }
    if (p->explain && p->default_action.kind == SS_ACT_TRAP)
        return ss_fail(err, p->default_where,
                       "trap cannot be used with explain = yes (explain needs SIGSYS itself)");

    sorted = malloc((p->nrules ? p->nrules : 1) * sizeof *sorted);
    if (!sorted)
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    for (size_t i = 0; i < p->nrules; i++)
        sorted[i] = &p->rules[i];
    qsort(sorted, p->nrules, sizeof *sorted, by_syscall);
    for (size_t i = 0; i < p->nrules && rc == 0; i++)
        for (size_t j = i + 1; j < p->nrules && sorted[j]->nr == sorted[i]->nr && rc == 0; j++)
            rc = check_pair(p->arch, sorted[i], sorted[j], err);
    free(sorted);
    return rc;
}

/* explain logs too: a kill it cannot report (SIGSYS blocked, or in a child
 * exec'd under the policy) is then the kernel's forced trap, which leaves a
 * record only with the log flag (issue 19: explain never loses a kill). */
unsigned ss_policy_filter_flags(const struct ss_policy *p)
{
    return p->log || p->explain ? SECCOMP_FILTER_FLAG_LOG : 0;
}

int ss_policy_enable_explain(struct ss_policy *p, struct ss_error *err)
{
    static const char why[] = "trap cannot be used with explain (explain needs SIGSYS itself)";

    if (p->mode == SS_MODE_STRICT)
        return ss_fail(err, p->mode_where,
                       "explain does not apply to strict mode: its kills are SIGKILL, which "
                       "nothing can report");
    if (p->default_action.kind == SS_ACT_TRAP)
        return ss_fail(err, p->default_where, "%s", why);
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].action.kind == SS_ACT_TRAP)
            return ss_fail(err, p->rules[i].where, "%s", why);
    p->explain = true;
    return 0;
}
