/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policy model -> BPF program, through libseccomp. The program is exported
 * into our own buffer and installed by install.c, so nothing libseccomp
 * allocated is freed (or munmapped) after the filter is live.
 *
 * libseccomp 2.5.4 gets several conditional rules for one syscall wrong:
 * with range comparisons on one argument its decision tree tests the wrong
 * argument or falls through to the default (an allow-list then allows what
 * no rule allows, a deny-list lets through what a rule refuses), and some
 * pairs of rules (`!=`, `<=`, `>` and a mask) make rule_add loop forever.
 * So libseccomp only ever sees shapes it gets right: for such a syscall it
 * gets one unconditional placeholder rule, ERRNO(E) with an E that no action
 * of the policy returns (libseccomp takes at most 4094), and we
 * replace the placeholder's returns with jumps to code of our own appended
 * after its program: the rules in order of strictness, the first that
 * matches decides, then the default (the model, eval.c). A syscall with an
 * unconditional rule gets only that (its conditional rules have the same
 * action: ss_policy_check), unless the engine added a refusal of its own
 * (tty.c): then it is ours too. verify.c checks the result on every compile. */
#define _GNU_SOURCE
#include "internal.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The syscalls whose rules we compile ourselves, in the order first named,
 * and those with an unconditional rule. */
struct own {
    int nrs[SS_SYSCALL_SLOTS];
    uint16_t placeholder[SS_SYSCALL_SLOTS]; /* an errno no action of the policy returns */
    unsigned n;
    unsigned char uncond[SS_SYSCALL_SLOTS / 8];
};

static bool has_unconditional(const struct own *own, int nr)
{
    return own->uncond[nr / 8] & 1u << nr % 8;
}

static bool errno_used(const struct ss_policy *p, unsigned e)
{
    if (e == SS_PROBE_ERRNO ||
        (p->default_action.kind == SS_ACT_ERRNO && p->default_action.data == e))
        return true;
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].action.kind == SS_ACT_ERRNO && p->rules[i].action.data == e)
            return true;
    return false;
}

static void find_own(const struct ss_policy *p, bool libseccomp_only, struct own *own)
{
    unsigned char conds[SS_SYSCALL_SLOTS] = {0};
    unsigned e = SS_ERRNO_MAX; /* libseccomp takes errnos below it */

    memset(own, 0, sizeof *own);
    if (libseccomp_only)
        return;
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].ncond == 0)
            own->uncond[p->rules[i].nr / 8] |= 1u << p->rules[i].nr % 8;
    /* conds: conditional rules seen (up to 2), 3 once the syscall is ours */
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->ncond == 0 || conds[r->nr] == 3)
            continue;
        conds[r->nr] += conds[r->nr] < 2;
        /* Two conditional rules; or a built-in refusal, which may stand
         * beside an unconditional rule it must win over (tty.c). */
        if (r->builtin || (conds[r->nr] == 2 && !has_unconditional(own, r->nr))) {
            conds[r->nr] = 3;
            while (errno_used(p, --e))
                ;
            own->placeholder[own->n] = e;
            own->nrs[own->n++] = r->nr;
        }
    }
}

static unsigned cond_len(enum ss_op op)
{
    return op == SS_OP_MASKED_EQ ? 6 : op == SS_OP_EQ || op == SS_OP_NE ? 4 : 5;
}

/* One 64-bit comparison as two 32-bit halves: falls through when c holds,
 * jumps to fail (absolute) when not. Writes cond_len(c->op) instructions at
 * insns[at]. */
static void emit_cond(struct sock_filter *insns, unsigned at, const struct ss_cond *c,
                      unsigned fail)
{
    uint32_t hi = c->value >> 32, lo = (uint32_t)c->value;
    uint32_t mhi = c->mask >> 32, mlo = (uint32_t)c->mask;
#define F(i) SS_TO(fail, at + (i))
    struct sock_filter *f = insns + at;

    switch (c->op) {
    case SS_OP_EQ:
        f[0] = (struct sock_filter)SS_LD_ARG_HI(c->arg),
        f[1] = (struct sock_filter)SS_JEQ(hi, 0, F(1));
        f[2] = (struct sock_filter)SS_LD_ARG_LO(c->arg),
        f[3] = (struct sock_filter)SS_JEQ(lo, 0, F(3));
        break;
    case SS_OP_NE:
        f[0] = (struct sock_filter)SS_LD_ARG_HI(c->arg),
        f[1] = (struct sock_filter)SS_JEQ(hi, 0, 2);
        f[2] = (struct sock_filter)SS_LD_ARG_LO(c->arg),
        f[3] = (struct sock_filter)SS_JEQ(lo, F(3), 0);
        break;
    case SS_OP_MASKED_EQ:
        f[0] = (struct sock_filter)SS_LD_ARG_HI(c->arg), f[1] = (struct sock_filter)SS_AND(mhi),
        f[2] = (struct sock_filter)SS_JEQ(hi, 0, F(2));
        f[3] = (struct sock_filter)SS_LD_ARG_LO(c->arg), f[4] = (struct sock_filter)SS_AND(mlo),
        f[5] = (struct sock_filter)SS_JEQ(lo, 0, F(5));
        break;
    case SS_OP_GT: /* hi > HI, or hi == HI and lo > LO */
    case SS_OP_GE:
        f[0] = (struct sock_filter)SS_LD_ARG_HI(c->arg),
        f[1] = (struct sock_filter)SS_JGT(hi, 3, 0), f[2] = (struct sock_filter)SS_JEQ(hi, 0, F(2));
        f[3] = (struct sock_filter)SS_LD_ARG_LO(c->arg);
        f[4] = c->op == SS_OP_GT ? (struct sock_filter)SS_JGT(lo, 0, F(4))
                                 : (struct sock_filter)SS_JGE(lo, 0, F(4));
        break;
    case SS_OP_LE: /* not GT */
    case SS_OP_LT: /* not GE */
        f[0] = (struct sock_filter)SS_LD_ARG_HI(c->arg),
        f[1] = (struct sock_filter)SS_JGT(hi, F(1), 0), f[2] = (struct sock_filter)SS_JEQ(hi, 0, 2);
        f[3] = (struct sock_filter)SS_LD_ARG_LO(c->arg);
        f[4] = c->op == SS_OP_LE ? (struct sock_filter)SS_JGT(lo, F(4), 0)
                                 : (struct sock_filter)SS_JGE(lo, F(4), 0);
        break;
    }
#undef F
}

/* Appends the code for syscall nr at prog->len: its rules from the strictest
 * action down (in file order within one action), the first that matches
 * returns its action; then the default. Returns -1 when it does not fit. */
static int emit_own(const struct ss_policy *p, int nr, struct ss_program *prog)
{
    uint32_t def = ss_action_ret(p, p->default_action);
    unsigned n = prog->len, keep = n;
    size_t mine[64], nmine = 0; /* nr's rules, when they are that few */
    bool all = false;

    for (size_t i = 0; i < p->nrules && !all; i++)
        if (p->rules[i].nr == nr) {
            if (nmine == sizeof mine / sizeof mine[0])
                all = true; /* more: every level reads every rule */
            else
                mine[nmine++] = i;
        }
    for (int level = 7; level >= 1; level--)
        for (size_t j = 0; j < (all ? p->nrules : nmine); j++) {
            const struct ss_rule *r = &p->rules[all ? j : mine[j]];
            unsigned len = 1, at;
            if (r->nr != nr || ss_action_strictness(r->action) != level)
                continue;
            for (unsigned c = 0; c < r->ncond; c++)
                len += cond_len(r->cond[c].op);
            if (n + len + 1 > SS_POLICY_INSNS_MAX)
                return -1;
            at = n;
            for (unsigned c = 0; c < r->ncond; c++) {
                emit_cond(prog->insns, at, &r->cond[c], n + len);
                at += cond_len(r->cond[c].op);
            }
            prog->insns[at] = (struct sock_filter)SS_RET(ss_action_ret(p, r->action));
            n += len;
            /* Trailing rules that do what the default does add nothing. */
            if (ss_action_ret(p, r->action) != def)
                keep = n;
        }
    prog->insns[keep] = (struct sock_filter)SS_RET(def);
    prog->len = keep + 1;
    return 0;
}

/* Replaces each placeholder return of libseccomp's program with a jump to
 * our code for that syscall, appended after it. */
static int splice_own(const struct ss_policy *p, const struct own *own, struct ss_program *prog,
                      struct ss_error *err)
{
    unsigned len = prog->len;

    for (unsigned k = 0; k < own->n; k++) {
        unsigned start = prog->len;
        if (emit_own(p, own->nrs[k], prog))
            return ss_fail(err, (struct ss_where){p->books->nnames ? p->books->names[0] : NULL, 0},
                           "the filter has more than %d instructions, the most the kernel takes "
                           "besides the shim's %d: split the policy or use fewer conditional "
                           "rules",
                           SS_POLICY_INSNS_MAX, SS_PROBE_LEN);
        for (unsigned i = 0; i < len; i++)
            if (prog->insns[i].code == (BPF_RET | BPF_K) &&
                prog->insns[i].k == (SECCOMP_RET_ERRNO | own->placeholder[k]))
                prog->insns[i] = (struct sock_filter)SS_JA(SS_TO(start, i));
    }
    return 0;
}

/* explain = all: every errno(E) return becomes a trap carrying E (libseccomp
 * takes no data with SCMP_ACT_TRAP); the kernel hands E to the SIGSYS handler
 * as si_errno, and the handler reports and answers -E (preload/explain.c).
 * errno(0) stays: a trap with 0 means a kill to the handler. */
static void errno_as_trap(struct ss_program *prog)
{
    for (unsigned i = 0; i < prog->len; i++)
        if (prog->insns[i].code == (BPF_RET | BPF_K) &&
            (prog->insns[i].k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO &&
            (prog->insns[i].k & SECCOMP_RET_DATA))
            prog->insns[i].k = SECCOMP_RET_TRAP | (prog->insns[i].k & SECCOMP_RET_DATA);
}

static int own_index(const struct own *own, int nr)
{
    for (unsigned k = 0; k < own->n; k++)
        if (own->nrs[k] == nr)
            return (int)k;
    return -1;
}

static uint32_t scmp_action(struct ss_action a, bool explain)
{
    switch (a.kind) {
    case SS_ACT_ALLOW:
        return SCMP_ACT_ALLOW;
    case SS_ACT_KILL_PROCESS:
        return explain ? SCMP_ACT_TRAP : SCMP_ACT_KILL_PROCESS;
    case SS_ACT_KILL_THREAD:
        return SCMP_ACT_KILL_THREAD;
    case SS_ACT_TRAP:
        return SCMP_ACT_TRAP;
    case SS_ACT_LOG:
        return SCMP_ACT_LOG;
    case SS_ACT_ERRNO:
        return SCMP_ACT_ERRNO(a.data);
    case SS_ACT_TRACE:
        return SCMP_ACT_TRACE(a.data);
    }
    return SCMP_ACT_KILL_PROCESS;
}

static enum scmp_compare scmp_op(enum ss_op op)
{
    static const enum scmp_compare map[] = {[SS_OP_EQ] = SCMP_CMP_EQ,
                                            [SS_OP_NE] = SCMP_CMP_NE,
                                            [SS_OP_LT] = SCMP_CMP_LT,
                                            [SS_OP_LE] = SCMP_CMP_LE,
                                            [SS_OP_GT] = SCMP_CMP_GT,
                                            [SS_OP_GE] = SCMP_CMP_GE,
                                            [SS_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ};
    return map[op];
}

static int add_rule(scmp_filter_ctx ctx, const struct ss_rule *r, uint32_t action,
                    struct ss_error *err)
{
    struct scmp_arg_cmp cmp[SS_MAX_ARGS];
    int rc;

    for (unsigned i = 0; i < r->ncond; i++) {
        const struct ss_cond *c = &r->cond[i];
        cmp[i] = (struct scmp_arg_cmp){.arg = c->arg, .op = scmp_op(c->op)};
        if (c->op == SS_OP_MASKED_EQ) {
            cmp[i].datum_a = c->mask;
            cmp[i].datum_b = c->value;
        } else {
            cmp[i].datum_a = c->value;
        }
    }
    rc = seccomp_rule_add_exact_array(ctx, action, r->nr, r->ncond, cmp);
    if (rc == -EEXIST)
        return ss_fail(err, r->where, "conflicts with another rule for the same syscall");
    if (rc < 0)
        return ss_fail(err, r->where, "libseccomp refused the rule: %s", strerror(-rc));
    return 0;
}

static int export_program(scmp_filter_ctx ctx, struct ss_program *out, struct ss_where where,
                          struct ss_error *err)
{
    struct ss_where none = {0};
    off_t size;
    int fd, rc;

    fd = memfd_create("seccomp-shim-bpf", MFD_CLOEXEC);
    if (fd < 0)
        return ss_fail(err, none, "memfd_create: %s", strerror(errno));
    rc = seccomp_export_bpf(ctx, fd);
    if (rc < 0) {
        close(fd);
        return ss_fail(err, none, "libseccomp could not generate the filter: %s", strerror(-rc));
    }
    size = lseek(fd, 0, SEEK_END);
    if (size <= 0 || size % sizeof(struct sock_filter) ||
        size / sizeof(struct sock_filter) > SS_POLICY_INSNS_MAX) {
        close(fd);
        return ss_fail(err, where,
                       "the filter has %lld instructions; the kernel takes at most %d, of which "
                       "the shim needs %d: split the policy or use fewer conditional rules",
                       (long long)(size / sizeof(struct sock_filter)), SS_PROGRAM_MAX,
                       SS_PROBE_LEN);
    }
    if (pread(fd, out->insns, size, 0) != size) {
        close(fd);
        return ss_fail(err, none, "cannot read the generated filter back");
    }
    close(fd);
    out->len = size / sizeof(struct sock_filter);
    return 0;
}

/* The libseccomp context for a filter-mode policy: the one place where the
 * model becomes libseccomp rules, shared by ss_compile and ss_export_pfc.
 * Fills own with the syscalls the engine compiles itself. */
static scmp_filter_ctx build_context(const struct ss_policy *p, const struct ss_compile_options *o,
                                     struct own *own, struct ss_error *err)
{
    uint32_t def;
    scmp_filter_ctx ctx;
    int rc = 0;

    if (p->mode != SS_MODE_FILTER) {
        ss_fail(err, p->mode_where, "strict mode has no filter to compile");
        return NULL;
    }
    if (o->assume_api && seccomp_api_set(o->assume_api) < 0) {
        ss_fail(err, (struct ss_where){0}, "libseccomp has no API level %u", o->assume_api);
        return NULL;
    }
    find_own(p, o->libseccomp_only, own);
    def = scmp_action(p->default_action, p->explain);
    ctx = seccomp_init(def);
    if (!ctx) {
        ss_fail(err, p->default_where, "libseccomp refused the default action");
        return NULL;
    }
    /* The secondary ABIs (i386 and x32 on x86_64, arm on aarch64) are never
     * let through. */
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
        rc = ss_fail(err, (struct ss_where){0}, "libseccomp refused the bad-architecture action");
    /* A binary tree of syscall numbers instead of a list: at 300 rules the
     * kernel installs it in a third of the time (it walks the filter for
     * every syscall number to fill its action cache) and an argument-checked
     * syscall costs +41 ns instead of +84 ns (docs/performance.md). */
    if (rc == 0 && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0)
        rc = ss_fail(err, (struct ss_where){0}, "libseccomp refused the binary-tree optimisation");
    for (unsigned k = 0; k < own->n && rc == 0; k++) {
        rc = seccomp_rule_add_exact(ctx, SCMP_ACT_ERRNO(own->placeholder[k]), own->nrs[k], 0);
        if (rc < 0)
            rc = ss_fail(err, (struct ss_where){0}, "libseccomp refused a rule: %s", strerror(-rc));
    }
    for (size_t i = 0; i < p->nrules && rc == 0; i++) {
        const struct ss_rule *r = &p->rules[i];
        uint32_t action = scmp_action(r->action, p->explain);
        if (own_index(own, r->nr) >= 0)
            continue;
        if (r->ncond && has_unconditional(own, r->nr))
            continue;      /* the unconditional rule, with the same action, decides */
        if (action != def) /* a rule that does what the default does adds nothing */
            rc = add_rule(ctx, r, action, err);
    }
    if (rc) {
        seccomp_release(ctx);
        return NULL;
    }
    return ctx;
}

/* A filter for another architecture than the one this runs on (`check
 * --arch`, `export --arch`): libseccomp builds it for the native one, with the
 * target's numbers as they are, and the architecture check is relabelled.
 * Adding the target to libseccomp instead would translate every number from
 * the native numbering by name, which fails for the syscalls newer than
 * libseccomp that policies name by number. The x32 check differs too: an
 * x86_64 filter kills numbers from 0x40000000 on (x32 calls), an aarch64 one
 * has no such check; relabel removes or adds it. verify.c then checks the
 * program with the target's calls and every other architecture's. */
#define X32_BIT 0x40000000u

static bool is_load(const struct sock_filter *f, uint32_t offset)
{
    return f->code == (BPF_LD | BPF_W | BPF_ABS) && f->k == offset;
}

/* The x32 check after the native x86_64 program's `ld nr` at at: always false. */
static int drop_x32_check(struct ss_program *prog, unsigned at)
{
    struct sock_filter *f = &prog->insns[at + 1];

    if (at + 1 >= prog->len || !is_load(&prog->insns[at], offsetof(struct seccomp_data, nr)) ||
        f->code != (BPF_JMP | BPF_JGE | BPF_K) || f->k != X32_BIT)
        return -1;
    f->jt = f->jf;
    return 0;
}

/* An x32 check where the native aarch64 program goes on after its arch
 * check (at): kill from 0x40000000 on, except -1 (a tracer's "skip this
 * call"), as libseccomp's x86_64 programs do. Jumps over the insertion point
 * are moved on. A program without rules loads no number: the check loads it. */
static int add_x32_check(struct ss_program *prog, unsigned at)
{
    const struct sock_filter check[] = {
        SS_LD_NR,
        SS_JGE(X32_BIT, 0, 2),
        SS_JEQ(0xffffffffu, 1, 0),
        SS_RET(SECCOMP_RET_KILL_PROCESS),
    };
    const bool loads = is_load(&prog->insns[at], offsetof(struct seccomp_data, nr));
    const unsigned n = sizeof check / sizeof check[0] - loads, pos = at + loads;

    if (prog->len + n > SS_POLICY_INSNS_MAX)
        return -1;
    for (unsigned i = 0; i < pos; i++) {
        struct sock_filter *f = &prog->insns[i];
        if (BPF_CLASS(f->code) != BPF_JMP)
            continue;
        /* A jump to pos itself (the arch check's, when no number is
         * loaded) lands on the check. */
        if (BPF_OP(f->code) == BPF_JA) {
            f->k += i + 1 + f->k > pos ? n : 0;
            continue;
        }
        if ((i + 1 + f->jt > pos && f->jt + n > 255) || (i + 1 + f->jf > pos && f->jf + n > 255))
            return -1;
        f->jt += i + 1 + f->jt > pos ? n : 0;
        f->jf += i + 1 + f->jf > pos ? n : 0;
    }
    memmove(prog->insns + pos + n, prog->insns + pos, (prog->len - pos) * sizeof prog->insns[0]);
    memcpy(prog->insns + pos, check + loads, n * sizeof check[0]);
    prog->len += n;
    return 0;
}

static int relabel(const struct ss_policy *p, struct ss_program *prog, struct ss_error *err)
{
    const uint32_t from = ss_arch_audit(ss_arch_native()), to = ss_arch_audit(p->arch);
    unsigned n = 0, at = 0;
    int rc;

    if (from == to)
        return 0;
    for (unsigned i = 1; i < prog->len; i++)
        if (prog->insns[i].code == (BPF_JMP | BPF_JEQ | BPF_K) && prog->insns[i].k == from &&
            is_load(&prog->insns[i - 1], offsetof(struct seccomp_data, arch))) {
            prog->insns[i].k = to;
            at = i + 1 + prog->insns[i].jt; /* where the target's calls go on */
            n++;
        }
    if (n != 1 || at >= prog->len)
        return ss_fail(err, (struct ss_where){0},
                       "cannot make the filter for %s: libseccomp's program checks the "
                       "architecture %u times, not once",
                       ss_arch_name(p->arch), n);
    rc = p->arch == SS_ARCH_X86_64 ? add_x32_check(prog, at) : drop_x32_check(prog, at);
    if (rc)
        return ss_fail(err, (struct ss_where){0},
                       "cannot make the filter for %s: libseccomp's program has no x32 check "
                       "where expected, or no room for one",
                       ss_arch_name(p->arch));
    return 0;
}

int ss_compile(const struct ss_policy *p, struct ss_program *out, struct ss_error *err)
{
    static const struct ss_compile_options defaults;

    return ss_compile_with(p, &defaults, out, err);
}

/* p with its rules as the filter has them (the 32-bit hardening, harden.c):
 * what the compiler and the verifier work from. */
static int as_filtered(const struct ss_policy *p, struct ss_policy *view, struct ss_hardened *h,
                       struct ss_error *err)
{
    if (ss_harden(p, -1, true, h))
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    *view = *p;
    view->rules = h->rules, view->nrules = h->n;
    return 0;
}

static int compile_hardened(const struct ss_policy *p, const struct ss_compile_options *o,
                            struct ss_program *out, struct ss_error *err)
{
    static struct own own; /* 4 KiB: not on the shim's stack */
    scmp_filter_ctx ctx;
    int rc;

    ctx = build_context(p, o, &own, err);
    if (!ctx)
        return -1;
    rc = export_program(ctx, out,
                        (struct ss_where){p->books->nnames ? p->books->names[0] : NULL, 0}, err);
    seccomp_release(ctx);
    if (rc == 0)
        rc = relabel(p, out, err);
    if (rc == 0)
        rc = splice_own(p, &own, out, err);
    if (rc == 0 && ss_net_guard_emit(p, out))
        rc = ss_fail(err, p->landlock.network_where,
                     "the filter has more than %d instructions with the [network] guard: split "
                     "the policy or use fewer conditional rules",
                     SS_POLICY_INSNS_MAX);
    if (rc == 0 && p->explain_all)
        errno_as_trap(out);
    if (rc == 0)
        rc = ss_verify_hardened(p, out, err);
    return rc;
}

int ss_compile_with(const struct ss_policy *p, const struct ss_compile_options *o,
                    struct ss_program *out, struct ss_error *err)
{
    struct ss_policy view;
    struct ss_hardened h;
    int rc;

    if (as_filtered(p, &view, &h, err))
        return -1;
    rc = compile_hardened(&view, o, out, err);
    ss_hardened_free(&h);
    return rc;
}

/* What the placeholders in libseccomp's PFC stand for, as PFC-like text. */
static int pfc_own(const struct ss_policy *p, const struct own *own, int fd)
{
    char action[64], conds[400];

    if (own->n &&
        dprintf(fd, "#\n# seccomp-shim compiles the rules of these syscalls itself (libseccomp "
                    "2.5.4 gets several\n# conditional rules for one syscall wrong): the "
                    "ERRNO actions above stand for\n# code that tries the rules from the "
                    "strictest action down; the first match decides.\n") < 0)
        return -1;
    for (unsigned k = 0; k < own->n; k++) {
        const char *name = ss_syscall_name_arch(p->arch, own->nrs[k]);
        dprintf(fd, "# ERRNO(%u): %s\n", own->placeholder[k], name ? name : "?");
        for (int level = 7; level >= 1; level--)
            for (size_t i = 0; i < p->nrules; i++) {
                const struct ss_rule *r = &p->rules[i];
                if (r->nr != own->nrs[k] || ss_action_strictness(r->action) != level)
                    continue;
                dprintf(fd, "#   if (%s) %s  [%s:%u]\n",
                        ss_conds_text(p->arch, r->nr, r->cond, r->ncond, 0, conds, sizeof conds),
                        ss_action_format(r->action, action, sizeof action), r->where.file,
                        r->where.line);
            }
        dprintf(fd, "#   else %s\n", ss_action_format(p->default_action, action, sizeof action));
    }
    return 0;
}

/* libseccomp's PFC of a native-shaped filter for another target (relabel),
 * rewritten for the target: its architecture, and its syscall comments named
 * by the target's table (libseccomp names the numbers the native way). */
static int pfc_relabel(const struct ss_policy *p, scmp_filter_ctx ctx, int fd)
{
    const uint32_t from = ss_arch_audit(ss_arch_native()), to = ss_arch_audit(p->arch);
    int mem = memfd_create("seccomp-shim-pfc", MFD_CLOEXEC), rc = -1;
    FILE *in = NULL;
    char line[512], quoted[128];
    unsigned long arch;
    int nr;

    if (mem < 0 || seccomp_export_pfc(ctx, mem) < 0 || lseek(mem, 0, SEEK_SET) < 0 ||
        !(in = fdopen(mem, "r")))
        goto out;
    mem = -1;
    while (fgets(line, sizeof line, in)) {
        const char *name;
        if (sscanf(line, "# filter for arch %*s (%lu)", &arch) == 1 && arch == from)
            rc = dprintf(fd, "# filter for arch %s (%u)\n", ss_arch_name(p->arch), to);
        else if (sscanf(line, "if ($arch == %lu)", &arch) == 1 && arch == from)
            rc = dprintf(fd, "if ($arch == %u)\n", to);
        else if (sscanf(line, "  # filter for syscall %127s (%d)", quoted, &nr) == 2) {
            name = ss_syscall_name_arch(p->arch, nr);
            rc = dprintf(fd, "  # filter for syscall \"%s\" (%d)%s", name ? name : "?", nr,
                         strchr(line, ')') + 1);
        } else
            rc = dprintf(fd, "%s", line);
        if (rc < 0)
            goto out;
    }
    rc = ferror(in) ? -1 : 0;
out:
    if (in)
        fclose(in);
    if (mem >= 0)
        close(mem);
    return rc;
}

static int export_pfc_hardened(const struct ss_policy *p, const struct ss_compile_options *o,
                               int fd, struct ss_error *err)
{
    static struct own own; /* 4 KiB: not on the shim's stack */
    scmp_filter_ctx ctx;
    int rc;

    ctx = build_context(p, o, &own, err);
    if (!ctx)
        return -1;
    rc = p->arch == ss_arch_native() ? seccomp_export_pfc(ctx, fd) : pfc_relabel(p, ctx, fd);
    seccomp_release(ctx);
    if (rc < 0)
        return ss_fail(err, (struct ss_where){0}, "libseccomp could not write the PFC: %s",
                       strerror(-rc));
    if (pfc_own(p, &own, fd) || ss_net_guard_pfc(p, fd))
        return ss_fail(err, (struct ss_where){0}, "cannot write the PFC");
    return 0;
}

int ss_export_pfc(const struct ss_policy *p, const struct ss_compile_options *o, int fd,
                  struct ss_error *err)
{
    struct ss_policy view;
    struct ss_hardened h;
    int rc;

    if (as_filtered(p, &view, &h, err))
        return -1;
    rc = export_pfc_hardened(&view, o, fd, err);
    ss_hardened_free(&h);
    return rc;
}
