/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The model's answer: what a policy says for one call (arch, nr, args),
 * without any BPF. The verifier holds the compiled filter to it and
 * `seccomp-shim test` uses it to say which rule decided. */
#include "internal.h"

#include <linux/audit.h>
#include <linux/seccomp.h>

int ss_action_strictness(struct ss_action a)
{
    switch (a.kind) {
    case SS_ACT_KILL_PROCESS:
        return 7;
    case SS_ACT_KILL_THREAD:
        return 6;
    case SS_ACT_TRAP:
        return 5;
    case SS_ACT_ERRNO:
        return 4;
    case SS_ACT_TRACE:
        return 3;
    case SS_ACT_LOG:
        return 2;
    case SS_ACT_ALLOW:
        return 1;
    }
    return 7;
}

uint32_t ss_action_ret(const struct ss_policy *p, struct ss_action a)
{
    switch (a.kind) {
    case SS_ACT_ALLOW:
        return SECCOMP_RET_ALLOW;
    case SS_ACT_KILL_PROCESS:
        return p->explain ? SECCOMP_RET_TRAP : SECCOMP_RET_KILL_PROCESS;
    case SS_ACT_KILL_THREAD:
        return SECCOMP_RET_KILL_THREAD;
    case SS_ACT_TRAP:
        return SECCOMP_RET_TRAP;
    case SS_ACT_LOG:
        return SECCOMP_RET_LOG;
    case SS_ACT_ERRNO: /* explain = all: the handler reports, then answers the errno */
        return (p->explain_all && a.data ? SECCOMP_RET_TRAP : SECCOMP_RET_ERRNO) | a.data;
    case SS_ACT_TRACE:
        return SECCOMP_RET_TRACE | a.data;
    }
    return SECCOMP_RET_KILL_PROCESS;
}

bool ss_cond_match(const struct ss_cond *c, uint64_t v)
{
    switch (c->op) {
    case SS_OP_EQ:
        return v == c->value;
    case SS_OP_NE:
        return v != c->value;
    case SS_OP_LT:
        return v < c->value;
    case SS_OP_LE:
        return v <= c->value;
    case SS_OP_GT:
        return v > c->value;
    case SS_OP_GE:
        return v >= c->value;
    case SS_OP_MASKED_EQ:
        return (v & c->mask) == c->value;
    }
    return false;
}

bool ss_rule_match(const struct ss_rule *r, const struct seccomp_data *d)
{
    for (unsigned i = 0; i < r->ncond; i++)
        if (!ss_cond_match(&r->cond[i], d->args[r->cond[i].arg]))
            return false;
    return true;
}

void ss_policy_eval_among(const struct ss_policy *p, const size_t *which, size_t n,
                          const struct seccomp_data *d, struct ss_verdict *out)
{
    const struct ss_rule *best = NULL;

    *out = (struct ss_verdict){.action = {SS_ACT_KILL_PROCESS, 0}};
    /* libseccomp's arch check, SCMP_FLTATR_ACT_BADARCH (compile.c), and on
     * x86_64 its x32 check (aarch64 has no second ABI in its numbers). It lets
     * nr -1 (a tracer's "skip this call", which never runs) reach the rules. */
    if (d->arch != ss_arch_audit(p->arch) ||
        (p->arch == SS_ARCH_X86_64 && (uint32_t)d->nr >= 0x40000000u && d->nr != -1)) {
        out->bad_arch = true;
        out->ret = SECCOMP_RET_KILL_PROCESS;
        return;
    }
    if (ss_net_guard(p, d, &out->action)) {
        out->network = true;
        out->ret = ss_action_ret(p, out->action);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct ss_rule *r = &p->rules[which ? which[i] : i];
        if (r->nr == d->nr && ss_rule_match(r, d) &&
            (!best || ss_action_strictness(r->action) > ss_action_strictness(best->action)))
            best = r;
    }
    out->rule = best;
    out->action = best ? best->action : p->default_action;
    out->ret = ss_action_ret(p, out->action);
}

void ss_policy_eval(const struct ss_policy *p, const struct seccomp_data *d, struct ss_verdict *out)
{
    struct ss_hardened h;
    struct ss_policy as_filtered = *p;

    /* Only d's syscall: the hardening of a rule looks at its syscall's alone. */
    if (ss_harden(p, d->nr, true, &h)) {
        *out = (struct ss_verdict){.action = {SS_ACT_KILL_PROCESS, 0},
                                   .ret = SECCOMP_RET_KILL_PROCESS}; /* out of memory */
        return;
    }
    as_filtered.rules = h.rules, as_filtered.nrules = h.n;
    ss_policy_eval_among(&as_filtered, NULL, h.n, d, out);
    if (out->rule)
        out->rule = &p->rules[h.from[out->rule - h.rules]];
    ss_hardened_free(&h);
}
