/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Symbolic constants (EPERM, O_WRONLY, AF_UNIX, ...) with their values for
 * each target architecture: x86_64's from data/constants-x86_64.txt, and
 * aarch64's few other values (O_DIRECTORY, O_NOFOLLOW, ...) from
 * data/constants-aarch64.txt (both made from the headers by
 * tools/gen-arch-data.sh, turned into tables by tools/gen-tables.sh), so the
 * build machine's own headers decide nothing. */
#define _GNU_SOURCE /* some families of tools/constants.list need it */
#include "internal.h"

#include <string.h>

#include "constants_headers.h"
#include "table_sizes.h"

/* Names in arrays, not pointers: no relocations at load (see syscalls.c). */
static const struct constant {
    char name[SS_CONSTANT_NAME_SIZE];
    long long value;
} constants[] = {
#include "constants.inc"
};

/* aarch64's values where they differ from x86_64's; !present: aarch64 lacks it. */
static const struct arch_constant {
    char name[SS_CONSTANT_NAME_SIZE];
    long long value;
    bool present;
} aarch64_constants[] = {
#include "constants_aarch64.inc"
};

/* The main table holds x86_64's values, whatever machine built the engine. */
static int arch_override(enum ss_arch a, const char *name, long long *value)
{
    if (a != SS_ARCH_AARCH64)
        return 0;
    for (size_t i = 0; i < sizeof aarch64_constants / sizeof aarch64_constants[0]; i++)
        if (strcmp(aarch64_constants[i].name, name) == 0) {
            *value = aarch64_constants[i].value;
            return aarch64_constants[i].present ? 1 : -1;
        }
    return 0;
}

int ss_constant_value_arch(enum ss_arch a, const char *name, long long *value)
{
    int over = arch_override(a, name, value);

    if (over)
        return over > 0 ? 0 : -1;

    /* Binary search: policies name constants (generated ones do, see
     * symbolic.c) and the shim looks each up at start-up. The table is in
     * strcmp order (gen-tables.sh sorts with LC_ALL=C); were it not, the
     * scan below still finds every name, only slower. */
    size_t lo = 0, hi = sizeof constants / sizeof constants[0];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(name, constants[mid].name);
        if (cmp == 0) {
            *value = constants[mid].value;
            return 0;
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (strcmp(constants[i].name, name) == 0) {
            *value = constants[i].value;
            return 0;
        }
    return -1;
}

const char *ss_constant_at(enum ss_arch a, size_t i, long long *value)
{
    if (i >= sizeof constants / sizeof constants[0])
        return NULL;
    *value = constants[i].value;
    arch_override(a, constants[i].name, value);
    return constants[i].name;
}

const char *ss_constant_suggest(const char *name)
{
    return ss_closest(name, constants, sizeof constants / sizeof constants[0], sizeof constants[0],
                      false);
}
