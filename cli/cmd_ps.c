/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim ps: the processes running under seccomp, from /proc — the
 * `grep Seccomp /proc/STAR/status` trick made readable, plus whether the shim
 * is loaded and which policy it was given. */
#define _GNU_SOURCE
#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim ps\n"
    "List the processes running under seccomp: PID, mode (strict or filter), the\n"
    "number of filters, whether libseccomp-shim is loaded (- when /proc does not\n"
    "let us see), the policy it was given (" SS_ENV_POLICY ", " SS_ENV_INI " or\n"
    "the inherited marker " SS_ENV_ACTIVE ", from the process's initial\n"
    "environment; - when unknown or unreadable) and the command.\n"
    "\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit status: 0, or 1 when /proc cannot be read.\n";

struct row {
    int pid;
    char mode[8], filters[12], shim[4], policy[160], command[160];
};

/* Reads a small /proc file whole; NULL when it cannot be read. */
static char *slurp(int pid, const char *what, size_t *len)
{
    char path[64], *buf = NULL;
    size_t cap = 0, n = 0;
    ssize_t got;
    int fd;

    snprintf(path, sizeof path, "/proc/%d/%s", pid, what);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            char *grown = realloc(buf, cap = cap ? cap * 2 : 8192);
            if (!grown) {
                free(buf);
                close(fd);
                return NULL;
            }
            buf = grown;
        }
        got = read(fd, buf + n, cap - n - 1);
        if (got > 0)
            n += got;
    } while (got > 0 || (got < 0 && errno == EINTR));
    close(fd);
    if (got < 0 || !buf) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Copies s into out, replacing what a terminal would interpret. */
static void printable(char *out, size_t size, const char *s, size_t len)
{
    size_t i, o = 0;

    for (i = 0; i < len && s[i] && o + 1 < size; i++)
        out[o++] = isprint((unsigned char)s[i]) ? s[i] : '?';
    out[o] = 0;
}

static const char *status_field(const char *status, const char *key)
{
    size_t klen = strlen(key);

    for (const char *l = status; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (strncmp(l, key, klen) == 0 && l[klen] == ':')
            return l + klen + 1 + strspn(l + klen + 1, " \t");
    return NULL;
}

static void policy_of(int pid, char *out, size_t size)
{
    static const char *const vars[] = {
        SS_ENV_POLICY "=", SS_ENV_INI "=", SS_ENV_ACTIVE "="};
    size_t len;
    char *env = slurp(pid, "environ", &len);

    snprintf(out, size, "-");
    if (!env)
        return;
    for (size_t v = 0; v < sizeof vars / sizeof vars[0]; v++)
        for (char *e = env; e < env + len; e += strlen(e) + 1)
            if (strncmp(e, vars[v], strlen(vars[v])) == 0) {
                const char *value = e + strlen(vars[v]);
                char shown[140];
                printable(shown, sizeof shown, value, strlen(value));
                if (v == 0)
                    snprintf(out, size, "%s", shown);
                else if (v == 1)
                    snprintf(out, size, SS_INLINE_NAME);
                else
                    snprintf(out, size, "inherited %s", shown);
                free(env);
                return;
            }
    free(env);
}

static int read_row(int pid, struct row *r)
{
    size_t len;
    char *status = slurp(pid, "status", &len), *maps, *cmd;
    const char *mode, *filters, *name;
    int m;

    if (!status)
        return -1;
    mode = status_field(status, "Seccomp");
    m = mode ? atoi(mode) : 0;
    if (m != 1 && m != 2) {
        free(status);
        return -1;
    }
    r->pid = pid;
    snprintf(r->mode, sizeof r->mode, "%s", m == 1 ? "strict" : "filter");
    filters = status_field(status, "Seccomp_filters");
    snprintf(r->filters, sizeof r->filters, "%d", filters ? atoi(filters) : m == 2);
    if (m == 1)
        snprintf(r->filters, sizeof r->filters, "-");
    name = status_field(status, "Name");
    cmd = slurp(pid, "cmdline", &len);
    if (cmd && len)
        printable(r->command, sizeof r->command, cmd, strlen(cmd));
    else
        printable(r->command, sizeof r->command, name ? name : "?", name ? strcspn(name, "\n") : 1);
    free(cmd);
    free(status);
    maps = slurp(pid, "maps", &len);
    snprintf(r->shim, sizeof r->shim, "%s",
             !maps                                 ? "-"
             : strstr(maps, "/libseccomp-shim.so") ? "yes"
                                                   : "no");
    free(maps);
    policy_of(pid, r->policy, sizeof r->policy);
    return 0;
}

static int by_pid(const void *a, const void *b)
{
    return ((const struct row *)a)->pid - ((const struct row *)b)->pid;
}

int cmd_ps(int argc, char **argv)
{
    struct row *rows = NULL, *grown;
    size_t n = 0, cap = 0;
    int wpid = 3, wpol = 6;
    struct dirent *d;
    DIR *proc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc > 1)
        return cli_usage_error(
            "ps", "%s '%s'", argv[1][0] == '-' ? "unknown option" : "unexpected argument", argv[1]);
    proc = opendir("/proc");
    if (!proc) {
        cli_error("/proc: %s", strerror(errno));
        return 1;
    }
    while ((d = readdir(proc))) {
        char *end;
        long pid = strtol(d->d_name, &end, 10);
        if (*end || pid <= 0)
            continue;
        if (n == cap) {
            grown = realloc(rows, (cap = cap ? cap * 2 : 64) * sizeof *rows);
            if (!grown) {
                cli_error("out of memory");
                free(rows);
                closedir(proc);
                return 1;
            }
            rows = grown;
        }
        if (read_row((int)pid, &rows[n]) == 0)
            n++;
    }
    closedir(proc);
    qsort(rows, n, sizeof *rows, by_pid);
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(NULL, 0, "%d", rows[i].pid), p = (int)strlen(rows[i].policy);
        wpid = w > wpid ? w : wpid;
        wpol = p > wpol ? p : wpol;
    }
    printf("%*s  %-6s  %7s  %-4s  %-*s  %s\n", wpid, "PID", "MODE", "FILTERS", "SHIM", wpol,
           "POLICY", "COMMAND");
    for (size_t i = 0; i < n; i++)
        printf("%*d  %-6s  %7s  %-4s  %-*s  %s\n", wpid, rows[i].pid, rows[i].mode, rows[i].filters,
               rows[i].shim, wpol, rows[i].policy, rows[i].command);
    free(rows);
    return 0;
}
