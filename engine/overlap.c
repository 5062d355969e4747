/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Conditional rules for one syscall with different actions that one call can
 * match at once: the filter applies the strictest of them (compile.c compiles
 * such syscalls itself; libseccomp alone applied whichever its decision tree
 * reached first). The lines do not say which one wins: warn. */
#include "internal.h"

/* True when no call can match both: some argument is compared for equality
 * (under the same mask) with different values in the two rules, or for
 * equality in one and inequality with the same value in the other. */
static bool exclusive(const struct ss_rule *a, const struct ss_rule *b)
{
    for (unsigned i = 0; i < a->ncond; i++)
        for (unsigned j = 0; j < b->ncond; j++) {
            const struct ss_cond *x = &a->cond[i], *y = &b->cond[j];
            uint64_t xm = x->op == SS_OP_MASKED_EQ ? x->mask : ~0ULL;
            uint64_t ym = y->op == SS_OP_MASKED_EQ ? y->mask : ~0ULL;
            bool xeq = x->op == SS_OP_EQ || x->op == SS_OP_MASKED_EQ;
            bool yeq = y->op == SS_OP_EQ || y->op == SS_OP_MASKED_EQ;
            if (x->arg != y->arg)
                continue;
            if (xeq && yeq && ((x->value ^ y->value) & xm & ym))
                return true;
            if (((x->op == SS_OP_EQ && y->op == SS_OP_NE) ||
                 (x->op == SS_OP_NE && y->op == SS_OP_EQ)) &&
                x->value == y->value)
                return true;
        }
    return false;
}

/* On the rules as the filter has them (a masked comparison can match more
 * calls), without the hardening's companions, which overlap by design. */
int ss_policy_lint_overlap(struct ss_policy *p)
{
    char a1[64], a2[64];
    struct ss_hardened h;
    int rc = 0;

    if (ss_harden(p, -1, false, &h))
        return -1;
    for (size_t i = 0; i < h.n && rc == 0; i++)
        for (size_t j = i + 1; j < h.n && rc == 0; j++) {
            const struct ss_rule *a = &h.rules[i], *b = &h.rules[j];
            const char *name = ss_syscall_name_arch(p->arch, a->nr);
            if (a->nr != b->nr || !a->ncond || !b->ncond || ss_action_equal(a->action, b->action) ||
                exclusive(a, b))
                continue;
            rc = ss_policy_warn_kind(
                p, b->where, SS_WARN_OVERLAP,
                "this %s rule (%s) and the one at %s:%u (%s) can both match one "
                "call: the filter then applies the stricter; make their conditions "
                "exclusive if that is not what you mean",
                name ? name : "?", ss_action_format(b->action, a2, sizeof a2), a->where.file,
                a->where.line, ss_action_format(a->action, a1, sizeof a1));
        }
    ss_hardened_free(&h);
    return rc;
}
