/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Attack: a 64-bit program makes i386 syscalls through `int $0x80`
 * (argv[1]: getpid or uname). A filter that only checks x86_64 numbers would
 * see i386 getpid (20) or uname (122) as other syscalls. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static long int80(long nr, long a1)
{
    long ret;

    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1) : "memory");
    return ret;
}

int main(int argc, char **argv)
{
    /* i386 needs a buffer below 4 GiB for pointers. */
    char *buf =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    long rc;

    if (argc != 2 || buf == MAP_FAILED)
        return 2;
    printf("start\n");
    fflush(stdout);
    if (!strcmp(argv[1], "getpid"))
        rc = int80(20, 0);
    else
        rc = int80(122, (long)buf);
    printf("i386 %s returned %ld: survived\n", argv[1], rc);
    return 0;
}
