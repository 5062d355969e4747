/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The calls a policy would refuse, judged by its model as they come, and the
 * line that allows one: for a syscall the policy allows only under argument
 * conditions, `NAME = allow if argN == VALUE && ...` over the arguments its
 * rules compare, never the syscall whole (learn --append, run --complain). */
#define _GNU_SOURCE
#include "learn.h"

#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

void refused_init(struct refused *r, const struct ss_policy *p)
{
    memset(r, 0, sizeof *r);
    r->p = p;
    /* The engine's own rules (the terminal refusal) are not the policy's
     * conditions; the 32-bit companions are the compiler's (harden.c). */
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *rule = &p->rules[i];
        if (rule->builtin || rule->nr < 0 || rule->nr >= SS_SYSCALL_SLOTS)
            continue;
        for (unsigned k = 0; k < rule->ncond; k++)
            r->checked[rule->nr] |= 1u << rule->cond[k].arg;
    }
}

void refused_free(struct refused *r)
{
    free(r->c);
    r->c = NULL;
    r->n = r->cap = 0;
}

static bool same(const struct refused_call *c, const struct seccomp_data *d, unsigned args,
                 const struct ss_verdict *v)
{
    if (c->d.nr != d->nr || c->d.arch != d->arch || c->args != args || c->rule != v->rule ||
        c->bad_arch != v->bad_arch || c->network != v->network)
        return false;
    for (unsigned k = 0; k < 6; k++)
        if (args & 1u << k && c->d.args[k] != d->args[k])
            return false;
    return true;
}

bool refused_refuses(const struct ss_verdict *v)
{
    return v->action.kind != SS_ACT_ALLOW && v->action.kind != SS_ACT_LOG;
}

int refused_add(struct refused *r, const struct seccomp_data *d, unsigned extra_args)
{
    struct ss_verdict v;
    unsigned args = extra_args;

    ss_policy_eval(r->p, d, &v);
    if (!refused_refuses(&v))
        return 0;
    if (d->nr >= 0 && d->nr < SS_SYSCALL_SLOTS)
        args |= r->checked[d->nr];
    for (size_t i = 0; i < r->n; i++)
        if (same(&r->c[i], d, args, &v)) {
            r->c[i].count++;
            return 0;
        }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct refused_call *grown = realloc(r->c, cap * sizeof *grown);
        if (!grown)
            return -1;
        r->c = grown;
        r->cap = cap;
    }
    r->c[r->n++] = (struct refused_call){
        .d = *d,
        .args = args,
        .rule = v.rule,
        .action = v.action,
        .bad_arch = v.bad_arch,
        .network = v.network,
        .count = 1,
    };
    return 0;
}

static bool by_default(const struct refused_call *c)
{
    return !c->rule && !c->bad_arch && !c->network && c->d.nr >= 0 && c->d.nr < SS_SYSCALL_SLOTS;
}

static unsigned conds(const struct refused_call *c, struct ss_cond *cond)
{
    unsigned n = 0;

    for (unsigned k = 0; k < 6; k++)
        if (c->args & 1u << k)
            cond[n++] = (struct ss_cond){.arg = k, .op = SS_OP_EQ, .value = c->d.args[k]};
    return n;
}

static int by_line(const void *a, const void *b)
{
    const struct refused_call *x = *(const struct refused_call *const *)a,
                              *y = *(const struct refused_call *const *)b;
    const char *nx = ss_syscall_name(x->d.nr), *ny = ss_syscall_name(y->d.nr);
    int by_name = nx && ny ? strcmp(nx, ny) : (nx != NULL) - (ny != NULL);

    if (by_name || x->d.nr != y->d.nr)
        return by_name ? by_name : x->d.nr - y->d.nr;
    for (unsigned k = 0; k < 6; k++)
        if (x->d.args[k] != y->d.args[k] && (x->args | y->args) & 1u << k)
            return x->d.args[k] < y->d.args[k] ? -1 : 1;
    return 0;
}

int refused_write_lines(const struct refused *r, FILE *out, const bool *want, bool seen)
{
    const struct refused_call **c = calloc(r->n ? r->n : 1, sizeof *c);
    size_t n = 0;

    if (!c)
        return -1;
    for (size_t i = 0; i < r->n; i++)
        if (by_default(&r->c[i]) && want[r->c[i].d.nr])
            c[n++] = &r->c[i];
    qsort(c, n, sizeof *c, by_line);
    for (size_t i = 0; i < n; i++) {
        struct ss_cond cond[6];
        char key[16], comment[80];
        unsigned ncond = conds(c[i], cond);
        snprintf(comment, sizeof comment, "seen %llu time%s (refused for these values)",
                 c[i]->count, c[i]->count == 1 ? "" : "s");
        policy_write_line(out, ss_rule_key(ss_arch_native(), c[i]->d.nr, key, sizeof key),
                          c[i]->d.nr, cond, ncond, seen ? comment : NULL);
    }
    free(c);
    return (int)n;
}
