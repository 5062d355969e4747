/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * seccomp-shim-bpf.h: writing seccomp BPF by hand.
 *
 * Loads of struct seccomp_data's fields (the arguments as 32-bit halves,
 * low word first on little-endian x86_64), the jumps and returns seccomp
 * filters use, and labels for relative jumps: number the instructions in a
 * comment, name the targets in an enum, and write SS_TO(L_TARGET, FROM) for
 * "from instruction FROM to L_TARGET" (a jump counts from the instruction
 * after it). Conditional jumps reach at most 255 instructions ahead.
 */
#ifndef SECCOMP_SHIM_BPF_H
#define SECCOMP_SHIM_BPF_H

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>

/* The architecture this is built for: what the filters the shim and the
 * command install themselves check (AUDIT_ARCH_*, ELF e_machine, name). */
#if defined(__x86_64__)
#define SS_AUDIT_ARCH_NATIVE AUDIT_ARCH_X86_64
#define SS_EM_NATIVE         62 /* EM_X86_64 */
#define SS_NATIVE_NAME       "x86_64"
#elif defined(__aarch64__)
#define SS_AUDIT_ARCH_NATIVE AUDIT_ARCH_AARCH64
#define SS_EM_NATIVE         183 /* EM_AARCH64 */
#define SS_NATIVE_NAME       "aarch64"
#else
#error "seccomp-shim is built for x86_64 or aarch64"
#endif

/* Offsets into struct seccomp_data. */
#define SS_OFF_NR        offsetof(struct seccomp_data, nr)
#define SS_OFF_ARCH      offsetof(struct seccomp_data, arch)
#define SS_OFF_ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define SS_OFF_ARG_HI(i) (SS_OFF_ARG_LO(i) + 4)

/* A = a 32-bit word of the call. */
#define SS_LD(off)      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define SS_LD_NR        SS_LD(SS_OFF_NR)
#define SS_LD_ARCH      SS_LD(SS_OFF_ARCH)
#define SS_LD_ARG_LO(i) SS_LD(SS_OFF_ARG_LO(i))
#define SS_LD_ARG_HI(i) SS_LD(SS_OFF_ARG_HI(i))

/* A &= k */
#define SS_AND(k) BPF_STMT(BPF_ALU | BPF_AND | BPF_K, (k))

/* if (A OP k) skip jt else skip jf */
#define SS_JEQ(k, jt, jf)  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))
#define SS_JGT(k, jt, jf)  BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (k), (jt), (jf))
#define SS_JGE(k, jt, jf)  BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (k), (jt), (jf))
#define SS_JSET(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (k), (jt), (jf))
/* skip k */
#define SS_JA(k) BPF_JUMP(BPF_JMP | BPF_JA, (k), 0, 0)

/* return k (SECCOMP_RET_*) */
#define SS_RET(k) BPF_STMT(BPF_RET | BPF_K, (k))

/* The skip from instruction `from` to instruction `label`. */
#define SS_TO(label, from) ((label) - (from)-1)

#endif
