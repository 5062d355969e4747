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
#include <getopt.h>
#include <signal.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim ps [-p PID[,PID...]]... [--json]\n"
    "List the processes running under seccomp: PID, mode (strict or filter), the\n"
    "number of filters, whether libseccomp-shim is loaded (- when /proc does not\n"
    "let us see), the policy it was given (" SS_ENV_POLICY ", " SS_ENV_INI " or\n"
    "the inherited marker " SS_ENV_ACTIVE ", from the process's initial\n"
    "environment; - when unknown or unreadable) and the command.\n"
    "\n"
    "  -p, --pid PID  only process PID (repeatable; or a comma-separated list)\n"
    "      --json     print one JSON document (see seccomp-shim(1), JSON OUTPUT)\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit status: 0; 1 when /proc cannot be read or a PID given with -p is not\n"
    "running under seccomp; 2 on usage errors.\n";

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
    static const char *const vars[] = {SS_ENV_POLICY "=", SS_ENV_INI "=", SS_ENV_ACTIVE "="};
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

/* -p LIST: the PIDs, appended to pids; 0, or -1 when one is not a PID. */
static int parse_pids(const char *list, int *pids, size_t *n, size_t max)
{
    for (const char *p = list;; p++) {
        char *end;
        long pid;

        errno = 0;
        pid = strtol(p, &end, 10);
        if (end == p || errno || pid <= 0 || pid > INT32_MAX || (*end && *end != ',') || *n == max)
            return -1;
        pids[(*n)++] = (int)pid;
        if (!*end)
            return 0;
        p = end;
    }
}

static bool wanted(int pid, const int *pids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pids[i] == pid)
            return true;
    return n == 0;
}

static void print_table(const struct row *rows, size_t n)
{
    int wpid = 3, wpol = 6;

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
}

/* The table's "-" (unknown) is null. */
static json_t *json_rows(const struct row *rows, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < n; i++) {
        const struct row *r = &rows[i];
        json_t *shim = strcmp(r->shim, "-") == 0 ? json_null() : json_boolean(r->shim[0] == 'y');
        json_t *filters =
            strcmp(r->filters, "-") == 0 ? json_null() : json_integer(atoi(r->filters));
        if (cli_json_append(a, json_pack("{s:i,s:s,s:o,s:o,s:s?,s:s}", "pid", r->pid, "mode",
                                         r->mode, "filters", filters, "shim", shim, "policy",
                                         strcmp(r->policy, "-") == 0 ? NULL : r->policy, "command",
                                         r->command))) {
            json_decref(a);
            return NULL;
        }
    }
    return json_pack("{s:o}", "processes", a);
}

int cmd_ps(int argc, char **argv)
{
    enum { OPT_JSON = 256 };
    static const struct option options[] = {{"pid", required_argument, NULL, 'p'},
                                            {"json", no_argument, NULL, OPT_JSON},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    static int pids[1024];
    struct row *rows = NULL, *grown;
    size_t n = 0, cap = 0, npids = 0;
    bool json = false;
    int c, status = 0;
    struct dirent *d;
    DIR *proc;

    while ((c = getopt_long(argc, argv, ":p:h", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (parse_pids(optarg, pids, &npids, sizeof pids / sizeof pids[0]))
                return cli_usage_error("ps", "--pid %s: not a process id (or list of them)",
                                       optarg);
            break;
        case OPT_JSON:
            json = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("ps", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("ps", "unexpected argument '%s'", argv[optind]);
    proc = opendir("/proc");
    if (!proc) {
        cli_error("/proc: %s", strerror(errno));
        return 1;
    }
    while ((d = readdir(proc))) {
        char *end;
        long pid = strtol(d->d_name, &end, 10);
        if (*end || pid <= 0 || !wanted((int)pid, pids, npids))
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
    for (size_t i = 0; i < npids; i++) {
        bool listed = false;
        for (size_t r = 0; r < n && !listed; r++)
            listed = rows[r].pid == pids[i];
        if (!listed) {
            cli_error("ps: process %d: %s", pids[i],
                      kill(pids[i], 0) && errno == ESRCH ? "no such process"
                                                         : "not running under seccomp");
            status = 1;
        }
    }
    if (json)
        status |= cli_json_print(json_rows(rows, n)) ? 1 : 0;
    else
        print_table(rows, n);
    free(rows);
    return status;
}
