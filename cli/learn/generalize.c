/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What a learned policy allows beyond the syscalls one run showed: the
 * siblings of each call seen, so that the same program on another input is
 * not killed for doing the same thing another way (newfstatat one time,
 * statx the next; poll only when a pipe fills). The families come from the
 * engine (derived from the syscall names) and from data/learn-generalize.def
 * (systemd's groups and short lists, each with its reason). */
#include "learn.h"

#include <string.h>
#include <sys/syscall.h>

enum kind { FAMILY, IMPLIES, ALWAYS };

static const struct {
    enum kind kind;
    const char *seen, *add, *why;
} lines[] = {
#define FAMILY(members, why)    {FAMILY, members, members, why},
#define IMPLIES(seen, add, why) {IMPLIES, seen, add, why},
#define ALWAYS(members, why)    {ALWAYS, "", members, why},
#include "../../data/learn-generalize.def"
#undef FAMILY
#undef IMPLIES
#undef ALWAYS
};

/* Calls fn for each x86_64 syscall of the space-separated names and groups. */
static void each_member(const char *list, void (*fn)(void *ctx, int nr), void *ctx)
{
    char word[64];

    for (const char *p = list; *p;) {
        size_t len = strcspn(p, " ");
        if (len && len < sizeof word) {
            memcpy(word, p, len);
            word[len] = 0;
            if (word[0] == '@') {
                int nrs[SS_SYSCALL_SLOTS];
                int n = ss_group_members(word, nrs, SS_SYSCALL_SLOTS);
                for (int i = 0; i < n && i < SS_SYSCALL_SLOTS; i++)
                    fn(ctx, nrs[i]);
            } else {
                int nr = ss_syscall_lookup(word, NULL, NULL);
                if (nr >= 0 && nr < SS_SYSCALL_SLOTS)
                    fn(ctx, nr);
            }
        }
        p += len;
        p += strspn(p, " ");
    }
}

/* clone3 calls fall back to clone (clone3 is errno(ENOSYS)): under --tight
 * with the flags read from them, otherwise with any but CLONE_NEW*. */
bool learn_seen(const struct tally *t, int nr)
{
    return t->count[nr] ||
           (nr == __NR_clone && (t->clone3_as_clone.n || (!t->tight && t->count[__NR_clone3])));
}

struct first_seen {
    const struct tally *t;
    int nr;
};

static void find_seen(void *ctx, int nr)
{
    struct first_seen *f = ctx;

    if (f->nr < 0 && learn_seen(f->t, nr))
        f->nr = nr;
}

struct adding {
    const struct tally *t;
    struct generalized *g;
    int from;
    const char *why;
};

/* A syscall whose argument is recorded is never allowed whole beyond what
 * the run saw (socket and clone always, see learn_conditioned), and clone3
 * never (its flags are in a struct); under --tight openat2 neither. */
bool learn_may_add(const struct tally *t, int nr)
{
    for (size_t i = 0; i < t->ntight; i++)
        if (t->tight_args[i].nr == nr)
            return false;
    return nr != __NR_clone3 && (!t->tight || nr != __NR_openat2);
}

/* Never added unless seen, by generalization or from the binary (scan_learn.c):
 * a family of these (the lint's mounting family: open_tree, which needs no
 * privilege, beside mount and fsopen; finit_module beside init_module) would
 * give the program powers its calls did not show (review), and a program
 * whose libc can call mount need not be one that does. docs/learning.md
 * promises no ptrace, mount, namespace, module, bpf or keyring call. When the
 * run made one, its line keeps the argument data/syscall-args.txt says
 * decides what it did (learn_conditioned); pivot_root, init_module,
 * process_vm_*, add_key and request_key have none (pointers). */
static const char never_widen[][20] = {
    "mount",
    "umount2",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "move_mount",
    "open_tree",
    "open_tree_attr",
    "mount_setattr",
    "pivot_root",
    "chroot", /* systemd's @mount: another root, from which a privileged program escapes */
    "init_module",
    "finit_module",
    "delete_module",
    "ptrace",
    "unshare",
    "setns",
    "kexec_load",
    "kexec_file_load",
    "bpf",
    "process_vm_readv",
    "process_vm_writev",
    "add_key",
    "request_key",
    "keyctl",
};

bool learn_never_widen(int nr)
{
    const char *name = ss_syscall_name(nr);

    for (size_t i = 0; name && i < sizeof never_widen / sizeof never_widen[0]; i++)
        if (!strcmp(name, never_widen[i]))
            return true;
    return false;
}

int learn_conditioned(int nr)
{
    struct ss_arg a;

    for (size_t i = 0; ss_arg_at(i, &a); i++)
        if (a.decides && a.nr == nr)
            return (int)a.arg;
    return -1;
}

static void add(void *ctx, int nr)
{
    struct adding *a = ctx;

    /* clone comes without namespace flags (policy_writer.c), not under --tight. */
    bool clone = nr == __NR_clone && !a->t->tight;

    if (learn_seen(a->t, nr) || a->g->from[nr] != GENERALIZED_NOT ||
        (!learn_may_add(a->t, nr) && !clone) || learn_never_widen(nr))
        return;
    a->g->from[nr] = a->from;
    a->g->why[nr] = a->why;
    a->g->n++;
}

void learn_generalize(const struct tally *t, struct generalized *g)
{
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        g->from[nr] = GENERALIZED_NOT;
        g->why[nr] = NULL;
    }
    g->n = 0;
    /* The families the names show, for each syscall seen. */
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        int nrs[16];
        struct adding a = {t, g, nr, NULL};
        if (!learn_seen(t, nr))
            continue;
        int n = ss_syscall_family(ss_arch_native(), nr, nrs, sizeof nrs / sizeof nrs[0]);
        for (int i = 0; i < n && i < (int)(sizeof nrs / sizeof nrs[0]); i++)
            add(&a, nrs[i]);
    }
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct first_seen f = {t, -1};
        struct adding a = {t, g, GENERALIZED_ALWAYS, lines[i].why};
        if (lines[i].kind != ALWAYS) {
            each_member(lines[i].seen, find_seen, &f);
            if (f.nr < 0)
                continue;
            a.from = f.nr;
        }
        each_member(lines[i].add, add, &a);
    }
}
