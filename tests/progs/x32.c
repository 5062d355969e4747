/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Attack: syscall numbers with the x32 bit (0x40000000) set. The x86_64
 * syscall entry would treat them as x32 calls where the kernel supports x32;
 * a filter must not read them as (unknown) x86_64 numbers and allow them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define X32_BIT 0x40000000L

int main(int argc, char **argv)
{
    long nr = argc > 1 && !strcmp(argv[1], "uname") ? SYS_uname : SYS_getpid;
    char buf[512];
    long rc;

    printf("start\n");
    fflush(stdout);
    rc = syscall(nr | X32_BIT, buf);
    printf("x32 %ld returned %ld (%s): survived\n", nr, rc, rc < 0 ? strerror(errno) : "ok");
    return 0;
}
