/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tally of the syscalls a program made, as learn and from-strace see them. */
#include "learn.h"

#include <linux/sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

void tally_init(struct tally *t, bool tight)
{
    memset(t, 0, sizeof *t);
    t->tight = tight;
    /* --tight records the argument that says what the call does: those
     * data/syscall-args.txt marks tight. */
    struct ss_arg a;
    for (size_t i = 0; tight && ss_arg_at(i, &a); i++)
        if (a.tight && a.nr >= 0 && t->ntight < sizeof t->tight_args / sizeof t->tight_args[0]) {
            t->tight_args[t->ntight].nr = a.nr;
            t->tight_args[t->ntight++].arg = a.arg;
        }
    t->clone3_as_clone.nr = SYS_clone;
    /* In every mode: the family of socket, the flags of clone and the
     * argument of a namespace, mount, ptrace... call (learn_conditioned). */
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        int arg = learn_conditioned(nr);
        bool listed = false;
        for (size_t i = 0; i < t->ntight; i++)
            listed |= t->tight_args[i].nr == nr;
        if (arg < 0 || listed)
            continue;
        if (t->ntight == sizeof t->tight_args / sizeof t->tight_args[0])
            abort(); /* sized for all: a call left out would be allowed whole */
        t->tight_args[t->ntight].nr = nr;
        t->tight_args[t->ntight++].arg = (unsigned)arg;
    }
}

void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->ntight; i++)
        free(t->tight_args[i].v);
    t->ntight = 0;
    free(t->clone3_as_clone.v);
    t->clone3_as_clone = (struct tally_values){0};
}

static int add_value(struct tally_values *tv, uint64_t value)
{
    for (size_t i = 0; i < tv->n; i++)
        if (tv->v[i].value == value) {
            tv->v[i].count++;
            return 0;
        }
    if (tv->n == tv->cap) {
        size_t cap = tv->cap ? tv->cap * 2 : 8;
        struct tally_value *grown = realloc(tv->v, cap * sizeof *grown);
        if (!grown)
            return -1;
        tv->v = grown;
        tv->cap = cap;
    }
    tv->v[tv->n++] = (struct tally_value){value, 1};
    return 0;
}

int tally_add(struct tally *t, int nr, const uint64_t *args)
{
    if (nr < 0 || nr >= SS_SYSCALL_SLOTS) {
        t->foreign++;
        return 0;
    }
    t->count[nr]++;
    if (!args)
        return 0;
    for (size_t i = 0; i < t->ntight; i++)
        if (t->tight_args[i].nr == nr)
            return add_value(&t->tight_args[i], args[t->tight_args[i].arg]);
    return 0;
}

int tally_add_clone3(struct tally *t, uint64_t clone_flags)
{
    return add_value(&t->clone3_as_clone, clone_flags);
}

int tally_arg(const struct tally *t, int nr)
{
    for (size_t i = 0; i < t->ntight; i++)
        if (t->tight_args[i].nr == nr)
            return (int)t->tight_args[i].arg;
    return -1;
}

#ifndef CLONE_CLEAR_SIGHAND /* Linux 5.5; Debian 12's headers have it */
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif

int tally_clone3_flags(uint64_t flags, uint64_t exit_signal, uint64_t *value)
{
    /* The int drops CLONE_CLEAR_SIGHAND, which glibc 2.41's posix_spawn asks
     * of clone3 and does itself in the child after the fallback; any other
     * flag above bit 31 (CLONE_INTO_CGROUP) has no fallback. */
    if ((flags & ~(uint64_t)CLONE_CLEAR_SIGHAND) >> 32 || exit_signal & ~(uint64_t)CSIGNAL)
        return 0;
    *value = (uint64_t)(int64_t)(int32_t)(uint32_t)(flags | exit_signal);
    return 1;
}
