/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libc's map function -> syscalls: a call graph over its code, each
 * exported function's code followed through direct jumps and calls (a
 * worklist with a visited mark, each call target a node) and the graph
 * closed, so fopen gets openat. A function whose syscall takes its number
 * from one of its arguments (syscall(); glibc 2.41's local
 * __syscall_cancel, to which write pushes 1) is derived the same way: each
 * call site's arguments are kept, and a constant passed where the callee
 * takes the number is a syscall of the caller. */
#define _GNU_SOURCE
#include "cli.h"
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#ifndef SS_NO_CAPSTONE
#include "scan_code.h"

struct node {
    uint64_t addr;
    scan_bits nrs;
    size_t *callee, ncallee, capcallee;
    bool ifunc;      /* an IFUNC resolver: the implementations it picks are lea'd */
    uint8_t carrier; /* the arguments (bit p: PARAM(p)) its syscalls take the number from */
};

/* A call (or a jump to a function) with the arguments it passes. */
struct site {
    uint32_t from, to;
    int32_t arg[NPARAMS];
};

struct graph {
    struct node *v;
    size_t n, cap;
    long *slot; /* open addressing: address -> node index, -1 empty */
    size_t nslots;
    const struct code *code;
    uint32_t *mark; /* per instruction: 1 + the node that walked it last */
    struct site *site;
    size_t nsite, capsite;
};

static size_t hash(uint64_t a, size_t n)
{
    return (size_t)((a * 0x9E3779B97F4A7C15ULL) >> 20) & (n - 1);
}

/* The node of the function at addr, made when new. -1 when out of memory. */
static long node_of(struct graph *g, uint64_t addr)
{
    size_t h = hash(addr, g->nslots);

    while (g->slot[h] >= 0) {
        if (g->v[g->slot[h]].addr == addr)
            return g->slot[h];
        h = (h + 1) & (g->nslots - 1);
    }
    if (g->n == g->cap || g->n >= g->nslots / 2)
        return -1; /* sized for libc at the start; see scan_libc_map */
    g->v[g->n] = (struct node){.addr = addr};
    g->slot[h] = (long)g->n;
    return (long)g->n++;
}

static long lookup(const struct graph *g, uint64_t addr)
{
    size_t h = hash(addr, g->nslots);

    while (g->slot[h] >= 0) {
        if (g->v[g->slot[h]].addr == addr)
            return g->slot[h];
        h = (h + 1) & (g->nslots - 1);
    }
    return -1;
}

static int add_edge(struct graph *g, size_t from, long to)
{
    struct node *v = &g->v[from];

    if (to < 0)
        return -1;
    for (size_t k = 0; k < v->ncallee; k++)
        if (v->callee[k] == (size_t)to)
            return 0;
    if (v->ncallee == v->capcallee) {
        size_t cap = v->capcallee ? 2 * v->capcallee : 4;
        size_t *grown = realloc(v->callee, cap * sizeof *grown);
        if (!grown)
            return -1;
        v->callee = grown;
        v->capcallee = cap;
    }
    v->callee[v->ncallee++] = (size_t)to;
    return 0;
}

/* Keeps the call from f to node to at state st. -1 when out of memory. */
static int add_site(struct graph *g, size_t f, long to, const regs *st, bool jump)
{
    struct site *s;

    if (to < 0)
        return -1;
    if (g->nsite == g->capsite) {
        size_t cap = g->capsite ? 2 * g->capsite : 4096;
        struct site *grown = realloc(g->site, cap * sizeof *grown);
        if (!grown)
            return -1;
        g->site = grown;
        g->capsite = cap;
    }
    s = &g->site[g->nsite];
    *s = (struct site){.from = (uint32_t)f, .to = (uint32_t)to};
    scan_args(st, jump, s->arg);
    for (int p = 0; p < NPARAMS; p++)
        if (s->arg[p] != -1) {
            g->nsite++; /* kept when it passes something known */
            break;
        }
    return 0;
}

/* What a function sees at its start: its arguments. */
static regs entry(void)
{
    regs st = unknown;

    for (int p = 0; p < 6; p++)
        st.r[arg_reg[p]] = PARAM(p);
    st.sp = 0;
    return st;
}

/* Walks the function of node f: every instruction its jumps reach, its own
 * syscalls, an edge to each function it calls (or jumps to, when that is a
 * function's start). -1 when out of memory. */
static int walk(struct graph *g, size_t f)
{
    /* A place to go on from, with the constants known on the way there (the
     * first way that reaches an instruction decides). */
    struct todo {
        size_t k;
        regs st;
    } *todo = NULL;
    const struct code *c = g->code;
    size_t ntodo = 0, cap = 0;
    long start = scan_find(c, g->v[f].addr);
    int rc = -1;

    if (start >= 0) {
        if (!(todo = malloc((cap = 64) * sizeof *todo)))
            return -1;
        todo[ntodo++] = (struct todo){(size_t)start, entry()};
    }
    while (ntodo) {
        size_t k = todo[--ntodo].k;
        regs st = todo[ntodo].st;
        for (; k < c->n && g->mark[k] != f + 1; k++) {
            const struct ins *i = &c->i[k];
            long t;
            /* Another function's start: reached by falling through a call
             * that does not return (abort, __stack_chk_fail), not a path. */
            if (i->addr != g->v[f].addr && lookup(g, i->addr) >= 0)
                break;
            g->mark[k] = f + 1;
            if (i->kind == K_SYSCALL && st.r[R_RAX] >= 0)
                scan_bit_set(&g->v[f].nrs, st.r[R_RAX]);
            if (i->kind == K_SYSCALL && IS_PARAM(st.r[R_RAX]))
                g->v[f].carrier |= 1u << (-2 - st.r[R_RAX]);
            if ((i->kind == K_CALL || (i->kind == K_LEA && g->v[f].ifunc)) &&
                scan_find(c, i->target) >= 0 &&
                (add_edge(g, f, node_of(g, i->target)) ||
                 (i->kind == K_CALL && add_site(g, f, lookup(g, i->target), &st, false))))
                goto out;
            if (i->kind == K_JMP || i->kind == K_JCC) {
                t = lookup(g, i->target);
                if (t >= 0 && (size_t)t != f) {
                    if (add_edge(g, f, t) || add_site(g, f, t, &st, true))
                        goto out;
                } else if ((t = scan_find(c, i->target)) >= 0) {
                    if (ntodo == cap) {
                        struct todo *grown = realloc(todo, (cap *= 2) * sizeof *todo);
                        if (!grown)
                            goto out;
                        todo = grown;
                    }
                    todo[ntodo++] = (struct todo){(size_t)t, st}; /* a jump changes none */
                }
            }
            scan_step(&st, i);
            if (i->kind == K_JMP || i->kind == K_JMP_MEM || i->kind == K_END)
                break;
        }
    }
    rc = 0;
out:
    free(todo);
    return rc;
}

/* The functions that take a syscall's number as an argument (syscall(),
 * __syscall_cancel and what passes its own argument on to them), closed
 * over the call sites; then a constant passed there is a syscall of the
 * caller. */
static void carry(struct graph *g)
{
    bool changed = true;

    while (changed) {
        changed = false;
        for (size_t k = 0; k < g->nsite; k++) {
            const struct site *s = &g->site[k];
            uint8_t before = g->v[s->from].carrier;
            for (int p = 0; p < NPARAMS; p++)
                if (g->v[s->to].carrier >> p & 1 && IS_PARAM(s->arg[p]))
                    g->v[s->from].carrier |= 1u << (-2 - s->arg[p]);
            changed |= g->v[s->from].carrier != before;
        }
    }
    for (size_t k = 0; k < g->nsite; k++)
        for (int p = 0; p < NPARAMS; p++)
            if (g->v[g->site[k].to].carrier >> p & 1 && g->site[k].arg[p] >= 0)
                scan_bit_set(&g->v[g->site[k].from].nrs, g->site[k].arg[p]);
}

int scan_libc_map(const struct elf_file *libc, struct libc_map *m)
{
    struct code c;
    struct graph g = {0};
    bool changed = true;
    int rc = -1;

    memset(m, 0, sizeof *m);
    if (scan_decode(libc, &c))
        return -1;
    g.code = &c;
    /* A node per export, call target or (in a resolver) lea target at most. */
    size_t most = libc->nsyms;
    for (size_t k = 0; k < c.n; k++)
        most += c.i[k].kind == K_CALL || c.i[k].kind == K_LEA;
    for (g.nslots = 1024; g.nslots < 2 * most + 2; g.nslots *= 2)
        ;
    g.cap = g.nslots / 2;
    g.v = calloc(g.cap, sizeof *g.v);
    g.slot = malloc(g.nslots * sizeof *g.slot);
    g.mark = calloc(c.n ? c.n : 1, sizeof *g.mark);
    m->fn = calloc(libc->nsyms ? libc->nsyms : 1, sizeof *m->fn);
    if (!g.v || !g.slot || !g.mark || !m->fn)
        goto out;
    memset(g.slot, 0xff, g.nslots * sizeof *g.slot);
    for (size_t s = 0; s < libc->nsyms; s++) {
        const struct elf_sym *y = &libc->syms[s];
        long v;
        if (!y->defined || !y->func || !*y->name)
            continue;
        if ((v = node_of(&g, y->value)) < 0)
            goto out;
        g.v[v].ifunc |= y->ifunc;
    }
    /* Every function start known before walking, so a walk stops there. */
    for (size_t k = 0; k < c.n; k++)
        if (c.i[k].kind == K_CALL && scan_find(&c, c.i[k].target) >= 0 &&
            node_of(&g, c.i[k].target) < 0)
            goto out;
    /* Walking adds the functions called: the loop reaches them too. */
    for (size_t f = 0; f < g.n; f++)
        if (walk(&g, f))
            goto out;
    carry(&g);
    while (changed) {
        changed = false;
        for (size_t f = 0; f < g.n; f++)
            for (size_t k = 0; k < g.v[f].ncallee; k++) {
                const scan_bits *from = &g.v[g.v[f].callee[k]].nrs;
                for (size_t w = 0; w < SS_SYSCALL_SLOTS / 64; w++) {
                    uint64_t before = g.v[f].nrs.w[w];
                    g.v[f].nrs.w[w] |= from->w[w];
                    changed |= g.v[f].nrs.w[w] != before;
                }
            }
    }
    for (size_t s = 0; s < libc->nsyms; s++) {
        const struct elf_sym *y = &libc->syms[s];
        long v = y->defined && y->func && *y->name ? lookup(&g, y->value) : -1;
        if (v >= 0)
            m->fn[m->n++] = (struct libc_fn){y->name, g.v[v].nrs};
    }
    rc = 0;
out:
    if (rc) {
        cli_error("%s: out of memory while disassembling", libc->path);
        scan_libc_map_free(m);
    }
    for (size_t f = 0; f < g.n; f++)
        free(g.v[f].callee);
    free(g.v);
    free(g.slot);
    free(g.mark);
    free(g.site);
    free(c.i);
    return rc;
}
#else
int scan_libc_map(const struct elf_file *libc, struct libc_map *m)
{
    (void)libc, (void)m;
    cli_error("this build of seccomp-shim has no disassembler (built without capstone)");
    return -1;
}
#endif

void scan_libc_map_free(struct libc_map *m)
{
    free(m->fn);
    memset(m, 0, sizeof *m);
}

const struct libc_fn *scan_libc_lookup(const struct libc_map *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->fn[i].name, name))
            return &m->fn[i];
    return NULL;
}
