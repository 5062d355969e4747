/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The names, numbers, groups and constants of the machine's own
 * architecture, for callers that only ever look at it (the shim, explain's
 * handler, learn). Not internal.h: the rest of engine/ answers for the
 * policy's architecture, and internal.h forbids these there. */
#include "seccomp-shim.h"

const char *ss_syscall_name(int nr)
{
    return ss_syscall_name_arch(ss_arch_native(), nr);
}

int ss_syscall_number(const char *name, bool *elsewhere)
{
    return ss_syscall_number_arch(ss_arch_native(), name, elsewhere);
}

int ss_syscall_lookup(const char *name, bool *elsewhere, bool *by_number)
{
    return ss_syscall_lookup_arch(ss_arch_native(), name, elsewhere, by_number);
}

const char *ss_arg_constant_at(enum ss_arg_kind kind, size_t *i, long long *value)
{
    return ss_arg_constant_at_arch(ss_arch_native(), kind, i, value);
}

bool ss_arg_at(size_t i, struct ss_arg *a)
{
    return ss_arg_at_arch(ss_arch_native(), i, a);
}

struct ss_arg ss_arg_of(int nr, unsigned arg)
{
    return ss_arg_of_arch(ss_arch_native(), nr, arg);
}

int ss_group_members(const char *name, int *nrs, size_t max)
{
    return ss_group_members_arch(ss_arch_native(), name, nrs, max);
}
