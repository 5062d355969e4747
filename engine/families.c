/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Families of syscalls that do one thing in different ways (chmod, fchmod,
 * fchmodat, fchmodat2): a deny-list that refuses one of them and allows
 * another refuses nothing (lint.c). Most families follow from the names in
 * the engine's syscall table, so a syscall the kernel adds (open_tree_attr,
 * setxattrat) joins its family without a change here; a short table names
 * the families the names do not show. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Families the names do not show, or whose members' names vary too much.
 * A syscall named here belongs to no derived family. */
static const struct {
    const char *what;
    const char *members[10];
} named[] = {
    {"opening files", {"open", "openat", "openat2", "creat"}},
    {"creating processes", {"clone", "clone3", "fork", "vfork"}},
    {"running programs", {"execve", "execveat"}},
    {"io_uring", {"io_uring_setup", "io_uring_enter", "io_uring_register"}},
    {"mounting",
     {"mount", "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree",
      "open_tree_attr", "mount_setattr"}},
    {"reading file status", {"stat", "fstat", "lstat", "newfstatat", "statx"}},
    {"setting file times", {"utime", "utimes", "futimesat", "utimensat"}},
};

/* Names that look like a variant of another but do something else: fsync
 * flushes one file, sync all of them (refusing sync alone is meaningful). */
static const char *const unrelated[] = {"fsync"};

/* The table's names hashed, for lookups by name (the table is by number):
 * the lint runs at every start of the shim, so this must be cheap. */
#define INDEX_SLOTS 2048 /* a power of two, twice SS_SYSCALL_SLOTS */

struct index {
    enum ss_arch arch;
    short slot[INDEX_SLOTS]; /* syscall numbers, -1: empty */
    unsigned char named[SS_SYSCALL_SLOTS / 8];
};

static unsigned hash(const char *s, size_t len)
{
    unsigned h = 2166136261u; /* FNV-1a */

    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int lookup(const struct index *ix, const char *name, size_t len)
{
    for (unsigned h = hash(name, len);; h++) {
        int nr = ix->slot[h % INDEX_SLOTS];
        if (nr < 0)
            return -1;
        const char *known = ss_syscall_name_arch(ix->arch, nr);
        if (strncmp(known, name, len) == 0 && !known[len])
            return nr;
    }
}

static bool is_named(const struct index *ix, int nr)
{
    return ix->named[nr / 8] & (1u << (nr % 8));
}

static void index_build(struct index *ix, enum ss_arch a)
{
    ix->arch = a;
    memset(ix->slot, 0xff, sizeof ix->slot);
    memset(ix->named, 0, sizeof ix->named);
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        const char *name = ss_syscall_name_arch(a, nr);
        if (!name)
            continue;
        unsigned h = hash(name, strlen(name));
        while (ix->slot[h % INDEX_SLOTS] >= 0)
            h++;
        ix->slot[h % INDEX_SLOTS] = (short)nr;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        for (size_t k = 0; named[i].members[k]; k++) {
            int nr = lookup(ix, named[i].members[k], strlen(named[i].members[k]));
            if (nr >= 0)
                ix->named[nr / 8] |= 1u << (nr % 8);
        }
    for (size_t i = 0; i < sizeof unrelated / sizeof unrelated[0]; i++) {
        int nr = lookup(ix, unrelated[i], strlen(unrelated[i]));
        if (nr >= 0)
            ix->named[nr / 8] |= 1u << (nr % 8);
    }
}

/* The syscall the name is a variant of, following the kernel's naming: a
 * suffix _attr (open_tree_attr), at2/at (fchmodat2, mkdirat), or a number
 * (dup3, accept4), then a prefix f or l (fchmod, lsetxattr); each step only
 * when it leads to a syscall. The number of the root, nr itself if none. */
static int root_of(const struct index *ix, int nr)
{
    static const char *const suffixes[] = {"_attr", "at2", "at", ""}; /* "": digits */
    const char *name = ss_syscall_name_arch(ix->arch, nr);
    size_t len = strlen(name);

    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t cut = strlen(suffixes[i]);
        if (cut && (len <= cut || strcmp(name + len - cut, suffixes[i])))
            continue;
        if (!cut) {
            while (cut < len && isdigit((unsigned char)name[len - 1 - cut]))
                cut++;
            if (!cut || cut == len)
                continue;
        }
        int base = lookup(ix, name, len - cut);
        if (base < 0 && (name[0] == 'f' || name[0] == 'l'))
            base = lookup(ix, name + 1, len - cut - 1);
        if (base >= 0)
            return root_of(ix, base);
    }
    if ((name[0] == 'f' || name[0] == 'l') && len > 1) {
        int base = lookup(ix, name + 1, len - 1);
        if (base >= 0)
            return root_of(ix, base);
    }
    return nr;
}

int ss_each_family(enum ss_arch a, int (*fn)(void *ctx, const struct ss_family *f), void *ctx)
{
    struct index ix;
    short next[SS_SYSCALL_SLOTS], last[SS_SYSCALL_SLOTS];
    struct ss_family f;

    index_build(&ix, a);
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        f.what = named[i].what;
        f.n = 0;
        for (size_t k = 0; named[i].members[k]; k++) {
            int nr = lookup(&ix, named[i].members[k], strlen(named[i].members[k]));
            if (nr >= 0) /* x86_64 has it */
                f.nrs[f.n++] = nr;
        }
        if (fn(ctx, &f))
            return -1;
    }
    /* Each root's variants in a list, in order of number. */
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        next[nr] = last[nr] = -1;
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        int r = ss_syscall_name_arch(a, nr) ? root_of(&ix, nr) : nr;
        if (r == nr || is_named(&ix, nr) || is_named(&ix, r))
            continue;
        if (last[r] < 0)
            next[r] = (short)nr;
        else
            next[last[r]] = (short)nr;
        last[r] = (short)nr;
    }
    for (int r = 0; r < SS_SYSCALL_SLOTS; r++) {
        if (last[r] < 0)
            continue;
        f.n = 0;
        for (int nr = r; nr >= 0 && f.n < sizeof f.nrs / sizeof f.nrs[0]; nr = next[nr])
            f.nrs[f.n++] = nr;
        snprintf(f.what_buf, sizeof f.what_buf, "what %s does", ss_syscall_name_arch(a, r));
        f.what = f.what_buf;
        if (fn(ctx, &f))
            return -1;
    }
    return 0;
}

struct family_query {
    int nr;
    int *nrs;
    size_t max, n;
};

static int find_family(void *ctx, const struct ss_family *f)
{
    struct family_query *q = ctx;
    bool member = false;

    for (size_t i = 0; i < f->n; i++)
        member |= f->nrs[i] == q->nr;
    if (!member)
        return 0;
    q->n = f->n;
    for (size_t i = 0; i < f->n && i < q->max; i++)
        q->nrs[i] = f->nrs[i];
    return 1; /* a syscall is in one family at most: stop */
}

static int by_number(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int ss_syscall_family(enum ss_arch a, int nr, int *nrs, size_t max)
{
    struct family_query q = {nr, nrs, max, 0};

    if (nr < 0 || nr >= SS_SYSCALL_SLOTS || !ss_syscall_name_arch(a, nr))
        return 0;
    ss_each_family(a, find_family, &q);
    qsort(nrs, q.n < max ? q.n : max, sizeof *nrs, by_number);
    return (int)q.n;
}

/* The legacy syscalls newer architectures (aarch64, riscv64: the
 * asm-generic table) left out, with the forms programs call there instead,
 * preferred first. */
static const struct {
    const char *legacy;
    const char *forms[3];
} siblings[] = {
    {"open", {"openat"}},
    {"creat", {"openat"}},
    {"stat", {"newfstatat"}},
    {"lstat", {"newfstatat"}},
    {"access", {"faccessat", "faccessat2"}},
    {"pipe", {"pipe2"}},
    {"dup2", {"dup3"}},
    {"fork", {"clone", "clone3"}},
    {"vfork", {"clone", "clone3"}},
    {"select", {"pselect6"}},
    {"poll", {"ppoll"}},
    {"mkdir", {"mkdirat"}},
    {"mknod", {"mknodat"}},
    {"unlink", {"unlinkat"}},
    {"rmdir", {"unlinkat"}},
    {"rename", {"renameat", "renameat2"}},
    {"renameat", {"renameat2"}},
    {"chmod", {"fchmodat", "fchmodat2"}},
    {"chown", {"fchownat"}},
    {"lchown", {"fchownat"}},
    {"link", {"linkat"}},
    {"symlink", {"symlinkat"}},
    {"readlink", {"readlinkat"}},
    {"utime", {"utimensat"}},
    {"utimes", {"utimensat"}},
    {"futimesat", {"utimensat"}},
    {"getdents", {"getdents64"}},
    {"epoll_wait", {"epoll_pwait", "epoll_pwait2"}},
    {"epoll_create", {"epoll_create1"}},
    {"inotify_init", {"inotify_init1"}},
    {"eventfd", {"eventfd2"}},
    {"signalfd", {"signalfd4"}},
    {"time", {"clock_gettime"}},
    {"alarm", {"setitimer"}},
    {"pause", {"ppoll"}},
    {"getpgrp", {"getpgid"}},
};

int ss_syscall_siblings(enum ss_arch a, const char *name, int *nrs, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof siblings / sizeof siblings[0]; i++) {
        if (strcmp(siblings[i].legacy, name) != 0)
            continue;
        for (size_t k = 0; k < 3 && siblings[i].forms[k] && n < max; k++) {
            int nr = ss_syscall_lookup_arch(a, siblings[i].forms[k], NULL, NULL);
            if (nr >= 0)
                nrs[n++] = nr;
        }
        break;
    }
    return (int)n;
}
