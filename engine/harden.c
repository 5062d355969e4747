/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* 32-bit arguments. Many syscalls take `int` arguments (socket's family,
 * openat's dirfd, prctl's option): the kernel reads the low 32 bits of the
 * register, but the filter sees all 64, and the caller chooses the upper
 * half. A rule stricter than the default that says `arg0 == AF_INET` would
 * not match 0x100000002, which the kernel still reads as AF_INET.
 *
 * Without the syscalls' argument types we make each comparison err on the
 * strict side: in a rule stricter than the default, `==` compares the low 32
 * bits (for a 64-bit argument it then matches more values, never fewer). What
 * a mask cannot express (`<` in a stricter rule; `!=`, `>` in a laxer one)
 * gets a warning.
 *
 * The model keeps the rules as written: the parse only warns (lint), and
 * ss_harden makes the rules a filter is built from whenever the compiler,
 * the verifier or the model's verdict needs them. */
#include "internal.h"

#include <stdlib.h>

static int warn_bypass(struct ss_policy *p, const struct ss_rule *r, const struct ss_cond *c,
                       const char *how)
{
    char cond[96];

    return ss_policy_warn_kind(
        p, r->where, SS_WARN_INT_COMPARE,
        "`%s` %s if the kernel reads arg%u as a 32-bit int: a caller can set the "
        "upper 32 bits; compare with `==` or a mask instead",
        ss_cond_format(c, cond, sizeof cond), how, c->arg);
}

/* The strictest (most: true) or laxest action the policy gives nr, counting
 * conditional rules; the default's when no rule names it. */
static int strictness_of(const struct ss_policy *p, int nr, bool most)
{
    int found = -1;

    for (size_t i = 0; i < p->nrules; i++) {
        int s = ss_action_strictness(p->rules[i].action);
        if (p->rules[i].nr == nr && (found < 0 || (most ? s > found : s < found)))
            found = s;
    }
    return found < 0 ? ss_action_strictness(p->default_action) : found;
}

/* A rule for a syscall the target lacks (mkdir on aarch64). Quiet when the
 * policy treats the target's form (mkdirat) at least as the rule meant: a
 * policy for several architectures names both. */
static int warn_skipped(struct ss_policy *p, const struct ss_skipped *sk, int def)
{
    const char *arch = ss_arch_name(p->arch), *hint, *form;
    int s = ss_action_strictness(sk->action), forms[3], n;

    if (s == def)
        return 0;
    /* A deny-list must refuse the preferred form; an allow-list allow one. */
    n = ss_syscall_siblings(p->arch, sk->name, forms, 3);
    for (int k = 0; k < n; k++) {
        if (s > def ? strictness_of(p, forms[k], true) >= s
                    : strictness_of(p, forms[k], false) <= s)
            break;
        if (s < def && k + 1 < n)
            continue;
        form = ss_syscall_name_arch(p->arch, forms[s > def ? 0 : k]);
        return ss_policy_warn(p, sk->where,
                              "%s %s, but %s has only %s, which this policy does not %s: add a "
                              "rule for %s (rules for names %s lacks are skipped there)",
                              s > def ? "denies" : "allows", sk->name, arch, form,
                              s > def ? "deny as strictly" : "allow", form, arch);
    }
    if (n || s < def)
        return 0;
    hint = ss_syscall_suggest_arch(p->arch, sk->name); /* costly: only for a warning printed */
    return ss_policy_warn(p, sk->where,
                          "%s is not an %s syscall (other architectures have it): this rule "
                          "refuses nothing here%s%s%s",
                          sk->name, arch, hint ? "; did you mean " : "", hint ? hint : "",
                          hint ? "?" : "");
}

/* The laxest action a call of r's syscall can get when r does not match:
 * the default's, or a laxer rule's for the same syscall among rules[0..n). */
static int floor_of(const struct ss_rule *rules, size_t n, const struct ss_rule *r, int def)
{
    int floor = def;

    for (size_t i = 0; i < n; i++) {
        if (&rules[i] == r || rules[i].nr != r->nr)
            continue; /* first: most rules are for other syscalls */
        int s = ss_action_strictness(rules[i].action);
        if (s < floor)
            floor = s;
    }
    return floor;
}

/* A rule at the end of h, made from p->rules[from]; NULL when out of memory.
 * Valid until the next call. */
static struct ss_rule *push(struct ss_hardened *h, size_t from, size_t *cap)
{
    if (h->n == *cap) {
        size_t want = *cap ? 2 * *cap : 16;
        struct ss_rule *r = realloc(h->rules, want * sizeof *r);
        size_t *f = r ? realloc(h->from, want * sizeof *f) : NULL;
        if (r)
            h->rules = r;
        if (!f)
            return NULL;
        h->from = f, *cap = want;
    }
    h->from[h->n] = from;
    h->rules[h->n] = (struct ss_rule){0};
    return &h->rules[h->n++];
}

/* r's `argk == V` with a laxer rule L below it: a call whose arg k reads as
 * V to the kernel but has its upper half set escapes r to L. Masking r would
 * also hand r's action, laxer than the default, to calls that got the
 * default (a 64-bit argument: `lseek = log if arg1 == 4096` let
 * lseek(fd, 0x100001000) run; review). So the escape is closed where it
 * happens, one companion per laxer rule: r's conditions (its `==` on int
 * values compared on the low 32 bits), argk > 0xffffffff and L's conditions,
 * with r's action. Calls that match no laxer rule keep what they got. When
 * the conditions do not fit in one rule: the default's action (stricter). */
static int add_companion(const struct ss_policy *p, struct ss_hardened *h, size_t *cap, size_t i,
                         unsigned k, size_t laxer)
{
    struct ss_rule *c = push(h, h->from[i], cap), *r = &h->rules[i], *l = &h->rules[laxer];

    if (!c)
        return -1;
    *c = *r;
    for (unsigned j = 0; j < c->ncond; j++)
        if (c->cond[j].op == SS_OP_EQ && c->cond[j].value <= 0xffffffffULL) {
            c->cond[j].op = SS_OP_MASKED_EQ;
            c->cond[j].mask = 0xffffffffULL;
        }
    c->cond[c->ncond++] =
        (struct ss_cond){.arg = r->cond[k].arg, .op = SS_OP_GT, .value = 0xffffffffULL};
    if (c->ncond + l->ncond <= SS_MAX_ARGS) {
        for (unsigned j = 0; j < l->ncond; j++)
            c->cond[c->ncond++] = l->cond[j];
    } else {
        c->action = p->default_action;
    }
    return 0;
}

/* The walk over h's own rules (rules[0..nown)) that both hardens and warns:
 * hardens when h is writable (harden), warns into warn when not NULL. What
 * it warns about does not depend on what it changed (a rule is masked or
 * gets companions, never both; the checks read actions and counts). */
static int walk(const struct ss_policy *p, struct ss_hardened *h, size_t *cap, bool harden,
                struct ss_policy *warn)
{
    int def = ss_action_strictness(p->default_action);

    for (size_t i = 0; i < h->nown; i++) {
        struct ss_rule *r = &h->rules[i];
        int s = ss_action_strictness(r->action), floor = def;

        /* Only a conditional rule no stricter than the default can have a
         * laxer rule below it that matters (a search per rule: only those). */
        if (r->ncond && s <= def)
            floor = floor_of(h->rules, h->nown, r, def);

        for (unsigned k = 0; k < r->ncond; k++) {
            struct ss_cond *c = &r->cond[k];
            if (c->value > 0xffffffffULL) /* no int argument: the author means 64 bits */
                continue;
            if (s > floor && s < def && c->op == SS_OP_EQ) {
                /* laxer than the default: the companion, or (no room for
                 * its extra condition) a warning, never a wider r */
                if (r->ncond < SS_MAX_ARGS) {
                    for (size_t l = 0; harden && l < h->nown; l++) {
                        const struct ss_rule *q = &h->rules[l];
                        if (l == i || q->nr != r->nr || ss_action_strictness(q->action) >= s)
                            continue;
                        if (add_companion(p, h, cap, i, k, l))
                            return -1;
                        r = &h->rules[i]; /* the array may have moved */
                        c = &r->cond[k];
                    }
                } else if (warn && warn_bypass(warn, r, c, "can be escaped")) {
                    return -1;
                }
            } else if (s > floor && c->op == SS_OP_EQ) {
                if (harden) {
                    c->op = SS_OP_MASKED_EQ;
                    c->mask = 0xffffffffULL;
                }
            } else if (warn && s > floor && (c->op == SS_OP_LT || c->op == SS_OP_LE)) {
                if (warn_bypass(warn, r, c, "can be escaped"))
                    return -1;
            } else if (warn && s < def &&
                       (c->op == SS_OP_NE || c->op == SS_OP_GT || c->op == SS_OP_GE)) {
                if (warn_bypass(warn, r, c, "lets more through than it says"))
                    return -1;
            }
        }
    }
    return 0;
}

/* Whether the hardening applies to p at all. */
static bool hardened(const struct ss_policy *p)
{
    return p->mode == SS_MODE_FILTER && p->has_default;
}

/* Appends p's rules (of syscall nr when nr >= 0) that are built in or not. */
static int copy_rules(const struct ss_policy *p, int nr, bool builtin, struct ss_hardened *h,
                      size_t *cap)
{
    for (size_t i = 0; i < p->nrules; i++) {
        struct ss_rule *r;
        if (p->rules[i].builtin != builtin || (nr >= 0 && p->rules[i].nr != nr))
            continue;
        if (!(r = push(h, i, cap)))
            return -1;
        *r = p->rules[i];
    }
    return 0;
}

int ss_harden(const struct ss_policy *p, int nr, bool companions, struct ss_hardened *h)
{
    size_t cap = 0;

    *h = (struct ss_hardened){0};
    if (copy_rules(p, nr, false, h, &cap))
        goto out_of_memory;
    h->nown = h->n;
    if (hardened(p) && walk(p, h, &cap, true, NULL))
        goto out_of_memory;
    if (!companions)
        h->n = h->nown;
    h->ncompanions = h->n - h->nown;
    /* The built-in rules come after the hardening, which judges what the
     * author wrote (tty.c adds them where the hardened rules do not refuse). */
    if (copy_rules(p, nr, true, h, &cap))
        goto out_of_memory;
    return 0;
out_of_memory:
    ss_hardened_free(h);
    return -1;
}

void ss_hardened_free(struct ss_hardened *h)
{
    free(h->rules);
    free(h->from);
    *h = (struct ss_hardened){0};
}

struct ss_rule *ss_policy_filter_rules(const struct ss_policy *p, bool companions, size_t *n)
{
    struct ss_hardened h;

    if (ss_harden(p, -1, companions, &h))
        return NULL;
    free(h.from);
    *n = h.n;
    return h.rules ? h.rules : calloc(1, sizeof *h.rules);
}

int ss_policy_harden_lint(struct ss_policy *p)
{
    struct ss_hardened h = {.rules = p->rules, .n = p->nrules, .nown = p->nrules};
    int def;

    if (!hardened(p))
        return 0;
    def = ss_action_strictness(p->default_action);
    for (size_t i = 0; i < p->books->nreplaced; i++) {
        const struct ss_rule *r = &p->books->replaced[i];
        const char *name = ss_syscall_name_arch(p->arch, r->nr);
        char action[64];
        if (ss_action_strictness(r->action) > def &&
            ss_policy_warn(p, r->where,
                           "%s = %s%s%s is replaced by conditional rules only: a %s call that "
                           "matches none of their conditions gets the laxer default action, "
                           "not %s",
                           name ? name : "?", ss_action_format(r->action, action, sizeof action),
                           r->group ? " from " : "", r->group ? r->group : "", name ? name : "?",
                           action))
            return -1;
    }
    for (size_t i = 0; i < p->books->nskipped; i++)
        if (warn_skipped(p, &p->books->skipped[i], def))
            return -1;
    return walk(p, &h, NULL, false, p);
}
