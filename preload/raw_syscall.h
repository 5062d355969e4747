/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* System calls made with the `syscall` instruction itself, not through libc's
 * syscall() or wrappers: in the shim's critical steps (installing, probing,
 * the explain handler) a preloaded library that defines those functions must
 * not be able to answer in the kernel's place. x86_64 only, as the filters are.
 * Returns what the kernel returns: a value, or -errno. */
#ifndef SS_RAW_SYSCALL_H
#define SS_RAW_SYSCALL_H

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
