/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The command's policy lines: the engine's one writer of rules
 * (ss_rule_text) for the rule, then the line's own comment. learn, complain
 * and audit --suggest write every line they suggest through here. */
#define _GNU_SOURCE
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cli_rule_line(FILE *out, const char *key, int nr, struct ss_action a, const struct ss_cond *c,
                   unsigned n, const char *fmt, ...)
{
    char rule[SS_LINE_MAX + 1], comment[SS_LINE_MAX + 1] = "";
    size_t room;
    va_list ap;

    /* errno(ENOSYS) by name; values as numbers (0x7e020000), as learn has
     * always written them. */
    ss_rule_text(ss_arch_native(), key, nr, a, c, n, SS_TEXT_ERRNO, rule, sizeof rule);
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(comment, sizeof comment, fmt, ap);
        va_end(ap);
    }
    /* Within the parser's line length, by cutting the comment only: a cut
     * rule could read back as another one (a value losing digits). */
    room = strlen(rule) + 3 < SS_LINE_MAX ? SS_LINE_MAX - strlen(rule) - 3 : 0;
    fprintf(out, "%s%s%.*s\n", rule, fmt ? " ; " : "", (int)room, comment);
}

void cli_addition_write(FILE *out, const struct cli_addition *add)
{
    cli_rule_line(out, NULL, add->nr, add->action, NULL, 0, "%s", add->why);
}
