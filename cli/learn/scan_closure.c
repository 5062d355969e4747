/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shared objects the dynamic loader maps for a program: its DT_NEEDED,
 * theirs, and so on, each found as ld.so finds it (ld.so(8)): a name with a
 * slash as it is; else DT_RPATH (of the object, then of the program, when the
 * object has no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH, /etc/ld.so.cache,
 * then the standard folders. Objects loaded with dlopen (NSS modules, gconv)
 * are not in it: a trace sees them. */
#define _GNU_SOURCE
#include "cli.h"
#include "scan.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define LDSO_CACHE   "/etc/ld.so.cache"
#define CACHE_MAGIC  "glibc-ld.so.cache1.1"
#define CACHE_X86_64 0x0303 /* FLAG_ELF_LIBC6 | FLAG_X8664_LIB64 */
#define CACHE_TYPE   0xffff

static const char *const system_dirs[] = {"/lib/x86_64-linux-gnu",
                                          "/usr/lib/x86_64-linux-gnu",
                                          "/lib64",
                                          "/usr/lib64",
                                          "/lib",
                                          "/usr/lib"};

struct closure {
    struct scan_object *o;
    size_t n, cap;
    uint8_t *cache; /* /etc/ld.so.cache, read whole */
    size_t cache_size;
};

static bool loaded(const struct closure *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++) {
        const char *base = strrchr(c->o[i].elf.path, '/');
        if ((c->o[i].elf.soname && !strcmp(c->o[i].elf.soname, name)) ||
            !strcmp(base ? base + 1 : c->o[i].elf.path, name))
            return true;
    }
    return false;
}

/* Takes e into the closure. -1 when out of memory (e closed). */
static int push(struct closure *c, struct elf_file *e)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        struct scan_object *grown = realloc(c->o, cap * sizeof *grown);
        if (!grown) {
            elf_close(e);
            return -1;
        }
        c->o = grown;
        c->cap = cap;
    }
    c->o[c->n] = (struct scan_object){.elf = *e};
    c->o[c->n].libc = e->soname && !strcmp(e->soname, "libc.so.6");
    c->o[c->n].loader = e->soname && !strncmp(e->soname, "ld-linux", 8);
    c->n++;
    return 0;
}

/* Adds the object at path; 1 when it is no x86_64 ELF file (look further),
 * -1 when out of memory. */
static int add(struct closure *c, const char *path)
{
    char why[200];
    struct elf_file e;

    if (elf_open(&e, path, why, sizeof why))
        return 1;
    return push(c, &e);
}

/* Tries name in each folder of the colon-separated list ($ORIGIN is the
 * folder of the object asking). 0 found, 1 not, -1 out of memory. */
static int in_dirs(struct closure *c, const char *list, const char *origin, const char *name)
{
    char dir[PATH_MAX], path[2 * PATH_MAX];

    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ":");
        const char *rest = NULL;
        if (len < sizeof dir) {
            memcpy(dir, p, len);
            dir[len] = 0;
            if (!strncmp(dir, "$ORIGIN", 7))
                rest = dir + 7;
            else if (!strncmp(dir, "${ORIGIN}", 9))
                rest = dir + 9;
            if (rest)
                snprintf(path, sizeof path, "%s%s/%s", origin, rest, name);
            else
                snprintf(path, sizeof path, "%s/%s", dir[0] ? dir : ".", name);
            int rc = add(c, path);
            if (rc <= 0)
                return rc;
        }
        p += len;
        p += *p == ':';
    }
    return 1;
}

/* ld.so.cache (the format glibc 2.32 and later write): the path for name. */
static const char *in_cache(const struct closure *c, const char *name)
{
    const uint8_t *m = c->cache;
    size_t size = c->cache_size;
    uint32_t nlibs;

    if (!m || size < 48 || memcmp(m, CACHE_MAGIC, 20))
        return NULL;
    memcpy(&nlibs, m + 20, 4);
    if (nlibs > (size - 48) / 24)
        return NULL;
    for (uint32_t i = 0; i < nlibs; i++) {
        int32_t flags;
        uint32_t key, value;
        memcpy(&flags, m + 48 + 24 * i, 4);
        memcpy(&key, m + 48 + 24 * i + 4, 4);
        memcpy(&value, m + 48 + 24 * i + 8, 4);
        if ((flags & CACHE_TYPE) != CACHE_X86_64 || key >= size || value >= size ||
            !memchr(m + key, 0, size - key) || !memchr(m + value, 0, size - value))
            continue;
        if (!strcmp((const char *)m + key, name))
            return (const char *)m + value;
    }
    return NULL;
}

/* Finds and adds what object `from` names. 0 found (or loaded already),
 * 1 not found, -1 out of memory. */
static int resolve(struct closure *c, size_t from, const char *name)
{
    /* Copied out: adding an object moves c->o (the strings stay mapped). */
    const char *runpath = c->o[from].elf.runpath, *rpath = c->o[from].elf.rpath;
    const char *prog_rpath = c->o[0].elf.rpath;
    char origin[PATH_MAX], porigin[PATH_MAX];
    const char *cached;
    int rc;

    if (loaded(c, name))
        return 0;
    if (strchr(name, '/'))
        return add(c, name);
    snprintf(origin, sizeof origin, "%s", c->o[from].elf.path);
    snprintf(origin, sizeof origin, "%s", dirname(origin));
    snprintf(porigin, sizeof porigin, "%s", c->o[0].elf.path);
    snprintf(porigin, sizeof porigin, "%s", dirname(porigin));
#define TRY(list, org)                                                                             \
    if ((rc = in_dirs(c, list, org, name)) <= 0)                                                   \
        return rc;
    if (!runpath) {
        TRY(rpath, origin);
        if (from)
            TRY(prog_rpath, porigin);
    }
    TRY(getenv("LD_LIBRARY_PATH"), origin);
    TRY(runpath, origin);
#undef TRY
    cached = in_cache(c, name);
    if (cached && (rc = add(c, cached)) <= 0)
        return rc;
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++)
        if ((rc = in_dirs(c, system_dirs[i], origin, name)) <= 0)
            return rc;
    return 1;
}

/* No cache (a system without one) is no error: the folders remain. */
static void read_cache(struct closure *c)
{
    FILE *f = fopen(LDSO_CACHE, "re");
    long size;

    if (!f)
        return;
    if (!fseek(f, 0, SEEK_END) && (size = ftell(f)) > 0 && size < (64L << 20) &&
        !fseek(f, 0, SEEK_SET)) {
        c->cache = malloc(size);
        if (c->cache && fread(c->cache, 1, size, f) == (size_t)size) {
            c->cache_size = size;
        } else {
            free(c->cache);
            c->cache = NULL;
        }
    }
    fclose(f);
}

int scan_closure(const char *program, struct scan_object **objs, size_t *n)
{
    struct closure c = {0};
    char why[200];
    struct elf_file prog;

    if (elf_open(&prog, program, why, sizeof why)) {
        cli_error("%s: %s", program, why);
        return -1;
    }
    if (push(&c, &prog)) {
        cli_error("out of memory");
        return -1;
    }
    read_cache(&c);
    /* Breadth first, as ld.so orders the search. */
    for (size_t i = 0; i < c.n; i++)
        for (size_t k = 0; k < c.o[i].elf.nneeded; k++) {
            const char *name = c.o[i].elf.needed[k];
            int rc = resolve(&c, i, name);
            if (rc < 0) {
                cli_error("out of memory");
                goto fail;
            }
            if (rc > 0) {
                cli_error("%s: cannot find %s, which %s needs", program, name, c.o[i].elf.path);
                goto fail;
            }
        }
    free(c.cache);
    *objs = c.o;
    *n = c.n;
    return 0;
fail:
    free(c.cache);
    scan_closure_free(c.o, c.n);
    return -1;
}

void scan_closure_free(struct scan_object *objs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        elf_close(&objs[i].elf);
    free(objs);
}
