/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Values written back as the constants a policy would use (AF_UNIX, TCGETS,
 * CLONE_NEWUSER|CLONE_NEWNS, errno(EAFNOSUPPORT)): for `check -v`, check
 * --json and generated policies. One value has many names (1 is AF_UNIX,
 * SOCK_STREAM, O_WRONLY, EPERM...), so a name is chosen only for an argument
 * data/syscall-args.txt gives a kind with names, from that kind's names. A
 * name chosen is one whose value is the value: parsing it back always gives
 * the same filter. */
#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* A kind's names (data/syscall-args.txt) for argument arg of nr, or NULL.
 * O_LARGEFILE is 0 in 64-bit user headers (the kernel's is 0x8000): the
 * table leaves it out, never a name for 0. */
static const char *family_of(enum ss_arch a, int nr, unsigned arg, bool *flags,
                             unsigned long long *min)
{
    return ss_arg_names(ss_arg_of_arch(a, nr, arg).kind, flags, min);
}

/* name is in the family: it starts with a prefix and with no "!" one. */
static bool in_family(const char *name, const char *prefixes)
{
    bool in = false;

    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        bool not = *p == '!';
        if (strncmp(name, p + not, n - not ) == 0) {
            if (not )
                return false;
            in = true;
        }
        p += n + (p[n] == ' ');
    }
    return in;
}

const char *ss_arg_constant_at_arch(enum ss_arch a, enum ss_arg_kind kind, size_t *i,
                                    long long *value)
{
    bool flags;
    unsigned long long min;
    const char *prefixes = ss_arg_names(kind, &flags, &min), *name;

    while (prefixes && (name = ss_constant_at(a, (*i)++, value)))
        if (in_family(name, prefixes))
            return name;
    return NULL;
}

/* The first name of the family with this value (table order), or NULL. */
static const char *name_of(enum ss_arch a, const char *prefixes, long long value)
{
    const char *name;
    long long v;

    for (size_t i = 0; (name = ss_constant_at(a, i, &v)); i++)
        if (v == value && in_family(name, prefixes))
            return name;
    return NULL;
}

/* NAME|NAME|... for a value made of single-bit names only; false otherwise. */
static bool flags_text(enum ss_arch a, const char *prefixes, uint64_t value, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = 0;
    for (unsigned bit = 0; bit < 64; bit++) {
        const char *name;
        if (!(value & (1ULL << bit)))
            continue;
        name = name_of(a, prefixes, (long long)(1ULL << bit));
        if (!name)
            return false;
        n += snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "|" : "", name);
    }
    return n > 0 && n < size;
}

char *ss_value_format(enum ss_arch a, int nr, unsigned arg, uint64_t value, char *buf, size_t size)
{
    bool flags = false;
    unsigned long long min = 0;
    const char *prefixes = family_of(a, nr, arg, &flags, &min);
    const char *name = prefixes && value >= min && value <= INT64_MAX
                           ? name_of(a, prefixes, (long long)value)
                           : NULL;

    if (name)
        snprintf(buf, size, "%s", name);
    else if (!(prefixes && flags && flags_text(a, prefixes, value, buf, size)))
        snprintf(buf, size, "%#llx", (unsigned long long)value);
    return buf;
}

char *ss_action_format_symbolic(enum ss_arch arch, struct ss_action a, char *buf, size_t size)
{
    const char *name = a.kind == SS_ACT_ERRNO && a.data ? name_of(arch, "E", a.data) : NULL;

    if (name)
        snprintf(buf, size, "errno(%s)", name);
    else
        ss_action_format(a, buf, size);
    return buf;
}
