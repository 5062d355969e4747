/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The deciding argument of a call in strace's text: socket's family in
 * `socket(AF_UNIX, SOCK_STREAM, 0)`, clone's `flags=` (strace names clone's
 * arguments, in an order that differs by arch), clone3's `{flags=...,
 * exit_signal=...}`, unshare's `CLONE_NEWUSER`. Values are numbers or
 * constant names joined by | (cli_parse_value). What cannot be read is not
 * guessed: the line is reported and no policy is written, since a call
 * counted without its value would be allowed for any value. */
#include "learn.h"

#include <ctype.h>
#include <string.h>
#include <sys/syscall.h>

#define UNFINISHED           " <unfinished ...>"
#define CLONE_ARGS_SIZE_VER0 64 /* a smaller struct: clone3 refuses the call */

/* The end of the argument at s (before lim): its top-level `,`, or the `)`,
 * `}` or `]` closing the list it is in. Quoted strings, nested (), {}, []
 * and -y's `3</path>` annotations are skipped. */
static const char *arg_end(const char *s, const char *lim)
{
    int depth = 0;
    const char *p;

    for (p = s; p < lim; p++) {
        if (*p == '"') {
            for (p++; p < lim && *p != '"'; p++)
                if (*p == '\\' && p + 1 < lim)
                    p++;
            if (p == lim)
                return lim;
        } else if (*p == '<' && p > s && isdigit((unsigned char)p[-1])) {
            int brackets = 0; /* -yy: 3<TCP:[1.2.3.4:80->5.6.7.8:9]> */
            while (p + 1 < lim && (p[1] != '>' || brackets))
                brackets += *++p == '[' ? 1 : *p == ']' ? -1 : 0;
            p++;
        } else if (*p == '(' || *p == '{' || *p == '[') {
            depth++;
        } else if (*p == ')' || *p == '}' || *p == ']') {
            if (depth-- == 0)
                return p;
        } else if (*p == ',' && depth == 0) {
            return p;
        }
    }
    return lim;
}

/* The text of argument n of the list at args (up to lim), or with name the
 * argument written `NAME=value`: its value in *val, *len. False when the
 * list has no such argument. */
static bool find_arg(const char *args, const char *lim, unsigned n, const char *name,
                     const char **val, size_t *len)
{
    size_t named = name ? strlen(name) : 0;

    for (unsigned i = 0;; i++) {
        while (args < lim && *args == ' ')
            args++;
        const char *e = arg_end(args, lim), *end = e;
        while (end > args && end[-1] == ' ')
            end--;
        if (name ? (size_t)(end - args) > named && strncmp(args, name, named) == 0 &&
                       args[named] == '='
                 : i == n && end > args) {
            *val = args + named + (name ? 1 : 0);
            *len = (size_t)(end - *val);
            return true;
        }
        if (e >= lim || *e != ',')
            return false;
        args = e + 1;
    }
}

/* The value of argument n (or NAME=) of the list at args. 0, or -1 with why. */
static int read_arg(const char *args, const char *lim, unsigned n, const char *name,
                    bool unfinished, uint64_t *value, char *why, size_t whysize)
{
    const char *val;
    size_t len;
    char reason[160];

    if (!find_arg(args, lim, n, name, &val, &len)) {
        snprintf(why, whysize, "no %s%s%s", name ? name : "argument", name ? "=" : "",
                 unfinished ? " before <unfinished ...>" : "");
        return -1;
    }
    if (len == 3 && strncmp(val, "...", 3) == 0) {
        snprintf(why, whysize, "abbreviated as `...`");
        return -1;
    }
    if (cli_parse_value(ss_arch_native(), val, len, value, reason, sizeof reason)) {
        snprintf(why, whysize, "`%.*s`: %s", len > 80 ? 80 : (int)len, val, reason);
        return -1;
    }
    return 0;
}

int strace_record(struct tally *t, int nr, const char *args, char *why, size_t whysize)
{
    const char *lim = args + strlen(args), *name = ss_syscall_name(nr);
    bool unfinished = (size_t)(lim - args) >= strlen(UNFINISHED) &&
                      strcmp(lim - strlen(UNFINISHED), UNFINISHED) == 0;
    uint64_t v[SS_MAX_ARGS] = {0}, flags, exit_signal = 0, size, as_clone;
    int arg = tally_arg(t, nr);
    char reason[200];

    if (unfinished)
        lim -= strlen(UNFINISHED); /* strace printed the arguments known at entry */
    if (nr == SYS_clone3) {
        /* clone3({flags=..., exit_signal=..., ...}, SIZE): the flags glibc
         * passes to clone when the policy's ENOSYS sends it there. */
        const char *s = args;
        while (s < lim && *s == ' ')
            s++;
        if (*s != '{' ||
            read_arg(s + 1, lim, 0, "flags", unfinished, &flags, reason, sizeof reason)) {
            snprintf(why, whysize, "clone3: its flags cannot be read: %s",
                     *s != '{' ? "no {flags=...}" : reason);
            return 1;
        }
        const char *val;
        size_t len;
        /* strace may leave out a zero exit_signal */
        if (find_arg(s + 1, lim, 0, "exit_signal", &val, &len) &&
            cli_parse_value(ss_arch_native(), val, len, &exit_signal, reason, sizeof reason)) {
            snprintf(why, whysize, "clone3: its exit_signal cannot be read: %s", reason);
            return 1;
        }
        if (tally_add(t, nr, NULL))
            return -1;
        if (read_arg(args, lim, 1, NULL, unfinished, &size, reason, sizeof reason) == 0 &&
            size < CLONE_ARGS_SIZE_VER0)
            return 0; /* refused by clone3 itself: nothing to fall back from */
        if (tally_clone3_flags(flags, exit_signal, &as_clone) && tally_add_clone3(t, as_clone))
            return -1;
        return 0;
    }
    if (arg < 0)
        return tally_add(t, nr, NULL);
    /* strace names clone's arguments: their order differs by arch */
    if (read_arg(args, lim, (unsigned)arg, nr == SYS_clone ? "flags" : NULL, unfinished, &v[arg],
                 reason, sizeof reason)) {
        snprintf(why, whysize, "%s: %s%d cannot be read, and a policy would allow it for any: %s",
                 name ? name : "syscall", nr == SYS_clone ? "flags, arg" : "arg", arg, reason);
        return 1;
    }
    return tally_add(t, nr, v);
}
