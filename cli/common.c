/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the subcommands: messages, policy loading, finding the shim. */
#define _GNU_SOURCE
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <linux/magic.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

int cli_usage_error(const char *name, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "seccomp-shim %s: ", name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'seccomp-shim %s --help'.\n", name);
    return EXIT_USAGE;
}

int cli_option_error(const char *name, int c, char **argv)
{
    const char *word = optind > 0 ? argv[optind - 1] : "";
    char opt[80];

    /* A short option may sit in a group ("-vx"), and optind has not always
     * moved past it: name it by optopt. Long ones by the word itself. */
    if (optopt > 0 && optopt < 256 && isgraph(optopt) && !(c == ':' && !strncmp(word, "--", 2)))
        snprintf(opt, sizeof opt, "-%c", optopt);
    else
        snprintf(opt, sizeof opt, "%.*s", (int)strcspn(word, "="), word);
    if (c == ':')
        return cli_usage_error(name, "option '%s' needs an argument", opt);
    return cli_usage_error(name, "unknown option '%s'", opt);
}

int cli_parse_arch(const char *name, const char *arg, bool several, enum ss_arch *archs,
                   unsigned *n)
{
    *n = 0;
    for (const char *at = arg;; at++) {
        size_t len = strcspn(at, ",");
        char word[32];
        enum ss_arch a;

        snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), at);
        if (ss_arch_from_name(word, &a))
            return cli_usage_error(name, "unknown architecture '%s' (x86_64 or aarch64)", word);
        for (unsigned i = 0; i < *n; i++)
            if (archs[i] == a)
                return cli_usage_error(name, "architecture '%s' named twice", word);
        if (*n && !several)
            return cli_usage_error(name, "--arch takes one architecture here, not '%s'", arg);
        archs[(*n)++] = a;
        at += len;
        if (!*at)
            break;
    }
    return 0;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("seccomp-shim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_print_error(const struct ss_error *err)
{
    char msg[1024];

    cli_error("%s", ss_error_format(err, msg, sizeof msg));
}

/* Policies are at most 1 MiB (the engine's limit); one byte more says "too large". */
#define STDIN_POLICY_MAX ((1 << 20) + 1)

char *cli_read_stdin_policy(void)
{
    static bool taken;
    size_t n = 0, got;
    char *buf;

    if (taken) {
        cli_error("%s: standard input is read once: give - once", CLI_STDIN_NAME);
        return NULL;
    }
    taken = true;
    buf = malloc(STDIN_POLICY_MAX + 1);
    if (!buf) {
        cli_error("out of memory");
        return NULL;
    }
    while (n < STDIN_POLICY_MAX && (got = fread(buf + n, 1, STDIN_POLICY_MAX - n, stdin)) > 0)
        n += got;
    if (ferror(stdin)) {
        cli_error("%s: %s", CLI_STDIN_NAME, strerror(errno));
    } else if (n == STDIN_POLICY_MAX) {
        cli_error("%s: a policy is at most 1 MiB", CLI_STDIN_NAME);
    } else if (memchr(buf, 0, n)) {
        cli_error("%s: a policy is text: it contains a NUL byte", CLI_STDIN_NAME);
    } else {
        buf[n] = 0;
        return buf;
    }
    free(buf);
    return NULL;
}

/* file: a path (text NULL), or the name errors give text. The engine's
 * error is printed, or with out given, copied there instead. */
static struct ss_policy *parse(enum ss_arch arch, const char *file, const char *text,
                               struct ss_error *out)
{
    struct ss_policy *p = ss_policy_new(arch);
    struct ss_error err;

    if (!p) {
        cli_error("out of memory");
        return NULL;
    }
    if (text ? ss_parse_text(p, text, file, &err) : ss_parse_file(p, file, &err)) {
        if (out)
            *out = err;
        else
            cli_print_error(&err);
        ss_policy_free(p);
        return NULL;
    }
    return p;
}

struct ss_policy *cli_parse_policy_text(enum ss_arch arch, const char *text, const char *name)
{
    return parse(arch, name, text, NULL);
}

struct ss_policy *cli_load_policy_error(enum ss_arch arch, const char *file, struct ss_error *err)
{
    struct ss_policy *p;
    char found[4096], *in;

    if (err)
        *err = (struct ss_error){0};
    if (strcmp(file, "-") == 0) { /* policy text on standard input */
        if (!(in = cli_read_stdin_policy()))
            return NULL;
        p = parse(arch, CLI_STDIN_NAME, in, err);
        free(in);
        return p;
    }
    /* a policy name: the policy folders (engine/search.c) */
    if (!(file = cli_policy_arg(file, found, sizeof found, err)))
        return NULL;
    return parse(arch, file, NULL, err);
}

const char *cli_policy_arg(const char *arg, char *buf, size_t size, struct ss_error *out)
{
    const char *file = ss_policy_resolve_arg(arg, buf, size);
    struct ss_error err;

    if (file != arg || !ss_policy_is_name(arg) || access(arg, F_OK) == 0)
        return file;
    ss_policy_not_found(arg, &err);
    if (out)
        *out = err;
    else
        cli_print_error(&err);
    return NULL;
}

struct ss_policy *cli_load_policy(enum ss_arch arch, const char *file, const char *text)
{
    return text ? parse(arch, SS_INLINE_NAME, text, NULL) : cli_load_policy_error(arch, file, NULL);
}

void cli_print_warnings(const struct ss_policy *p)
{
    for (size_t i = 0; i < p->nwarnings; i++)
        fprintf(stderr, "seccomp-shim: %s:%u: warning: %s\n", p->warnings[i].where.file,
                p->warnings[i].where.line, p->warnings[i].msg);
}

/* readlink /proc/self/exe, only from procfs: whoever mounts something else
 * at /proc would choose the shim. */
static ssize_t self_exe(char *buf, size_t size)
{
    int dir = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
    struct statfs fs;
    ssize_t n = -1;

    if (dir < 0)
        return -1;
    if (fstatfs(dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC)
        n = readlinkat(dir, "exe", buf, size);
    close(dir);
    return n;
}

int cli_shim_path(char *buf, size_t size)
{
    char self[PATH_MAX];
    ssize_t n;

    n = self_exe(self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        snprintf(buf, size, "%s/libseccomp-shim.so", dirname(self));
        if (access(buf, R_OK) == 0)
            return 0;
    }
    snprintf(buf, size, "%s/libseccomp-shim.so", SS_LIBDIR);
    return access(buf, R_OK) == 0 ? 0 : -1;
}

/* API level 3 (Linux 4.14): the seccomp() syscall, KILL_PROCESS, LOG and
 * the LOG flag. A kernel without them refuses the filter when it is
 * installed, so nothing runs unfiltered because of this. */
const struct ss_compile_options cli_compile_options = {.assume_api = 3};

const struct cli_addition cli_additions[4] = {
    {__NR_rt_sigreturn, -1, {SS_ACT_ALLOW, 0}, "a signal handler returning"},
    {__NR_exit_group, -1, {SS_ACT_ALLOW, 0}, "the program exiting"},
    {__NR_clone3, __NR_clone, {SS_ACT_ERRNO, ENOSYS}, "glibc falls back to clone"},
    {__NR_openat2, __NR_openat, {SS_ACT_ERRNO, ENOSYS}, "glibc falls back to openat"},
};
