/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A 32-bit i386 program without libc (built with -m32 -nostdlib -static, so
 * no gcc-multilib is needed): it only calls exit(7) through int $0x80. The
 * x86_64 shim cannot be loaded into it; a filter kills its i386 syscalls. */
void _start(void)
{
    __asm__ volatile("movl $1, %eax\n\t" /* __NR_exit on i386 */
                     "movl $7, %ebx\n\t"
                     "int $0x80");
    __builtin_unreachable();
}
