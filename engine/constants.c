/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Symbolic constants (EPERM, O_WRONLY, AF_UNIX, ...) with the values of the
 * system headers the engine was built with (tools/gen-tables.sh). */
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

int ss_constant_value(const char *name, long long *value)
{
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (strcmp(constants[i].name, name) == 0) {
            *value = constants[i].value;
            return 0;
        }
    return -1;
}

const char *ss_constant_suggest(const char *name)
{
    return ss_closest(name, constants, sizeof constants / sizeof constants[0], sizeof constants[0],
                      false);
}
