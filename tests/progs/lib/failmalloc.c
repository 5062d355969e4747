/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A malloc interposer for tests (preload it): FAIL_AT=N makes the Nth
 * allocation (malloc, calloc or realloc) fail with ENOMEM, once; without
 * FAIL_AT it prints on stderr at exit how many allocations there were
 * ("allocations: N"), so that a test can try every one. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long count, fail_at;
static int started;

static int failing(void)
{
    if (!started) {
        const char *s = getenv("FAIL_AT");
        fail_at = s ? strtoul(s, NULL, 10) : 0;
        started = 1;
    }
    if (++count != fail_at)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    return failing() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return failing() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return failing() ? NULL : __libc_realloc(p, size);
}

__attribute__((destructor)) static void report(void)
{
    char line[64];
    int n;

    if (fail_at)
        return;
    n = snprintf(line, sizeof line, "allocations: %lu\n", count);
    if (write(2, line, n) != n)
        return;
}
