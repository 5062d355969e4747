/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A malloc interposer for tests (preload it): FAIL_AT=N makes the Nth
 * allocation (malloc, calloc or realloc) fail with ENOMEM, once; without
 * FAIL_AT it prints on stderr at exit how many allocations there were
 * ("allocations: N"), so that a test can try every one. The failing one
 * says on stderr which object asked for it ("failmalloc: allocation N, in
 * OBJ"), so that a test can tell a library's crash from the program's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long count, fail_at;
static int started;

static int failing(void *caller)
{
    Dl_info where;
    char line[512];
    int n;

    if (!started) {
        const char *s = getenv("FAIL_AT");
        fail_at = s ? strtoul(s, NULL, 10) : 0;
        started = 1;
    }
    if (++count != fail_at)
        return 0;
    n = snprintf(line, sizeof line, "failmalloc: allocation %lu, in %s\n", count,
                 dladdr(caller, &where) && where.dli_fname ? where.dli_fname : "?");
    if (n > 0 && write(2, line, n) < 0) {
        /* the failure itself still happens */
    }
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    return failing(__builtin_return_address(0)) ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return failing(__builtin_return_address(0)) ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return failing(__builtin_return_address(0)) ? NULL : __libc_realloc(p, size);
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
