/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* main makes exactly two syscalls, a raw write and exit_group: the proof
 * that nothing (the shim, glibc) makes a syscall between the shim's filter
 * and main, under a policy that allows only write and exit_group. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    static const char msg[] = "raw write ok\n";

    syscall(SYS_write, 1, msg, sizeof msg - 1);
    syscall(SYS_exit_group, 7);
    return 1;
}
