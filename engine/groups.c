/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Syscall groups (@aio, @privileged, ...): systemd's lists, turned into a
 * table at build time from data/syscall-groups.txt (tools/gen-groups.sh
 * makes it from systemd 252's groups and a newer systemd's; tools/gen-tables.sh
 * makes the table). */
#include "internal.h"

#include <string.h>

static const struct group {
    const char *name; /* "@name" */
    const char *help;
    const char *members; /* syscall names and "@group"s, separated by spaces (one
                          * string, not an array of pointers to relocate at load) */
} groups[] = {
#include "groups.inc"
};

static const struct group *find(const char *name)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strcmp(groups[i].name, name) == 0)
            return &groups[i];
    return NULL;
}

/* depth bounds the recursion should the data ever contain a cycle. */
static void expand(enum ss_arch a, const struct group *g, unsigned char *set, unsigned depth)
{
    char m[64];

    for (const char *s = g->members; *s && depth < 8; s += strspn(s, " ")) {
        size_t len = strcspn(s, " ");

        if (len >= sizeof m) /* the generator writes names only; no such member */
            return;
        memcpy(m, s, len);
        m[len] = 0;
        s += len;
        if (m[0] == '@') {
            const struct group *sub = find(m);
            if (sub)
                expand(a, sub, set, depth + 1);
            continue;
        }
        /* Syscalls newer than libseccomp (open_tree_attr) are in the engine's
         * table all the same: a group must refuse them too. */
        int nr = ss_syscall_lookup_arch(a, m, NULL, NULL);
        if (nr >= 0 && nr < SS_SYSCALL_SLOTS) /* members x86_64 lacks are skipped */
            set[nr / 8] |= 1u << (nr % 8);
    }
}

int ss_group_syscalls(enum ss_arch a, const char *name, unsigned char set[SS_SYSCALL_SLOTS / 8])
{
    const struct group *g = find(name);

    if (!g)
        return -1;
    memset(set, 0, SS_SYSCALL_SLOTS / 8);
    expand(a, g, set, 0);
    return 0;
}

int ss_group_members_arch(enum ss_arch a, const char *name, int *nrs, size_t max)
{
    unsigned char set[SS_SYSCALL_SLOTS / 8];
    size_t n = 0;

    if (ss_group_syscalls(a, name, set))
        return -1;
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        if (set[nr / 8] & (1u << (nr % 8))) {
            if (n < max)
                nrs[n] = nr;
            n++;
        }
    return (int)n;
}

const char *ss_group_at(size_t i, const char **help)
{
    if (i >= sizeof groups / sizeof groups[0])
        return NULL;
    *help = groups[i].help;
    return groups[i].name;
}

const char *ss_group_suggest(const char *name)
{
    return ss_closest(name, groups, sizeof groups / sizeof groups[0], sizeof groups[0], true);
}
