/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The filter the kernel gets is the filter the policy says: after every
 * compile, the program is run through the interpreter (bpf.c) for the calls
 * where a comparison can go wrong and held to the model (eval.c). libseccomp
 * 2.5.4 miscompiles some rule shapes (compile.c rewrites the ones we know);
 * this is the net under that rewrite. A disagreement fails closed.
 *
 * Which calls: for each syscall the policy names, every combination of the
 * boundary values of the arguments its rules compare (each constant, one
 * either side, the mask's bits set and clear, the upper half set and clear,
 * 0, the 32- and 64-bit extremes, and the halves of one constant joined
 * with the halves of another) — all combinations while there are few, else
 * each rule's matching corner with one argument varied at a time, every
 * pair of values of two arguments, and a fixed pseudo-random sample — and
 * pseudo-random values; one call for a
 * syscall whose rules are all unconditional; the other numbers, x32's and
 * those above every table by intervals on which neither the program nor the
 * policy can change its answer (nr_points.c), or every one when the program
 * does more with nr than compare it; a sample of other architectures. */
#define _GNU_SOURCE
#include "internal.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUES_MAX  96   /* boundary values kept per argument */
#define WORDS_MAX   24   /* candidate values of one 32-bit half */
#define PRODUCT_MAX 4096 /* combinations tried in full; above, pairs and a sample */
#define SAMPLE      256  /* pseudo-random combinations per syscall above PRODUCT_MAX */
#define RANDOM      16   /* pseudo-random argument vectors per conditional syscall */

/* A set with its insertion order (the first VALUES_MAX values are kept);
 * slot, by hash, holds index + 1: the halves' products add hundreds. */
#define SET_SLOTS 256 /* a power of two, over twice VALUES_MAX */
_Static_assert(VALUES_MAX < 255 && WORDS_MAX <= VALUES_MAX && SET_SLOTS >= 2 * VALUES_MAX,
               "a value set's slots hold index + 1 in a byte, at most half full");
struct values {
    unsigned n, max; /* max: VALUES_MAX, or WORDS_MAX for the halves of one */
    uint64_t v[VALUES_MAX];
    uint8_t slot[SET_SLOTS];
};

struct check {
    const struct ss_policy *p;
    const struct ss_program *prog;
    struct ss_error *err;
    uint64_t seed;
    /* The rules of syscall nr: p->rules[order[start[nr] .. start[nr+1]-1]]. */
    size_t *order;
    size_t start[SS_SYSCALL_SLOTS + 1];
};

#define FOR_RULES(c, nr, r)                                                                        \
    for (size_t i_ = (c)->start[nr], *o_ = (c)->order; i_ < (c)->start[(nr) + 1]; i_++)            \
        for (const struct ss_rule *r = &(c)->p->rules[o_[i_]]; r; r = NULL)

/* Orders the rules by syscall (counting sort, file order kept). */
static int index_rules(struct check *c)
{
    const struct ss_policy *p = c->p;

    c->order = malloc((p->nrules ? p->nrules : 1) * sizeof *c->order);
    if (!c->order)
        return -1;
    memset(c->start, 0, sizeof c->start);
    for (size_t i = 0; i < p->nrules; i++)
        c->start[p->rules[i].nr + 1]++;
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        c->start[nr + 1] += c->start[nr];
    /* start[nr] serves as nr's fill point, ending at start[nr + 1]'s value,
     * then each moves back one place. */
    for (size_t i = 0; i < p->nrules; i++)
        c->order[c->start[p->rules[i].nr]++] = i;
    memmove(c->start + 1, c->start, SS_SYSCALL_SLOTS * sizeof c->start[0]);
    c->start[0] = 0;
    return 0;
}

static uint64_t next_random(uint64_t *s) /* splitmix64: deterministic, spread */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned slot_of(uint64_t v)
{
    return (v * 0x9e3779b97f4a7c15ULL) >> 56; /* Fibonacci hashing: 8 bits */
}

static void add(struct values *vs, uint64_t v)
{
    unsigned k = slot_of(v);

    for (; vs->slot[k]; k = (k + 1) % SET_SLOTS)
        if (vs->v[vs->slot[k] - 1] == v)
            return;
    if (vs->n < vs->max) {
        vs->v[vs->n++] = v;
        vs->slot[k] = vs->n;
    }
}

/* v, its neighbours, and v with the upper half cleared and set. */
static void add_around(struct values *vs, uint64_t v)
{
    add(vs, v);
    add(vs, v - 1);
    add(vs, v + 1);
    add(vs, v & 0xffffffffULL);
    add(vs, v | 0xffffffff00000000ULL);
}

static void add_word_around(struct values *ws, uint32_t w)
{
    add(ws, w);
    add(ws, (uint32_t)(w + 1));
    add(ws, (uint32_t)(w - 1));
}

/* The constants the program compares the halves of argument arg with: a
 * filter's decisions change only there. A linear scan (A holds the word
 * the last load read) is enough for the programs compilers emit. */
static void program_words(const struct ss_program *prog, unsigned arg, struct values *hi,
                          struct values *lo)
{
    const uint32_t lo_off = 16 + 8 * arg;
    struct values *cur = NULL;

    for (unsigned i = 0; i < prog->len; i++) {
        const struct sock_filter *f = &prog->insns[i];
        if (f->code == (BPF_LD | BPF_W | BPF_ABS))
            cur = f->k == lo_off ? lo : f->k == lo_off + 4 ? hi : NULL;
        else if (cur && BPF_CLASS(f->code) == BPF_JMP && BPF_OP(f->code) != BPF_JA &&
                 BPF_SRC(f->code) == BPF_K)
            add_word_around(cur, f->k);
        else if (BPF_CLASS(f->code) != BPF_JMP && f->code != (BPF_ALU | BPF_AND | BPF_K))
            cur = NULL;
    }
}

static void boundary_values(const struct check *ck, int nr, unsigned arg, struct values *vs)
{
    static const uint64_t extremes[] = {0,
                                        0xffffffffULL,
                                        0x100000000ULL,
                                        UINT64_MAX,
                                        0x7fffffffULL,
                                        0x80000000ULL,
                                        0x7fffffffffffffffULL,
                                        0x8000000000000000ULL,
                                        0xffffffff80000000ULL};
    struct values hi = {.max = WORDS_MAX}, lo = {.max = WORDS_MAX};
    uint64_t guard[4];
    size_t nguard = ss_net_guard_values(ck->p, nr, arg, guard);

    vs->n = 0;
    vs->max = VALUES_MAX;
    memset(vs->slot, 0, sizeof vs->slot);
    for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++)
        add(vs, extremes[i]);
    for (size_t i = 0; i < nguard; i++)
        add_around(vs, guard[i]);
    FOR_RULES(ck, nr, r)
    for (unsigned k = 0; k < r->ncond; k++) {
        const struct ss_cond *c = &r->cond[k];
        if (c->arg != arg)
            continue;
        add_around(vs, c->value);
        add_word_around(&hi, c->value >> 32);
        add_word_around(&lo, (uint32_t)c->value);
        if (c->op == SS_OP_MASKED_EQ) {
            add(vs, c->value | ~c->mask);             /* every bit outside the mask set */
            add(vs, c->value ^ (c->mask & -c->mask)); /* lowest masked bit flipped */
            add(vs, c->value ^ c->mask);
        }
    }
    /* Halves of one constant with halves of another: libseccomp compares
     * them one at a time, and its mistakes hide between them. */
    program_words(ck->prog, arg, &hi, &lo);
    add(&hi, 0);
    add(&lo, 0);
    for (unsigned h = 0; h < hi.n; h++)
        for (unsigned l = 0; l < lo.n; l++)
            add(vs, hi.v[h] << 32 | lo.v[l]);
}

/* "mmap(0, 0x10000, 0x7, ...)": the arguments up to the last one compared. */
static void call_text(const struct ss_policy *p, const struct seccomp_data *d, char *buf,
                      size_t size)
{
    const char *name = ss_syscall_name_arch(p->arch, d->nr);
    unsigned last = 0;
    size_t n;

    for (size_t i = 0; i < p->nrules; i++)
        for (unsigned k = 0; k < p->rules[i].ncond; k++)
            if (p->rules[i].nr == d->nr && p->rules[i].cond[k].arg > last)
                last = p->rules[i].cond[k].arg;
    n = name ? (size_t)snprintf(buf, size, "%s(", name)
             : (size_t)snprintf(buf, size, "syscall %d(", d->nr);
    for (unsigned a = 0; a <= last && n < size; a++)
        n += snprintf(buf + n, size - n, a ? ", %#llx" : "%#llx", (unsigned long long)d->args[a]);
    if (n < size)
        snprintf(buf + n, size - n, "%s)", last < SS_MAX_ARGS - 1 ? ", ..." : "");
}

/* The mismatch, named by the lines of the syscall's rules. */
static int disagree(const struct check *c, const struct seccomp_data *d, uint32_t got,
                    const struct ss_verdict *want)
{
    const struct ss_policy *p = c->p;
    struct ss_where where = {p->books->nnames ? p->books->names[0] : NULL, 0};
    char lines[160] = "", call[200], gotbuf[40], action[64], decided[48];
    size_t n = 0, count = 0;

    for (size_t i = 0; i < p->nrules && n < sizeof lines - 16; i++) {
        if (p->rules[i].nr != d->nr || d->arch != ss_arch_audit(p->arch))
            continue;
        if (!count++)
            where = p->rules[i].where;
        n += snprintf(lines + n, sizeof lines - n, "%s%u", count > 1 ? ", " : "",
                      p->rules[i].where.line);
    }
    call_text(p, d, call, sizeof call);
    ss_action_format(want->action, action, sizeof action);
    if (want->rule)
        snprintf(decided, sizeof decided, "the rule at line %u", want->rule->where.line);
    else
        snprintf(decided, sizeof decided, "the default");
    if (d->arch != ss_arch_audit(p->arch) || want->bad_arch)
        return ss_fail(c->err, where,
                       "libseccomp compiled a filter that %s %s (arch %#x) but every call of "
                       "another architecture or x32 must be killed",
                       ss_ret_format(got, true, gotbuf, sizeof gotbuf), call, d->arch);
    if (!count)
        return ss_fail(c->err, where,
                       "libseccomp compiled a filter that %s %s, which no rule names: the "
                       "default says %s",
                       ss_ret_format(got, true, gotbuf, sizeof gotbuf), call, action);
    return ss_fail(c->err, where,
                   "libseccomp compiled the rules for %s at line%s %s into a filter that %s %s, "
                   "but the policy says %s (%s); refusing the filter",
                   ss_syscall_name_arch(p->arch, d->nr) ? ss_syscall_name_arch(p->arch, d->nr)
                                                        : "?",
                   count > 1 ? "s" : "", lines, ss_ret_format(got, true, gotbuf, sizeof gotbuf),
                   call, action, decided);
}

static int check_call(const struct check *c, const struct seccomp_data *d)
{
    struct ss_verdict want;
    uint32_t got;

    if (ss_bpf_exec(c->prog, d, &got))
        return ss_fail(c->err, (struct ss_where){0},
                       "the filter reads BPF scratch memory it never wrote");
    if (d->arch == ss_arch_audit(c->p->arch) && d->nr >= 0 && d->nr < SS_SYSCALL_SLOTS)
        ss_policy_eval_among(c->p, c->order + c->start[d->nr],
                             c->start[d->nr + 1] - c->start[d->nr], d, &want);
    else
        ss_policy_eval_among(c->p, NULL, c->p->nrules, d, &want);
    return got == want.ret ? 0 : disagree(c, d, got, &want);
}

/* Every combination of vals[arg] for the compared arguments (others 0). */
static int check_product(const struct check *c, struct seccomp_data *d, const struct values *vals,
                         const unsigned *args, unsigned nargs, unsigned depth)
{
    if (depth == nargs)
        return check_call(c, d);
    for (unsigned i = 0; i < vals[args[depth]].n; i++) {
        d->args[args[depth]] = vals[args[depth]].v[i];
        if (check_product(c, d, vals, args, nargs, depth + 1))
            return -1;
    }
    d->args[args[depth]] = 0;
    return 0;
}

static bool arg_matches(const struct ss_rule *r, unsigned arg, uint64_t v)
{
    for (unsigned i = 0; i < r->ncond; i++)
        if (r->cond[i].arg == arg && !ss_cond_match(&r->cond[i], v))
            return false;
    return true;
}

/* For each rule, a call matching it (when the boundary values hold one),
 * then that call with one argument at a time through all its values. */
static int check_corners(struct check *c, struct seccomp_data *d, const struct values *vals,
                         const unsigned *args, unsigned nargs)
{
    FOR_RULES(c, d->nr, r)
    {
        for (unsigned a = 0; a < nargs; a++) {
            const struct values *vs = &vals[args[a]];
            d->args[args[a]] = vs->v[0];
            for (unsigned k = 0; k < vs->n; k++) {
                d->args[args[a]] = vs->v[k];
                if (arg_matches(r, args[a], vs->v[k]))
                    break;
            }
        }
        for (unsigned a = 0; a < nargs; a++) {
            uint64_t kept = d->args[args[a]];
            for (unsigned k = 0; k < vals[args[a]].n; k++) {
                d->args[args[a]] = vals[args[a]].v[k];
                if (check_call(c, d))
                    return -1;
            }
            d->args[args[a]] = kept;
        }
    }
    /* Every pair of values of every two arguments, the others 0. */
    memset(d->args, 0, sizeof d->args);
    for (unsigned a = 0; a < nargs; a++)
        for (unsigned b = a + 1; b < nargs; b++) {
            unsigned pair[2] = {args[a], args[b]};
            if (check_product(c, d, vals, pair, 2, 0))
                return -1;
        }
    for (unsigned s = 0; s < SAMPLE; s++) {
        for (unsigned a = 0; a < nargs; a++)
            d->args[args[a]] = vals[args[a]].v[next_random(&c->seed) % vals[args[a]].n];
        if (check_call(c, d))
            return -1;
    }
    return 0;
}

static int check_syscall(struct check *c, int nr)
{
    struct seccomp_data d = {.nr = nr, .arch = ss_arch_audit(c->p->arch)};
    struct values vals[SS_MAX_ARGS];
    unsigned args[SS_MAX_ARGS], nargs = 0;
    bool compared[SS_MAX_ARGS] = {false};
    size_t product = 1;
    uint64_t guard[4];

    FOR_RULES(c, nr, r)
    for (unsigned k = 0; k < r->ncond; k++)
        compared[r->cond[k].arg] = true;
    for (unsigned a = 0; c->p->landlock.guard_socket && a < SS_MAX_ARGS; a++)
        compared[a] |= ss_net_guard_values(c->p, nr, a, guard) > 0;
    for (unsigned a = 0; a < SS_MAX_ARGS; a++)
        if (compared[a]) {
            boundary_values(c, nr, a, &vals[a]);
            args[nargs++] = a;
            product = product > PRODUCT_MAX ? product : product * vals[a].n;
        }
    if (nargs == 0)
        return check_call(c, &d);
    if (product <= PRODUCT_MAX ? check_product(c, &d, vals, args, nargs, 0)
                               : check_corners(c, &d, vals, args, nargs))
        return -1;
    for (unsigned s = 0; s < RANDOM; s++) {
        for (unsigned a = 0; a < nargs; a++)
            d.args[args[a]] = next_random(&c->seed) >> (s % 2 ? 32 : 0);
        if (check_call(c, &d))
            return -1;
    }
    return 0;
}

/* One number of the policy's architecture: a named syscall at its
 * boundary values, any other with arguments 0. */
static int check_number(void *arg, uint32_t nr)
{
    struct check *c = arg;

    /* Named by a rule, or by [network]'s guard (socket's arguments). */
    if (nr < SS_SYSCALL_SLOTS && (c->start[nr] < c->start[nr + 1] ||
                                  ss_net_guard_values(c->p, (int)nr, 0, (uint64_t[4]){0})))
        return check_syscall(c, (int)nr);
    return check_call(c, &(struct seccomp_data){.nr = (int)nr, .arch = ss_arch_audit(c->p->arch)});
}

/* The points of the policy (its numbers, its x32 boundaries) and of the
 * program; with every, or when the program uses nr otherwise than in
 * comparisons, also every number of the table, the x32 numbers of the
 * table and the numbers above every table. */
static void find_points(const struct check *c, bool every, struct ss_nr_points *pts)
{
    memset(pts->low, 0, sizeof pts->low);
    pts->nhigh = 0;
    for (size_t i = 0; i < c->p->nrules; i++)
        ss_nr_point(pts, (uint32_t)c->p->rules[i].nr);
    if (c->p->landlock.guard_socket) /* [network]'s guard answers these itself */
        ss_nr_point(pts, (uint32_t)c->p->landlock.socket_nr);
    if (c->p->landlock.guard_listen)
        ss_nr_point(pts, (uint32_t)c->p->landlock.listen_nr);
    ss_nr_point(pts, 0x40000000u);
    ss_nr_point(pts, UINT32_MAX);
    if (ss_nr_compared_only(c->prog, pts) && !every)
        return;
    memset(pts->low, 0xff, sizeof pts->low);
    for (uint32_t nr = 0; nr < SS_SYSCALL_SLOTS; nr += 1 + nr % 13)
        ss_nr_point(pts, 0x40000000u | nr);
    ss_nr_point(pts, SS_SYSCALL_SLOTS);
    ss_nr_point(pts, 0x3fffffffu);
}

static int verify(const struct ss_policy *p, const struct ss_program *prog, bool every,
                  struct ss_error *err)
{
    static const uint32_t others[] = {AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64,
                                      AUDIT_ARCH_ARM, 0};
    const uint32_t arch = ss_arch_audit(p->arch);
    static struct check c;             /* 8 KiB: not on the shim's stack */
    static struct ss_nr_points points; /* 2 KiB: nor this */
    int rc;

    c.p = p, c.prog = prog, c.err = err, c.seed = 0x5eccu; /* start: index_rules */
    if (ss_bpf_check(prog, err))
        return -1;
    if (index_rules(&c))
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    /* Each named syscall at its boundary values; every interval of numbers
     * where neither the program nor the policy can change its answer
     * (nr_points.c), at its ends and middle: a tree-shaped filter's
     * off-by-one lands next to a point. */
    find_points(&c, every, &points);
    rc = ss_nr_walk(&points, check_number, &c);
    /* Other architectures. */
    for (size_t a = 0; a < sizeof others / sizeof others[0] && rc == 0; a++)
        for (int nr = 0; nr < 400 && rc == 0 && others[a] != arch; nr += 59)
            rc = check_call(&c, &(struct seccomp_data){.nr = nr, .arch = others[a]});
    free(c.order);
    return rc;
}

int ss_verify_hardened(const struct ss_policy *p, const struct ss_program *prog,
                       struct ss_error *err)
{
    return verify(p, prog, false, err);
}

/* verify against p's rules as the filter has them. */
static int verify_hardening(const struct ss_policy *p, const struct ss_program *prog, bool every,
                            struct ss_error *err)
{
    struct ss_policy as_filtered = *p;
    struct ss_hardened h;
    int rc;

    if (ss_harden(p, -1, true, &h))
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    as_filtered.rules = h.rules, as_filtered.nrules = h.n;
    rc = verify(&as_filtered, prog, every, err);
    ss_hardened_free(&h);
    return rc;
}

int ss_verify(const struct ss_policy *p, const struct ss_program *prog, struct ss_error *err)
{
    return verify_hardening(p, prog, false, err);
}

int ss_verify_every_number(const struct ss_policy *p, const struct ss_program *prog,
                           struct ss_error *err)
{
    return verify_hardening(p, prog, true, err);
}
