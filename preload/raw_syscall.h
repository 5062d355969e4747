/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* System calls made with the `syscall` instruction itself, not through libc's
 * syscall() or wrappers: in the shim's critical steps (installing, probing,
 * the explain handler) a preloaded library that defines those functions must
 * not be able to answer in the kernel's place. x86_64 (`syscall`) and aarch64
 * (`svc #0`). Returns what the kernel returns: a value, or -errno. */
#ifndef SS_RAW_SYSCALL_H
#define SS_RAW_SYSCALL_H

#if defined(__aarch64__)
static inline long ss_raw_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a1;
    register long x1 __asm__("x1") = a2;
    register long x2 __asm__("x2") = a3;
    register long x3 __asm__("x3") = a4;
    register long x4 __asm__("x4") = a5;
    register long x5 __asm__("x5") = a6;

    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}
#else
static inline long ss_raw_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#endif

#endif
