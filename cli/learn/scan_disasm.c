/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The syscalls code can make, read off its instructions with capstone: a
 * `syscall` instruction with a constant in %eax, or a call of libc's syscall()
 * with a constant in %edi, the constants followed through the general
 * registers (mov $N, xor %r,%r, mov %r,%r; along jumps too) and the stack
 * (push, pop, loads and stores at %rsp+N). This file decodes and follows the
 * values, and reads the raw syscalls of objects other than libc; libc's
 * call graph is scan_libc.c. Calls through pointers (stdio's vtables,
 * callbacks) are not followed: what they reach, a trace sees. Uses only
 * capstone API that 4.0 and 5 share. */
#define _GNU_SOURCE
#include "cli.h"
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#ifndef SS_NO_CAPSTONE
#include <capstone/capstone.h>

#include "scan_code.h"

/* The general register r is part of (0..15), and whether r is all of its
 * low 32 bits or more (a write then sets the whole value); -1 for others. */
static int reg_index(x86_reg r, bool *full)
{
    static const x86_reg family[NREGS][5] = {
        {X86_REG_RAX, X86_REG_EAX, X86_REG_AX, X86_REG_AL, X86_REG_AH},
        {X86_REG_RCX, X86_REG_ECX, X86_REG_CX, X86_REG_CL, X86_REG_CH},
        {X86_REG_RDX, X86_REG_EDX, X86_REG_DX, X86_REG_DL, X86_REG_DH},
        {X86_REG_RBX, X86_REG_EBX, X86_REG_BX, X86_REG_BL, X86_REG_BH},
        {X86_REG_RSP, X86_REG_ESP, X86_REG_SP, X86_REG_SPL, X86_REG_SPL},
        {X86_REG_RBP, X86_REG_EBP, X86_REG_BP, X86_REG_BPL, X86_REG_BPL},
        {X86_REG_RSI, X86_REG_ESI, X86_REG_SI, X86_REG_SIL, X86_REG_SIL},
        {X86_REG_RDI, X86_REG_EDI, X86_REG_DI, X86_REG_DIL, X86_REG_DIL},
        {X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B, X86_REG_R8B},
        {X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B, X86_REG_R9B},
        {X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B, X86_REG_R10B},
        {X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B, X86_REG_R11B},
        {X86_REG_R12, X86_REG_R12D, X86_REG_R12W, X86_REG_R12B, X86_REG_R12B},
        {X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B, X86_REG_R13B},
        {X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B, X86_REG_R14B},
        {X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B, X86_REG_R15B},
    };

    for (int i = 0; i < NREGS; i++)
        for (int k = 0; k < 5; k++)
            if (family[i][k] == r) {
                *full = k < 2;
                return i;
            }
    return -1;
}

/* What a call leaves unknown: rax rcx rdx rsi rdi r8-r11, which the System
 * V ABI lets it change. */
#define CALLER_SAVED 0x0fc7

static void clobber_reg(struct ins *o, x86_reg r)
{
    bool full;
    int i = reg_index(r, &full);

    if (i >= 0)
        o->clobber |= 1u << i;
}

static bool stack_word(const cs_x86_op *op);

/* What the instruction does to the registers: a constant, a copy, or unknown. */
static void track(const cs_insn *c, struct ins *o)
{
    const cs_x86 *x = &c->detail->x86;
    const cs_x86_op *op = x->operands;
    bool full = false, sfull = false;
    int d = x->op_count == 2 && op[0].type == X86_OP_REG ? reg_index(op[0].reg, &full) : -1;

    for (unsigned k = 0; k < x->op_count; k++)
        if (op[k].type == X86_OP_REG && (op[k].access & CS_AC_WRITE))
            clobber_reg(o, op[k].reg);
    for (unsigned k = 0; k < c->detail->regs_write_count; k++)
        clobber_reg(o, c->detail->regs_write[k]);
    if (d < 0 || !full)
        return;
    if (c->id == X86_INS_MOV && op[1].type == X86_OP_IMM) {
        if (op[1].imm >= 0 && op[1].imm < SS_SYSCALL_SLOTS) {
            o->dst = (int8_t)d;
            o->src = SRC_IMM;
            o->imm = (int32_t)op[1].imm;
        }
    } else if (c->id == X86_INS_XOR && op[1].type == X86_OP_REG && op[1].reg == op[0].reg) {
        o->dst = (int8_t)d;
        o->src = SRC_IMM;
        o->imm = 0;
    } else if (c->id == X86_INS_MOV && op[1].type == X86_OP_REG) {
        int s = reg_index(op[1].reg, &sfull);
        if (s >= 0 && sfull) {
            o->dst = (int8_t)d;
            o->src = (int8_t)s;
        }
    } else if (c->id == X86_INS_MOV && stack_word(&op[1])) {
        o->dst = (int8_t)d;
        o->src = SRC_STACK;
        o->disp = (int32_t)op[1].mem.disp;
    }
}

/* An operand %rsp+N of 4 or 8 bytes (a number's width). */
static bool stack_word(const cs_x86_op *op)
{
    return op->type == X86_OP_MEM && op->mem.base == X86_REG_RSP &&
           op->mem.index == X86_REG_INVALID && op->mem.segment == X86_REG_INVALID &&
           (op->size == 4 || op->size == 8);
}

/* The value operand op holds as a source: a full register, a constant, a
 * stack word. */
static void source(const cs_x86_op *op, struct ins *o)
{
    bool full;
    int s;

    if (op->type == X86_OP_IMM && op->imm >= 0 && op->imm < SS_SYSCALL_SLOTS) {
        o->src = SRC_IMM;
        o->imm = (int32_t)op->imm;
    } else if (op->type == X86_OP_REG && (s = reg_index(op->reg, &full)) >= 0 && full) {
        o->src = (int8_t)s;
    } else if (stack_word(op)) {
        o->src = SRC_STACK;
        o->disp = (int32_t)op->mem.disp;
    }
}

/* What the instruction does to %rsp and the stack: push, pop, sub/add $N,
 * a store at %rsp+N (a write of anything else there forgets the word); any
 * other change of %rsp loses it. */
static void track_stack(const cs_insn *c, struct ins *o)
{
    const cs_x86 *x = &c->detail->x86;
    const cs_x86_op *op = x->operands;
    bool full;

    if (c->id == X86_INS_PUSH && x->op_count == 1) {
        o->sp = SP_PUSH;
        source(&op[0], o);
    } else if (c->id == X86_INS_POP && x->op_count == 1 && op[0].type == X86_OP_REG) {
        o->sp = SP_POP;
        o->dst = (int8_t)reg_index(op[0].reg, &full);
        if (o->dst >= 0 && !full)
            o->dst = DST_NONE; /* a part: the clobber makes it unknown */
    } else if ((c->id == X86_INS_SUB || c->id == X86_INS_ADD) && x->op_count == 2 &&
               op[0].type == X86_OP_REG && op[0].reg == X86_REG_RSP && op[1].type == X86_OP_IMM) {
        o->sp = SP_ADD;
        o->disp = (int32_t)(c->id == X86_INS_SUB ? -op[1].imm : op[1].imm);
    } else if (x->op_count >= 1 && op[0].type == X86_OP_MEM && op[0].mem.base == X86_REG_RSP &&
               (op[0].access & CS_AC_WRITE || !op[0].access || c->id == X86_INS_MOV)) {
        o->dst = DST_STACK;
        o->disp = (int32_t)op[0].mem.disp;
        o->width = op[0].mem.index != X86_REG_INVALID ? WIDTH_ANY : op[0].size;
        if (c->id == X86_INS_MOV && x->op_count == 2 && o->width != WIDTH_ANY)
            source(&op[1], o);
    } else if (o->clobber >> R_RSP & 1) {
        o->sp = SP_LOST;
    }
}

/* The stack word at offset off. */
static int32_t load(const regs *st, int32_t off)
{
    if (st->sp == SP_UNKNOWN)
        return -1;
    for (unsigned k = 0; k < st->nslot; k++)
        if (st->slot[k].off == off)
            return st->slot[k].v;
    if (st->lost || off < 8 || off % 8 || off > 8 * NSTACK)
        return -1;
    return PARAM(6 + (off - 8) / 8);
}

/* v into the stack word at off (one that was not kept is lost). */
static void keep(regs *st, int32_t off, int32_t v)
{
    unsigned k = 0;

    while (k < st->nslot && st->slot[k].off != off)
        k++;
    if (k == NSLOTS) {
        st->lost = true;
        return;
    }
    st->slot[k].off = off;
    st->slot[k].v = v;
    st->nslot += k == st->nslot;
}

/* width bytes written at off: v when they are the word there (an int's
 * 4 bytes count: syscall numbers fit), else the words touched unknown. */
static void store(regs *st, int32_t off, int32_t v, int width)
{
    int32_t first = off - ((off % 8) + 8) % 8;

    if (st->sp == SP_UNKNOWN)
        return;
    if (width == WIDTH_ANY) {
        for (unsigned k = 0; k < st->nslot; k++)
            st->slot[k].v = -1;
        st->lost = true;
        return;
    }
    if (first == off && (width == 4 || width == 8)) {
        keep(st, off, v);
        return;
    }
    for (int32_t w = first; w < off + width; w += 8)
        keep(st, w, -1);
}

/* The stack shrank to sp: the words below are gone. */
static void pop_to(regs *st, int32_t sp)
{
    unsigned n = 0;

    for (unsigned k = 0; k < st->nslot; k++)
        if (st->slot[k].off >= sp)
            st->slot[n++] = st->slot[k];
    st->nslot = (uint8_t)n;
    st->sp = sp;
}

/* The registers and the stack after instruction i. */
void scan_step(regs *st, const struct ins *i)
{
    int32_t v = i->src == SRC_IMM     ? i->imm
                : i->src == SRC_STACK ? load(st, st->sp + i->disp)
                : i->src >= 0         ? st->r[i->src]
                : i->sp == SP_POP     ? load(st, st->sp)
                                      : -1;

    for (int r = 0; r < NREGS; r++)
        if (i->clobber >> r & 1)
            st->r[r] = -1;
    if (i->dst >= 0)
        st->r[i->dst] = v;
    if (st->sp == SP_UNKNOWN)
        return;
    if (i->dst == DST_STACK)
        store(st, st->sp + i->disp, v, i->width);
    if (i->kind == K_CALL || i->kind == K_CALL_MEM) /* it may write where it was pointed */
        for (unsigned k = 0; k < st->nslot; k++)
            st->slot[k].v = -1;
    switch (i->sp) {
    case SP_PUSH:
        st->sp -= 8;
        store(st, st->sp, v, 8);
        break;
    case SP_POP:
        pop_to(st, st->sp + 8);
        break;
    case SP_ADD:
        if (i->disp > 0)
            pop_to(st, st->sp + i->disp);
        else
            st->sp += i->disp;
        break;
    case SP_LOST:
        st->sp = SP_UNKNOWN;
        break;
    }
}

/* The arguments a call (or, through, a jump) at state st passes: the
 * registers, and the stack words above the return address. */
void scan_args(const regs *st, bool jump, int32_t arg[NPARAMS])
{
    for (int p = 0; p < 6; p++)
        arg[p] = st->r[arg_reg[p]];
    for (int k = 0; k < NSTACK; k++)
        arg[6 + k] = st->sp == SP_UNKNOWN ? -1 : load(st, st->sp + 8 * k + (jump ? 8 : 0));
}

static void classify(const cs_insn *c, struct ins *o)
{
    const cs_x86 *x = &c->detail->x86;
    const cs_x86_op *op = x->operands;
    bool jump = false, call = false, ret = false;

    *o = (struct ins){
        .addr = c->address, .size = c->size, .kind = K_OTHER, .dst = DST_NONE, .src = SRC_UNKNOWN};
    for (unsigned g = 0; g < c->detail->groups_count; g++) {
        jump |= c->detail->groups[g] == X86_GRP_JUMP;
        call |= c->detail->groups[g] == X86_GRP_CALL;
        ret |= c->detail->groups[g] == X86_GRP_RET || c->detail->groups[g] == X86_GRP_IRET;
    }
    if (c->id == X86_INS_SYSCALL) {
        o->kind = K_SYSCALL;
        o->clobber = 1u << R_RAX | 1u << 1 | 1u << 11; /* the result, rcx and r11 */
        return;
    }
    if (ret || c->id == X86_INS_HLT || c->id == X86_INS_UD2 || c->id == X86_INS_INT3) {
        o->kind = K_END;
        return;
    }
    if (call || jump) {
        bool uncond = c->id == X86_INS_JMP || call;
        if (x->op_count == 1 && op[0].type == X86_OP_IMM) {
            o->kind = call ? K_CALL : uncond ? K_JMP : K_JCC;
            o->target = (uint64_t)op[0].imm;
        } else if (x->op_count == 1 && op[0].type == X86_OP_MEM && op[0].mem.base == X86_REG_RIP &&
                   op[0].mem.index == X86_REG_INVALID) {
            o->kind = call ? K_CALL_MEM : K_JMP_MEM;
            o->target = c->address + c->size + op[0].mem.disp;
        } else {
            o->kind = call ? K_CALL_MEM : K_END; /* through a register: not followed */
        }
        if (call)
            o->clobber = CALLER_SAVED;
        return;
    }
    if (c->id == X86_INS_LEA && x->op_count == 2 && op[1].type == X86_OP_MEM &&
        op[1].mem.base == X86_REG_RIP && op[1].mem.index == X86_REG_INVALID) {
        o->kind = K_LEA;
        o->target = c->address + c->size + op[1].mem.disp;
    }
    track(c, o);
    track_stack(c, o);
}

/* Decodes every executable section of e, front to back (a byte that is no
 * instruction is stepped over). 0, or -1 after printing why. */
int scan_decode(const struct elf_file *e, struct code *code)
{
    csh cs;
    int rc = 0;

    memset(code, 0, sizeof *code);
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        cli_error("capstone: cannot open the x86-64 disassembler");
        return -1;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    for (unsigned s = 0; s < e->eh->e_shnum && !rc; s++) {
        const Elf64_Shdr *sh = &e->sh[s];
        size_t avail;
        const uint8_t *bytes;
        if (!(sh->sh_flags & SHF_EXECINSTR) || sh->sh_type != SHT_PROGBITS)
            continue;
        bytes = elf_at(e, sh->sh_addr, &avail);
        if (!bytes)
            continue;
        if (avail > sh->sh_size)
            avail = sh->sh_size;
        for (size_t off = 0; off < avail;) {
            cs_insn *insn;
            size_t n = cs_disasm(cs, bytes + off, avail - off, sh->sh_addr + off, 64, &insn);
            if (!n) {
                off++;
                continue;
            }
            if (code->n + n > code->cap) {
                size_t cap = code->cap ? 2 * code->cap + n : 65536 + n;
                struct ins *grown = realloc(code->i, cap * sizeof *grown);
                if (!grown) {
                    cs_free(insn, n);
                    cli_error("out of memory");
                    rc = -1;
                    break;
                }
                code->i = grown;
                code->cap = cap;
            }
            for (size_t k = 0; k < n; k++)
                classify(&insn[k], &code->i[code->n++]);
            off += insn[n - 1].address + insn[n - 1].size - (sh->sh_addr + off);
            cs_free(insn, n);
        }
    }
    cs_close(&cs);
    if (rc) {
        free(code->i);
        code->i = NULL;
    }
    return rc;
}

/* The index of the instruction at addr, or -1 (sections are decoded in
 * order of their headers, which is address order in the files we read;
 * a binary search over a stray unordered file finds less, never wrong). */
long scan_find(const struct code *c, uint64_t addr)
{
    size_t lo = 0, hi = c->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->i[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->i[lo].addr == addr ? (long)lo : -1;
}

/* The import a GOT slot holds, or NULL. */
static const char *slot_name(const struct elf_file *e, uint64_t slot)
{
    for (size_t i = 0; i < e->nrels; i++)
        if (e->rels[i].offset == slot)
            return e->rels[i].name;
    return NULL;
}

/* The import a call at target reaches: a PLT entry (16 bytes, whose jmp
 * reads the GOT slot) or NULL. */
static const char *plt_name(const struct elf_file *e, const struct code *c, uint64_t target)
{
    long at = scan_find(c, target);

    for (int k = 0; at >= 0 && k < 3 && (size_t)at + k < c->n; k++) {
        const struct ins *i = &c->i[at + k];
        if (i->addr >= target + 16)
            break;
        if (i->kind == K_JMP_MEM)
            return slot_name(e, i->target);
    }
    return NULL;
}

int scan_raw_syscalls(const struct elf_file *e, scan_bits *direct, scan_bits *via_call)
{
    struct code c;
    regs st = unknown;

    if (scan_decode(e, &c))
        return -1;
    /* Front to back: the constant is the one set before, on the same path
     * as far as a straight read can tell (forgotten at every jump and return). */
    for (size_t k = 0; k < c.n; k++) {
        const struct ins *i = &c.i[k];
        if (i->kind == K_SYSCALL && st.r[R_RAX] >= 0)
            scan_bit_set(direct, st.r[R_RAX]);
        if ((i->kind == K_CALL || i->kind == K_CALL_MEM) && st.r[R_RDI] >= 0) {
            const char *name =
                i->kind == K_CALL ? plt_name(e, &c, i->target) : slot_name(e, i->target);
            if (name && !strcmp(name, "syscall"))
                scan_bit_set(via_call, st.r[R_RDI]);
        }
        scan_step(&st, i);
        if (i->kind == K_JMP || i->kind == K_JMP_MEM || i->kind == K_END)
            st = unknown;
    }
    free(c.i);
    return 0;
}

#else
/* A build without capstone (the aarch64 cross build: Debian 12's
 * libcapstone-dev cannot be installed for two architectures side by side,
 * and scan reads x86_64 code only): no static view, said; learn then writes
 * the run's policy alone, which is narrower, never wider. */
int scan_raw_syscalls(const struct elf_file *e, scan_bits *direct, scan_bits *via_call)
{
    (void)e, (void)direct, (void)via_call;
    cli_error("this build of seccomp-shim has no disassembler (built without capstone)");
    return -1;
}
#endif
