/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Error values of the engine: filled where the problem is found, printed by the caller. */
#include "seccomp-shim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ss_fail(struct ss_error *err, struct ss_where where, const char *fmt, ...)
{
    va_list ap;

    snprintf(err->file, sizeof err->file, "%s", where.file ? where.file : "");
    err->line = where.line;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

char *ss_error_format(const struct ss_error *err, char *buf, size_t size)
{
    if (err->file[0] && err->line)
        snprintf(buf, size, "%s:%u: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, size, "%s", err->msg);
    return buf;
}
