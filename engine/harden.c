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
 * gets a warning. */
#include "internal.h"

static int warn_bypass(struct ss_policy *p, const struct ss_rule *r, const struct ss_cond *c,
                       const char *how)
{
    char cond[96];

    return ss_policy_warn(p, r->where,
                          "`%s` %s if the kernel reads arg%u as a 32-bit int: a caller can set the "
                          "upper 32 bits; compare with `==` or a mask instead",
                          ss_cond_format(c, cond, sizeof cond), how, c->arg);
}

int ss_policy_harden(struct ss_policy *p, bool warn)
{
    int def;

    if (p->mode != SS_MODE_FILTER || !p->has_default)
        return 0;
    def = ss_action_strictness(p->default_action);
    for (size_t i = 0; warn && i < p->books->nreplaced; i++) {
        const struct ss_rule *r = &p->books->replaced[i];
        const char *name = ss_syscall_name(r->nr);
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
    for (size_t i = 0; i < p->books->nskipped; i++) {
        const struct ss_skipped *s = &p->books->skipped[i];
        const char *hint;
        if (!warn || ss_action_strictness(s->action) <= def)
            continue;
        hint = ss_syscall_suggest(s->name); /* costly: only for a warning printed */
        if (ss_policy_warn(p, s->where,
                           "%s is not an x86_64 syscall (other architectures have it): this rule "
                           "refuses nothing here%s%s%s",
                           s->name, hint ? "; did you mean " : "", hint ? hint : "",
                           hint ? "?" : ""))
            return -1;
    }
    for (size_t i = 0; i < p->nrules; i++) {
        struct ss_rule *r = &p->rules[i];
        int s = ss_action_strictness(r->action);

        for (unsigned k = 0; k < r->ncond; k++) {
            struct ss_cond *c = &r->cond[k];
            if (c->value > 0xffffffffULL) /* no int argument: the author means 64 bits */
                continue;
            if (s > def && c->op == SS_OP_EQ) {
                c->op = SS_OP_MASKED_EQ;
                c->mask = 0xffffffffULL;
            } else if (warn && s > def && (c->op == SS_OP_LT || c->op == SS_OP_LE)) {
                if (warn_bypass(p, r, c, "can be escaped"))
                    return -1;
            } else if (warn && s < def &&
                       (c->op == SS_OP_NE || c->op == SS_OP_GT || c->op == SS_OP_GE)) {
                if (warn_bypass(p, r, c, "lets more through than it says"))
                    return -1;
            }
        }
    }
    return 0;
}
