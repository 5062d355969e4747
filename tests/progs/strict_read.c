/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Blocks in read(0) then exits with raw syscalls only: survives strict mode,
 * so `seccomp-shim ps` can see a process in mode strict. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    char c;

    syscall(SYS_read, 0, &c, 1);
    syscall(SYS_exit, 0);
    return 0;
}
