/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A classic-BPF interpreter for seccomp filters: what the kernel answers for
 * one call, computed in user space. It accepts what the kernel's checkers
 * (bpf_check_classic, seccomp_check_filter) accept and nothing else, so a
 * program it runs is one the kernel would load. */
#include "internal.h"

#include <linux/seccomp.h>
#include <string.h>

#define MEMWORDS 16 /* BPF_MEMWORDS */

static int refuse(struct ss_error *err, unsigned pc, const char *what)
{
    return ss_fail(err, (struct ss_where){0}, "BPF instruction %u: %s", pc, what);
}

/* The static checks, per instruction. */
static int check_insn(const struct ss_program *prog, unsigned pc, struct ss_error *err)
{
    const struct sock_filter *f = &prog->insns[pc];
    unsigned left = prog->len - pc - 1; /* instructions after this one */

    switch (f->code) {
    case BPF_LD | BPF_W | BPF_ABS:
        if (f->k >= sizeof(struct seccomp_data) || f->k & 3)
            return refuse(err, pc, "load outside struct seccomp_data");
        return 0;
    case BPF_LD | BPF_W | BPF_LEN:
    case BPF_LDX | BPF_W | BPF_LEN:
    case BPF_LD | BPF_IMM:
    case BPF_LDX | BPF_IMM:
    case BPF_RET | BPF_K:
    case BPF_RET | BPF_A:
    case BPF_MISC | BPF_TAX:
    case BPF_MISC | BPF_TXA:
    case BPF_ALU | BPF_NEG:
        return 0;
    case BPF_LD | BPF_MEM:
    case BPF_LDX | BPF_MEM:
    case BPF_ST:
    case BPF_STX:
        return f->k < MEMWORDS ? 0 : refuse(err, pc, "scratch memory index out of range");
    case BPF_JMP | BPF_JA:
        return f->k < left ? 0 : refuse(err, pc, "jump out of the program");
    }
    if (BPF_CLASS(f->code) == BPF_ALU) {
        switch (BPF_OP(f->code)) {
        case BPF_DIV:
        case BPF_MOD:
            if (BPF_SRC(f->code) == BPF_K && f->k == 0)
                return refuse(err, pc, "division by zero");
            return 0;
        case BPF_LSH:
        case BPF_RSH:
            if (BPF_SRC(f->code) == BPF_K && f->k >= 32)
                return refuse(err, pc, "shift by 32 or more");
            return 0;
        case BPF_ADD:
        case BPF_SUB:
        case BPF_MUL:
        case BPF_AND:
        case BPF_OR:
        case BPF_XOR:
            return 0;
        }
    }
    if (BPF_CLASS(f->code) == BPF_JMP) {
        switch (BPF_OP(f->code)) {
        case BPF_JEQ:
        case BPF_JGT:
        case BPF_JGE:
        case BPF_JSET:
            return f->jt < left && f->jf < left ? 0 : refuse(err, pc, "jump out of the program");
        }
    }
    return refuse(err, pc, "opcode seccomp does not accept");
}

static uint32_t alu(uint16_t op, uint32_t a, uint32_t v)
{
    switch (op) {
    case BPF_ADD:
        return a + v;
    case BPF_SUB:
        return a - v;
    case BPF_MUL:
        return a * v;
    case BPF_DIV:
        return v ? a / v : 0;
    case BPF_MOD:
        return v ? a % v : 0;
    case BPF_AND:
        return a & v;
    case BPF_OR:
        return a | v;
    case BPF_XOR:
        return a ^ v;
    case BPF_LSH:
        return v < 32 ? a << v : 0;
    case BPF_RSH:
        return v < 32 ? a >> v : 0;
    }
    return -a; /* BPF_NEG */
}

static bool jump_taken(uint16_t op, uint32_t a, uint32_t v)
{
    switch (op) {
    case BPF_JEQ:
        return a == v;
    case BPF_JGT:
        return a > v;
    case BPF_JGE:
        return a >= v;
    }
    return a & v; /* BPF_JSET */
}

int ss_bpf_check(const struct ss_program *prog, struct ss_error *err)
{
    if (prog->len == 0 || prog->len > SS_PROGRAM_MAX)
        return ss_fail(err, (struct ss_where){0}, "a BPF program has 1 to %d instructions, not %u",
                       SS_PROGRAM_MAX, prog->len);
    if (BPF_CLASS(prog->insns[prog->len - 1].code) != BPF_RET)
        return refuse(err, prog->len - 1, "the program does not end with a return");
    for (unsigned pc = 0; pc < prog->len; pc++)
        if (check_insn(prog, pc, err))
            return -1;
    return 0;
}

/* Runs a checked program. Reading scratch memory not written on this path
 * (which the kernel's flow check refuses) answers 0, never a verdict. */
int ss_bpf_exec(const struct ss_program *prog, const struct seccomp_data *d, uint32_t *ret)
{
    uint32_t a = 0, x = 0, mem[MEMWORDS];
    unsigned written = 0; /* bit i: mem[i] was stored on this path */

    for (unsigned pc = 0; pc < prog->len; pc++) {
        const struct sock_filter *f = &prog->insns[pc];
        uint32_t src;

        /* The codes libseccomp writes, by their whole code: the verifier
         * runs a filter hundreds of times at every start-up. The same
         * semantics as the general cases below. */
        switch (f->code) {
        case BPF_LD | BPF_W | BPF_ABS:
            memcpy(&a, (const char *)d + f->k, 4);
            continue;
        case BPF_JMP | BPF_JEQ | BPF_K:
            pc += a == f->k ? f->jt : f->jf;
            continue;
        case BPF_JMP | BPF_JGT | BPF_K:
            pc += a > f->k ? f->jt : f->jf;
            continue;
        case BPF_JMP | BPF_JGE | BPF_K:
            pc += a >= f->k ? f->jt : f->jf;
            continue;
        case BPF_RET | BPF_K:
            *ret = f->k;
            return 0;
        }
        src = BPF_SRC(f->code) == BPF_X ? x : f->k;
        switch (BPF_CLASS(f->code)) {
        case BPF_LD:
        case BPF_LDX: {
            uint32_t v;
            if (BPF_MODE(f->code) == BPF_ABS)
                memcpy(&v, (const char *)d + f->k, 4);
            else if (BPF_MODE(f->code) == BPF_LEN)
                v = sizeof *d;
            else if (BPF_MODE(f->code) == BPF_IMM)
                v = f->k;
            else if (written & 1u << f->k)
                v = mem[f->k];
            else
                return -1;
            *(BPF_CLASS(f->code) == BPF_LD ? &a : &x) = v;
            break;
        }
        case BPF_ST:
        case BPF_STX:
            mem[f->k] = BPF_CLASS(f->code) == BPF_ST ? a : x;
            written |= 1u << f->k;
            break;
        case BPF_ALU:
            a = alu(BPF_OP(f->code), a, src);
            break;
        case BPF_JMP:
            if (BPF_OP(f->code) == BPF_JA)
                pc += f->k;
            else
                pc += jump_taken(BPF_OP(f->code), a, src) ? f->jt : f->jf;
            break;
        case BPF_RET:
            *ret = BPF_RVAL(f->code) == BPF_A ? a : f->k;
            return 0;
        case BPF_MISC:
            if (BPF_MISCOP(f->code) == BPF_TAX)
                x = a;
            else
                a = x;
            break;
        }
    }
    return -1; /* unreachable: the last instruction returns */
}

int ss_bpf_run(const struct ss_program *prog, const struct seccomp_data *d, uint32_t *ret,
               struct ss_error *err)
{
    if (ss_bpf_check(prog, err))
        return -1;
    if (ss_bpf_exec(prog, d, ret))
        return ss_fail(err, (struct ss_where){0},
                       "the BPF program reads scratch memory it never wrote");
    return 0;
}
