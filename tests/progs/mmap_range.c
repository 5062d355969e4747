/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mmap(ADDR, LEN, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) with ADDR and
 * LEN from argv (default 7, 0x7ffffffe): prints "mapped" or the errno name.
 * The address is only a hint (no MAP_FIXED): unfiltered, the call succeeds. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
    unsigned long addr = argc > 1 ? strtoul(argv[1], NULL, 0) : 7;
    size_t len = argc > 2 ? strtoul(argv[2], NULL, 0) : 0x7ffffffe;
    void *p = mmap((void *)addr, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED) {
        printf("refused: %s\n", strerrorname_np(errno));
        return 1;
    }
    printf("mapped\n");
    return 0;
}
