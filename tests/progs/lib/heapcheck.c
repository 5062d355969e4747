/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A malloc interposer for tests (preload it with the shim): remembers the
 * blocks allocated from code in the shim, libseccomp or inih and, at exit,
 * prints how many of them were never freed. valgrind cannot check this: it
 * does not implement seccomp(2), so under it the shim stops at libseccomp's
 * first probe. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);

#define SLOTS 4096
static void *live[SLOTS];
static size_t live_size[SLOTS];
static int busy;    /* dladdr must not recurse into us */
static size_t seen; /* blocks the guest allocated in all */

static int from_guest(void *caller)
{
    Dl_info info;
    int guest = 0;

    if (busy)
        return 0;
    busy = 1;
    if (dladdr(caller, &info) && info.dli_fname)
        guest = strstr(info.dli_fname, "seccomp") || strstr(info.dli_fname, "inih");
    busy = 0;
    return guest;
}

static void remember(void *p, size_t n, void *caller)
{
    if (!p || !from_guest(caller))
        return;
    seen++;
    for (int i = 0; i < SLOTS; i++)
        if (!live[i]) {
            live[i] = p;
            live_size[i] = n;
            return;
        }
}

static void forget(void *p)
{
    for (int i = 0; p && i < SLOTS; i++)
        if (live[i] == p)
            live[i] = NULL;
}

__attribute__((visibility("default"))) void *malloc(size_t n)
{
    void *p = __libc_malloc(n);

    remember(p, n, __builtin_return_address(0));
    return p;
}

__attribute__((visibility("default"))) void *calloc(size_t k, size_t n)
{
    void *p = __libc_calloc(k, n);

    remember(p, k * n, __builtin_return_address(0));
    return p;
}

__attribute__((visibility("default"))) void *realloc(void *old, size_t n)
{
    void *p = __libc_realloc(old, n);

    if (p || !n)
        forget(old);
    remember(p, n, __builtin_return_address(0));
    return p;
}

__attribute__((visibility("default"))) void free(void *p)
{
    forget(p);
    __libc_free(p);
}

__attribute__((destructor)) static void report(void)
{
    size_t blocks = 0, bytes = 0;
    char line[128];
    int n;

    for (int i = 0; i < SLOTS; i++)
        if (live[i]) {
            blocks++;
            bytes += live_size[i];
        }
    n = snprintf(line, sizeof line,
                 "heapcheck: %zu of %zu blocks (%zu bytes) from the shim still live\n", blocks,
                 seen, bytes);
    if (write(2, line, n) < 0)
        return;
}
