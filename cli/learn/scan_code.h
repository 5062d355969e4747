/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Decoded code, what scan keeps of each instruction, and the values it
 * follows through registers and stack (scan_disasm.c); shared with the libc
 * call graph (scan_libc.c). Built with capstone only. */
#ifndef SS_SCAN_CODE_H
#define SS_SCAN_CODE_H

#include "scan.h"

enum kind { K_OTHER, K_SYSCALL, K_CALL, K_JMP, K_JCC, K_END, K_CALL_MEM, K_JMP_MEM, K_LEA };

enum { R_RAX, R_RSP = 4, R_RDI = 7, NREGS = 16 }; /* the general registers, in encoding order */
enum { SRC_UNKNOWN = -1, SRC_IMM = -2, SRC_STACK = -3 };
enum { DST_NONE = -1, DST_STACK = -2 };
/* What the instruction does to %rsp besides: a push stores the value at the
 * new top, a pop reads it from the old. */
enum { SP_KEEP, SP_PUSH, SP_POP, SP_ADD, SP_LOST };

/* One instruction, what scan needs of it: 32 bytes instead of capstone's ~2 KiB. */
struct ins {
    uint64_t addr;
    uint64_t target;  /* K_CALL/K_JMP/K_JCC/K_LEA: the address; *_MEM: the GOT slot */
    int32_t imm;      /* src == SRC_IMM: the constant dst gets */
    int32_t disp;     /* SRC_STACK, DST_STACK: the offset from %rsp; SP_ADD: what is added */
    uint16_t clobber; /* registers that change to something unknown */
    int8_t dst, src;  /* dst (a register, DST_STACK, none) gets src's value: a register,
                         SRC_IMM, SRC_STACK or unknown */
    uint8_t size, kind, sp;
    uint8_t width; /* DST_STACK: the bytes written, WIDTH_ANY: somewhere (an index) */
};
#define WIDTH_ANY 0xff

struct code {
    struct ins *i;
    size_t n, cap;
};

/* A value: a constant (>= 0), unknown (-1), or what the function was given
 * as its argument p (PARAM(p)): the six argument registers, then the first
 * NSTACK words on the stack (the System V ABI's order). */
enum { NSTACK = 2, NPARAMS = 6 + NSTACK, NSLOTS = 12, SP_UNKNOWN = INT32_MIN };
#define PARAM(p)    (-2 - (p))
#define IS_PARAM(v) ((v) <= -2)
static const int8_t arg_reg[6] = {7, 6, 2, 1, 8, 9}; /* rdi rsi rdx rcx r8 r9 */

/* The values in the registers and in the stack words written, the stack's
 * offsets relative to %rsp at the function's entry (its return address at
 * 0, its stack arguments at 8, 16...). */
typedef struct {
    int32_t r[NREGS];
    int32_t sp; /* %rsp, or SP_UNKNOWN */
    struct {
        int32_t off, v;
    } slot[NSLOTS];
    uint8_t nslot;
    bool lost; /* a word written could not be kept: the arguments are unknown */
} regs;

static const regs unknown = {
    .r = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
    .sp = SP_UNKNOWN,
};

/* Decodes every executable section of e, front to back (a byte that is no
 * instruction is stepped over). 0, or -1 after printing why. */
int scan_decode(const struct elf_file *e, struct code *code);
/* The index of the instruction at addr, or -1. */
long scan_find(const struct code *c, uint64_t addr);
/* The registers and the stack after instruction i. */
void scan_step(regs *st, const struct ins *i);
/* The arguments a call (or, through, a jump) at state st passes: the
 * registers, and the stack words above the return address. */
void scan_args(const regs *st, bool jump, int32_t arg[NPARAMS]);

#endif
