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

/* The table's names sorted, for lookups by name (the table is by number). */
struct index {
    short nr[SS_SYSCALL_SLOTS];
    size_t n;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(ss_syscall_name(*(const short *)a), ss_syscall_name(*(const short *)b));
}

static void index_build(struct index *ix)
{
    ix->n = 0;
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        if (ss_syscall_name(nr))
            ix->nr[ix->n++] = (short)nr;
    qsort(ix->nr, ix->n, sizeof ix->nr[0], by_name);
}

static int lookup(const struct index *ix, const char *name, size_t len)
{
    size_t lo = 0, hi = ix->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *m = ss_syscall_name(ix->nr[mid]);
        int c = strncmp(m, name, len);
        if (c == 0)
            c = m[len] ? 1 : 0;
        if (c == 0)
            return ix->nr[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static bool is_named(const char *name)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        for (size_t k = 0; named[i].members[k]; k++)
            if (strcmp(named[i].members[k], name) == 0)
                return true;
    for (size_t i = 0; i < sizeof unrelated / sizeof unrelated[0]; i++)
        if (strcmp(unrelated[i], name) == 0)
            return true;
    return false;
}

/* The syscall the name is a variant of, following the kernel's naming: a
 * suffix _attr (open_tree_attr), at2/at (fchmodat2, mkdirat), or a number
 * (dup3, accept4), then a prefix f or l (fchmod, lsetxattr); each step only
 * when it leads to a syscall. The number of the root, nr itself if none. */
static int root_of(const struct index *ix, int nr)
{
    static const char *const suffixes[] = {"_attr", "at2", "at", ""}; /* "": digits */
    const char *name = ss_syscall_name(nr);
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

int ss_each_family(int (*fn)(void *ctx, const struct ss_family *f), void *ctx)
{
    struct index ix;
    short root[SS_SYSCALL_SLOTS];
    struct ss_family f;

    index_build(&ix);
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
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        root[nr] = ss_syscall_name(nr) && !is_named(ss_syscall_name(nr)) ? root_of(&ix, nr) : -1;
    for (int r = 0; r < SS_SYSCALL_SLOTS; r++) {
        if (root[r] != r)
            continue;
        f.n = 0;
        for (int nr = 0; nr < SS_SYSCALL_SLOTS && f.n < sizeof f.nrs / sizeof f.nrs[0]; nr++)
            if (root[nr] == r)
                f.nrs[f.n++] = nr;
        if (f.n < 2)
            continue;
        snprintf(f.what_buf, sizeof f.what_buf, "what %s does", ss_syscall_name(r));
        f.what = f.what_buf;
        if (fn(ctx, &f))
            return -1;
    }
    return 0;
}
