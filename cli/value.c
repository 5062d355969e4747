/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A value written as a policy or strace writes it: terms joined by |, each a
 * number (decimal, 0x hex, 0 octal; negative: two's complement) or a
 * constant name (AF_UNIX, CLONE_NEWUSER, SIGCHLD) of architecture a. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_value(enum ss_arch a, const char *s, size_t len, uint64_t *out, char *why,
                    size_t whysize)
{
    char term[128];
    size_t i = 0;

    *out = 0;
    while (i < len) {
        size_t j = i, start, end;
        while (j < len && s[j] != '|')
            j++;
        start = i, end = j;
        while (start < end && isspace((unsigned char)s[start]))
            start++;
        while (end > start && isspace((unsigned char)s[end - 1]))
            end--;
        if (end == start || end - start >= sizeof term) {
            snprintf(why, whysize, "empty or too long argument");
            return -1;
        }
        memcpy(term, s + start, end - start);
        term[end - start] = 0;
        if (isdigit((unsigned char)term[0]) || term[0] == '-') {
            char *rest;
            errno = 0;
            uint64_t v =
                term[0] == '-' ? (uint64_t)strtoll(term, &rest, 0) : strtoull(term, &rest, 0);
            if (errno || *rest) {
                snprintf(why, whysize, "'%s' is not a number", term);
                return -1;
            }
            *out |= v;
        } else {
            long long v;
            if (ss_constant_value_arch(a, term, &v)) {
                snprintf(why, whysize, "unknown constant '%s'", term);
                return -1;
            }
            *out |= (uint64_t)v;
        }
        i = j + 1;
    }
    return 0;
}
