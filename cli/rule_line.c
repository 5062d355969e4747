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
    char rule[SS_LINE_MAX + 1], comment[SS_LINE_MAX + 1] = "", line[2 * SS_LINE_MAX + 8];
    va_list ap;

    /* errno(ENOSYS) by name; values as numbers (0x7e020000), as learn has
     * always written them. */
    ss_rule_text(ss_arch_native(), key, nr, a, c, n, SS_TEXT_ERRNO, rule, sizeof rule);
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(comment, sizeof comment, fmt, ap);
        va_end(ap);
    }
    snprintf(line, sizeof line, "%s%s%s", rule, fmt ? " ; " : "", comment);
    line[SS_LINE_MAX] = '\0'; /* the parser's line length: what is cut is comment */
    fprintf(out, "%s\n", line);
}

void cli_addition_write(FILE *out, const struct cli_addition *add)
{
    cli_rule_line(out, NULL, add->nr, add->action, NULL, 0, "%s", add->why);
}
