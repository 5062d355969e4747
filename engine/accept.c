/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Accepted warnings: a policy line whose comment says
 * `accept-warning: int-compare` has been reviewed for that warning (an
 * imported profile's own `>` rule), so check --werror and run print nothing
 * for it there. Only the named kinds on that very line are silenced. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define PREFIX "accept-warning:"

static const struct {
    const char *name;
    enum ss_warning_kind kind;
} kinds[] = {{"int-compare", SS_WARN_INT_COMPARE}, {"overlap", SS_WARN_OVERLAP}};

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

int ss_accept_comment(const char *text, size_t len, unsigned *out, char *why, size_t whysize)
{
    const char *end = text + len;

    *out = 0;
    while (text < end && blank(*text))
        text++;
    if ((size_t)(end - text) < strlen(PREFIX) || strncmp(text, PREFIX, strlen(PREFIX)))
        return 0;
    for (text += strlen(PREFIX); text < end;) {
        size_t n = 0;
        unsigned kind = 0;
        while (text < end && (blank(*text) || *text == ','))
            text++;
        while (text + n < end && !blank(text[n]) && text[n] != ',')
            n++;
        if (!n)
            break;
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
            if (strlen(kinds[k].name) == n && !strncmp(kinds[k].name, text, n))
                kind = kinds[k].kind;
        if (!kind) {
            snprintf(why, whysize, PREFIX " unknown warning `%.*s` (int-compare, overlap)", (int)n,
                     text);
            return -1;
        }
        *out |= kind;
        text += n;
    }
    if (!*out) {
        snprintf(why, whysize, PREFIX " names no warning (int-compare, overlap)");
        return -1;
    }
    return 0;
}

int ss_policy_lint_accepted(struct ss_policy *p)
{
    for (size_t i = 0; i < p->books->naccepted; i++) {
        const struct ss_accepted *a = &p->books->accepted[i];
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
            if ((a->kinds & ~a->used & kinds[k].kind) &&
                ss_policy_warn(p, a->where,
                               PREFIX " %s, but this line draws no such warning: remove it",
                               kinds[k].name))
                return -1;
    }
    return 0;
}
