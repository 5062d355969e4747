/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Terminal input. A program that shares a terminal with the shell that
 * started it can push bytes into the terminal's input queue with ioctl
 * TIOCSTI (TIOCLINUX's paste does the same on a virtual console): the shell
 * reads them as typed, and runs them unsandboxed when the program exits. So
 * every filter refuses both commands unless the policy says `tty_inject =
 * allow`. The refusal is rules of the model, added after the checks and the
 * lint (which judge what the author wrote), where the rules as the filter has
 * them (hardened) do not refuse already: the compiler, the verifier, check,
 * test and export all see it.
 *
 * The kernel's ioctl command is an unsigned int: the rules compare the low
 * 32 bits of arg1, so setting the upper half does not get past them. Their
 * action is errno(EPERM), or the default's when the default refuses too: a
 * call that got the default keeps it; one that a laxer rule let through gets
 * the refusal; a stricter rule still wins (eval.c: the strictest match). */
#include "internal.h"

#include <errno.h>

/* asm-generic/ioctls.h: the same numbers on x86_64 and aarch64. */
static const uint32_t commands[] = {0x5412 /* TIOCSTI */, 0x541C /* TIOCLINUX */};

static bool refuses(struct ss_action a)
{
    return ss_action_strictness(a) >= ss_action_strictness((struct ss_action){SS_ACT_ERRNO, 0});
}

/* Whether c can hold for some arg1 whose low 32 bits are cmd (when unsure: yes). */
static bool cond_may_match(const struct ss_cond *c, uint32_t cmd)
{
    if (c->arg != 1)
        return true;
    if (c->op == SS_OP_EQ)
        return (uint32_t)c->value == cmd;
    if (c->op == SS_OP_MASKED_EQ)
        return (c->value & ~c->mask) == 0 && (uint32_t)c->value == (cmd & (uint32_t)c->mask);
    return true;
}

/* Whether c holds for every arg1 whose low 32 bits are cmd. */
static bool cond_covers(const struct ss_cond *c, uint32_t cmd)
{
    return c->arg == 1 && c->op == SS_OP_MASKED_EQ && c->mask <= 0xffffffffULL &&
           c->value == (cmd & c->mask);
}

/* Whether some ioctl(fd, cmd) call gets an action that lets it run: a rule
 * laxer than errno may match it, or the default lets it through and no
 * refusing rule matches every such call. */
static bool needs_refusal(const struct ss_policy *p, const struct ss_hardened *h, uint32_t cmd)
{
    bool covered = false, laxer = false;

    for (size_t i = 0; i < h->n; i++) {
        const struct ss_rule *r = &h->rules[i];
        bool all = true, some = true;
        for (unsigned k = 0; k < r->ncond; k++) {
            all &= cond_covers(&r->cond[k], cmd);
            some &= cond_may_match(&r->cond[k], cmd);
        }
        if (refuses(r->action))
            covered |= all;
        else
            laxer |= some;
    }
    return !covered && (laxer || !refuses(p->default_action));
}

int ss_policy_refuse_tty_inject(struct ss_policy *p)
{
    struct ss_hardened h;
    bool elsewhere, need[sizeof commands / sizeof commands[0]];
    int nr;

    if (p->mode != SS_MODE_FILTER || p->tty_inject)
        return 0;
    nr = ss_syscall_number_arch(p->arch, "ioctl", &elsewhere);
    if (nr < 0)
        return 0;
    if (ss_harden(p, nr, true, &h))
        return -1;
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        need[k] = needs_refusal(p, &h, commands[k]);
    ss_hardened_free(&h);
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        struct ss_rule *r;
        if (!need[k])
            continue;
        if (!(r = ss_policy_add_rule(p)))
            return -1;
        r->nr = nr;
        r->action = refuses(p->default_action) ? p->default_action
                                               : (struct ss_action){SS_ACT_ERRNO, EPERM};
        r->ncond = 1;
        r->cond[0] = (struct ss_cond){
            .arg = 1, .op = SS_OP_MASKED_EQ, .mask = 0xffffffffULL, .value = commands[k]};
        r->where = (struct ss_where){p->books->nnames ? p->books->names[0] : NULL, 0};
        r->builtin = true;
    }
    return 0;
}
