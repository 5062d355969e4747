/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What a program can call, from its files: for each object the loader maps
 * (but the loader itself, which is done before the shim starts), the libc
 * functions it imports mapped to the syscalls their code reaches, and the
 * syscalls its own code makes with a constant number. */
#define _GNU_SOURCE
#include "cli.h"
#include "scan.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static int note(struct scan_result *r, int nr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records that nr comes from what fmt says; the first source is kept. */
static int note(struct scan_result *r, int nr, const char *fmt, ...)
{
    va_list ap;

    if (nr < 0 || nr >= SS_SYSCALL_SLOTS)
        return 0;
    r->has[nr] = true;
    if (r->count[nr]++)
        return 0;
    va_start(ap, fmt);
    int rc = vasprintf(&r->from[nr], fmt, ap);
    va_end(ap);
    if (rc < 0) {
        r->from[nr] = NULL;
        return -1;
    }
    return 0;
}

static int note_bits(struct scan_result *r, const scan_bits *b, const char *what, const char *obj)
{
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        if (scan_bit(b, nr) && note(r, nr, "%s in %s", what, obj))
            return -1;
    return 0;
}

static int scan_object(struct scan_result *r, const struct scan_object *o, bool program,
                       const struct libc_map *map, const char *libc_name)
{
    const char *name = base(o->elf.path);

    for (size_t s = 0; map && s < o->elf.nsyms; s++) {
        const struct elf_sym *y = &o->elf.syms[s];
        const struct libc_fn *fn;
        if (y->defined || !*y->name || !(fn = scan_libc_lookup(map, y->name)))
            continue;
        for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
            if (!scan_bit(&fn->nrs, nr))
                continue;
            if (program ? note(r, nr, "%s: %s", libc_name, y->name)
                        : note(r, nr, "%s: %s, imported by %s", libc_name, y->name, name))
                return -1;
        }
    }
    if (!o->libc) {
        scan_bits direct = {{0}}, via_call = {{0}};
        if (scan_raw_syscalls(&o->elf, &direct, &via_call) ||
            note_bits(r, &direct, "syscall instruction", name) ||
            note_bits(r, &via_call, "syscall()", name))
            return -1;
    }
    return 0;
}

int scan_program(const char *path, struct scan_result *r)
{
    struct scan_object *objs;
    struct libc_map map = {0};
    const struct scan_object *libc = NULL;
    size_t n;
    int rc = -1;

    memset(r, 0, sizeof *r);
    if (scan_closure(path, &objs, &n))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (objs[i].libc && !libc)
            libc = &objs[i];
    if (libc && scan_libc_map(&libc->elf, &map))
        goto out;
    r->objects = calloc(n, sizeof *r->objects);
    if (!r->objects)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (!(r->objects[r->nobjects] = strdup(objs[i].elf.path)))
            goto oom;
        r->nobjects++;
        if (!objs[i].loader &&
            scan_object(r, &objs[i], i == 0, libc ? &map : NULL, libc ? base(libc->elf.path) : ""))
            goto oom;
    }
    rc = 0;
    goto out;
oom:
    cli_error("out of memory");
out:
    scan_libc_map_free(&map);
    scan_closure_free(objs, n);
    if (rc)
        scan_result_free(r);
    return rc;
}

void scan_result_free(struct scan_result *r)
{
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        free(r->from[nr]);
    for (size_t i = 0; i < r->nobjects; i++)
        free(r->objects[i]);
    free(r->objects);
    memset(r, 0, sizeof *r);
}

/* A script's interpreter (its #! line), the program that runs: into buf. */
static bool interpreter(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "re");
    char line[PATH_MAX + 3];
    bool found = false;

    if (!f)
        return false;
    if (fgets(line, sizeof line, f) && line[0] == '#' && line[1] == '!') {
        char *p = line + 2 + strspn(line + 2, " \t");
        p[strcspn(p, " \t\n")] = 0;
        found = *p == '/' && snprintf(buf, size, "%s", p) < (int)size;
    }
    fclose(f);
    return found;
}

int scan_command(const char *cmd, struct scan_result *r, char *path, size_t size)
{
    char interp[PATH_MAX];
    int err;

    if (cli_resolve_command(cmd, path, size, &err))
        return -1;
    if (interpreter(path, interp, sizeof interp))
        snprintf(path, size, "%s", interp);
    return scan_program(path, r);
}
