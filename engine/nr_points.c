/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which syscall numbers the verifier must try (verify.c). A program that
 * reads nr only to compare it with constants (JEQ, JGT, JGE against k)
 * takes, for given arch and arguments, the same path for every number on
 * which those comparisons come out the same: between two consecutive
 * constants its answer cannot change. The policy's answer changes only at
 * the numbers it names and at its x32 boundaries. So with both sets of
 * points, one number of each interval between points stands for all of
 * them; the verifier tries each point and each interval's ends and middle.
 *
 * The proof needs nr to reach nothing but such comparisons. A holds nr from
 * `ld [nr]` until A is loaded again; the flow below follows that (jumps go
 * forward only, so one pass in order sees every way into an instruction)
 * and gives up on anything else done with A while it may hold nr:
 * arithmetic, TAX, a store, JSET, a comparison with X, returning A. The
 * verifier then tries every number instead. */
#include "internal.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>

enum { REACHED = 1, MAY_BE_NR = 2 };

int ss_nr_point(struct ss_nr_points *pts, uint32_t v)
{
    unsigned i;

    if (v < SS_SYSCALL_SLOTS) {
        pts->low[v / 8] |= 1u << v % 8;
        return 0;
    }
    for (i = pts->nhigh; i > 0 && pts->high[i - 1] >= v; i--)
        if (pts->high[i - 1] == v)
            return 0;
    if (pts->nhigh == SS_NR_POINTS_HIGH)
        return -1;
    memmove(pts->high + i + 1, pts->high + i, (pts->nhigh - i) * sizeof pts->high[0]);
    pts->high[i] = v;
    pts->nhigh++;
    return 0;
}

static void flow(unsigned char *state, unsigned to, unsigned char from)
{
    state[to] |= from;
}

bool ss_nr_compared_only(const struct ss_program *prog, struct ss_nr_points *pts)
{
    static unsigned char state[SS_PROGRAM_MAX]; /* not on the shim's stack */
    bool only = true;

    memset(state, 0, prog->len);
    state[0] = REACHED;
    for (unsigned pc = 0; pc < prog->len; pc++) {
        const struct sock_filter *f = &prog->insns[pc];
        const unsigned char in = state[pc], nr = in & MAY_BE_NR;

        if (!(in & REACHED))
            continue;
        switch (BPF_CLASS(f->code)) {
        case BPF_LD: /* A is loaded again: nr only from `ld [nr]` */
            flow(state, pc + 1,
                 REACHED | (f->code == (BPF_LD | BPF_W | BPF_ABS) &&
                                    f->k == offsetof(struct seccomp_data, nr)
                                ? MAY_BE_NR
                                : 0));
            continue;
        case BPF_LDX:
        case BPF_STX:
            flow(state, pc + 1, in);
            continue;
        case BPF_RET:
            if (nr && BPF_RVAL(f->code) == BPF_A)
                only = false;
            continue;
        case BPF_MISC:
            if (nr && BPF_MISCOP(f->code) == BPF_TAX)
                only = false;
            flow(state, pc + 1, BPF_MISCOP(f->code) == BPF_TXA ? REACHED : in);
            continue;
        case BPF_JMP:
            if (BPF_OP(f->code) == BPF_JA) {
                flow(state, pc + 1 + f->k, in);
                continue;
            }
            if (nr && (BPF_SRC(f->code) != BPF_K || BPF_OP(f->code) == BPF_JSET ||
                       ss_nr_point(pts, f->k)))
                only = false;
            flow(state, pc + 1 + f->jt, in);
            flow(state, pc + 1 + f->jf, in);
            continue;
        }
        /* BPF_ST and BPF_ALU: nr stored or changed. */
        if (nr)
            only = false;
        flow(state, pc + 1, in);
    }
    return only;
}

/* Calls visit for n, the ends and middle of the interval before it (after
 * the point *prev), and moves *prev on. */
static int visit_upto(uint64_t *prev, uint64_t n, int (*visit)(void *, uint32_t), void *arg)
{
    const uint64_t lo = *prev + 1, mid = (*prev + n) / 2;
    int rc = 0;

    if (lo < n)
        rc = visit(arg, (uint32_t)lo);
    if (rc == 0 && mid > lo && mid < n - 1)
        rc = visit(arg, (uint32_t)mid);
    if (rc == 0 && n - 1 > lo)
        rc = visit(arg, (uint32_t)(n - 1));
    if (rc == 0)
        rc = visit(arg, (uint32_t)n);
    *prev = n;
    return rc;
}

int ss_nr_walk(const struct ss_nr_points *pts, int (*visit)(void *, uint32_t), void *arg)
{
    uint64_t prev = 0;
    int rc = visit(arg, 0);

    for (uint32_t byte = 0; byte < SS_SYSCALL_SLOTS / 8 && rc == 0; byte++)
        for (uint32_t bits = pts->low[byte], v; bits && rc == 0; bits &= bits - 1)
            if ((v = byte * 8 + (uint32_t)__builtin_ctz(bits)) > 0)
                rc = visit_upto(&prev, v, visit, arg);
    for (unsigned i = 0; i < pts->nhigh && rc == 0; i++)
        rc = visit_upto(&prev, pts->high[i], visit, arg);
    if (rc == 0 && prev != UINT32_MAX)
        rc = visit_upto(&prev, UINT32_MAX, visit, arg);
    return rc;
}
