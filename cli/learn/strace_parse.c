/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* One line of strace output -> the syscall it records, if any. Forms read:
 *
 *   [PID | [pid PID] | PID<comm>] [TIME] [[IP]] BODY
 *   TIME: 12:34:56 (-t), 12:34:56.123456 (-tt), 1700000000.123456 (-ttt), 0.000123 (-r)
 *   BODY: name(args) = result ...         a call (-y annotations are inside args)
 *         name(args <unfinished ...>      a call another process interrupted: counted here
 *         <... name resumed>...           its end: already counted
 *         --- SIGNAL {...} ---            a signal
 *         +++ exited with N +++           an exit (or killed by, superseded by execve)
 *   syscall_0x1c8(...) / syscall_456(...) are calls strace has no name for.
 *   Without -o, strace's notes ("strace: Process N attached") are read too. */
#include "learn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static const char *skip_digits(const char *s)
{
    while (isdigit((unsigned char)*s))
        s++;
    return s;
}

/* The PID column: "1234 ", "1234<comm> " (-Y) or "[pid 1234] " (-f to stderr). */
static const char *skip_pid(const char *s)
{
    const char *d;

    if (strncmp(s, "[pid", 4) == 0) {
        d = skip_digits(skip_spaces(s + 4));
        if (d > skip_spaces(s + 4) && *d == ']')
            return skip_spaces(d + 1);
        return s;
    }
    d = skip_digits(s);
    if (d == s)
        return s;
    if (*d == '<') {
        const char *close = strchr(d, '>');
        return close && close[1] == ' ' ? skip_spaces(close + 1) : s;
    }
    return *d == ' ' ? skip_spaces(d) : s;
}

/* The timestamp column of -t, -tt, -ttt or -r. */
static const char *skip_time(const char *s)
{
    const char *d = skip_digits(s);

    if (d == s)
        return s;
    if (*d == ':') {
        const char *m = skip_digits(d + 1);
        if (m == d + 1 || *m != ':')
            return s;
        d = skip_digits(m + 1);
        if (d == m + 1)
            return s;
    }
    if (*d == '.') {
        const char *f = skip_digits(d + 1);
        if (f == d + 1)
            return s;
        d = f;
    }
    return *d == ' ' ? skip_spaces(d) : s;
}

/* The instruction pointer column of -i: "[00007f...] " ("[????...] " on exits). */
static const char *skip_ip(const char *s)
{
    const char *h = s + 1;

    if (*s != '[')
        return s;
    while (isxdigit((unsigned char)*h) || *h == '?')
        h++;
    return h > s + 1 && h[0] == ']' && h[1] == ' ' ? skip_spaces(h + 1) : s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A finished call: ")" then spaces then "= " somewhere after the name. */
static bool has_result(const char *args)
{
    for (const char *eq = strstr(args, " = "); eq; eq = strstr(eq + 1, " = ")) {
        const char *p = eq;
        while (p > args && p[-1] == ' ')
            p--;
        if (p > args && p[-1] == ')')
            return true;
    }
    return false;
}

/* Number of a name strace printed; -1 when unknown. */
static int name_to_nr(const char *name, char *why, size_t whysize)
{
    char *end;
    long nr;

    if (strncmp(name, "syscall_", 8) == 0 && isdigit((unsigned char)name[8])) {
        nr = strtol(name + 8, &end, name[9] == 'x' ? 16 : 10);
        if (*end == 0 && nr >= 0)
            return nr < 0x40000000 ? (int)nr : SS_SYSCALL_SLOTS; /* x32 bit: no policy allows it */
    }
    nr = ss_syscall_lookup(name, NULL, NULL);
    if (nr < 0)
        snprintf(why, whysize, "unknown syscall `%s`", name);
    return nr;
}

enum strace_line_kind strace_parse_line(const char *line, int *nr, const char **args, char *why,
                                        size_t whysize)
{
    const char *s = skip_ip(skip_time(skip_pid(skip_spaces(line))));
    const char *n = s;
    char name[64];

    if (*s == 0)
        return STRACE_OTHER;
    if (strncmp(s, "--- ", 4) == 0 && ends_with(s, " ---"))
        return STRACE_OTHER;
    if (strncmp(s, "+++ ", 4) == 0 && ends_with(s, " +++"))
        return STRACE_OTHER;
    if (strncmp(s, "<... ", 5) == 0 && strstr(s, " resumed>"))
        return STRACE_OTHER;
    if (strncmp(line, "strace: Process ", 16) == 0 &&
        (ends_with(line, " attached") || ends_with(line, " detached")))
        return STRACE_OTHER; /* strace's own notes when the trace went to stderr */
    if (strncmp(s, "[ Process PID=", 14) == 0) {
        snprintf(why, whysize,
                 "a process switched to another architecture (%s); its syscalls cannot be allowed "
                 "by an x86_64 policy",
                 s);
        return STRACE_BAD;
    }
    while (islower((unsigned char)*n) || isdigit((unsigned char)*n) || *n == '_')
        n++;
    if (n == s || *n != '(' || n - s >= (long)sizeof name) {
        snprintf(why, whysize, "not a line of strace output: `%.60s%s`", line,
                 strlen(line) > 60 ? "..." : "");
        return STRACE_BAD;
    }
    memcpy(name, s, n - s);
    name[n - s] = 0;
    if (!ends_with(n, "<unfinished ...>") && !has_result(n)) {
        snprintf(why, whysize, "%s: call without a result or `<unfinished ...>` (cut short?)",
                 name);
        return STRACE_BAD;
    }
    *nr = name_to_nr(name, why, whysize);
    *args = n + 1;
    return *nr < 0 ? STRACE_BAD : STRACE_SYSCALL;
}
