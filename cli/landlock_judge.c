/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Judging an access by the Landlock plan the shim applies, and saying why it
 * is refused (run --explain, run_explain.c): the access, the path or port,
 * the section that confines it and the lines that grant something there, or
 * that none does, then the line that would allow it.
 *
 * The model is Landlock's: a right on a path is granted when a rule on the
 * path or on a folder above it (as each resolves) carries it; a rule on a
 * file carries only the rights a file can have; rights the kernel's ABI
 * lacks are not enforced (best-effort drops them, required refuses to run). */
#define _GNU_SOURCE
#include "learn.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Of a kind's rights, those a kernel of Landlock ABI abi enforces. */
static uint64_t enforced(enum ss_landlock_kind kind, long abi)
{
    uint64_t mask = 0;
    int need;

    for (unsigned b = 0; ss_landlock_right(kind, b, &need); b++)
        if (need <= abi)
            mask |= 1ULL << b;
    return mask;
}

int ll_judge_init(struct ll_judge *j, const struct ss_landlock_plan *plan,
                  const struct ss_policy *p)
{
    long abi = syscall(SS_LL_NR_CREATE_RULESET, NULL, 0, SS_LL_CREATE_RULESET_VERSION);

    memset(j, 0, sizeof *j);
    j->plan = plan;
    j->p = p;
    if (!plan->active || abi < 0)
        return 0; /* nothing is confined: nothing to report */
    j->fs = plan->filesystem ? enforced(SS_LL_KIND_FS, abi) : 0;
    j->net = plan->network ? enforced(SS_LL_KIND_NET, abi) : 0;
    j->scoped = plan->scoped & enforced(SS_LL_KIND_SCOPE, abi);
    j->g = calloc(plan->npaths ? plan->npaths : 1, sizeof *j->g);
    if (!j->g)
        return -1;
    /* Resolved as the shim's O_PATH open resolves them; a missing one is
     * skipped, as the shim skips an optional path. */
    for (unsigned i = 0; i < plan->npaths; i++) {
        struct ll_grant *g = &j->g[j->n];
        struct stat st;
        if (!(g->real = realpath(plan->text + plan->paths[i].text, NULL)))
            continue;
        g->access = plan->paths[i].access & j->fs;
        if (stat(g->real, &st) == 0 && !S_ISDIR(st.st_mode))
            g->access &= SS_LL_FS_FILE_RIGHTS;
        /* plan_rules copies the policy's own paths first, in order. */
        g->line =
            p && p->landlock.filesystem && i < p->landlock.npaths ? &p->landlock.paths[i] : NULL;
        j->n++;
    }
    return 0;
}

void ll_judge_free(struct ll_judge *j)
{
    for (size_t i = 0; i < j->n; i++)
        free(j->g[i].real);
    free(j->g);
    j->g = NULL;
    j->n = 0;
}

static bool covers(const char *grant, const char *real)
{
    size_t n = strlen(grant);

    return !strcmp(grant, "/") || (!strncmp(real, grant, n) && (!real[n] || real[n] == '/'));
}

uint64_t ll_judge_fs(const struct ll_judge *j, const char *real)
{
    uint64_t granted = ~j->fs; /* what the kernel does not confine is allowed */

    for (size_t i = 0; i < j->n; i++)
        if (covers(j->g[i].real, real))
            granted |= j->g[i].access;
    return granted;
}

uint64_t ll_judge_port(const struct ll_judge *j, unsigned port)
{
    uint64_t granted = ~j->net;

    for (unsigned i = 0; i < j->plan->nports; i++)
        if (j->plan->ports[i].port == port)
            granted |= j->plan->ports[i].access;
    return granted;
}

/* ---- the report ----------------------------------------------------------- */

struct text {
    char buf[4096];
    size_t n;
};

static void __attribute__((format(printf, 2, 3))) say(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->n >= sizeof t->buf - 1)
        return;
    va_start(ap, fmt);
    n = vsnprintf(t->buf + t->n, sizeof t->buf - t->n, fmt, ap);
    va_end(ap);
    t->n = n < 0 ? t->n : t->n + (size_t)n >= sizeof t->buf ? sizeof t->buf - 1 : t->n + (size_t)n;
}

/* Out with one write, as explain's handler writes its report. */
static void flush(const struct text *t)
{
    if (write(STDERR_FILENO, t->buf, t->n) < 0) {
        /* stderr is gone: nobody to tell */
    }
}

static const char *refuses(const struct ll_judge *j)
{
    return j->would ? "would refuse" : "refuses";
}

/* "[filesystem] (FILE:LINE)": where the section confining it starts. */
static void section(struct text *t, const char *name, struct ss_where w)
{
    if (w.file)
        say(t, "seccomp-shim:   decided by %s (%s:%u): ", name, w.file, w.line);
    else
        say(t, "seccomp-shim:   decided by %s: ", name);
}

void ll_report_fs(const struct ll_judge *j, pid_t pid, const char *call, const char *what,
                  const char *real, bool in_folder, uint64_t missing)
{
    char rights[256], other[256];
    const struct ss_policy *p = j->p;
    struct text t = {.n = 0};
    bool some = false;

    ss_landlock_format(SS_LL_KIND_FS, missing, rights, sizeof rights);
    say(&t, "seccomp-shim: landlock %s %s %s %s (%s%s%s) [pid %d]\n", refuses(j), rights,
        in_folder ? "in" : "on", real, call, what ? " of " : "", what ? what : "", (int)pid);
    section(&t, "[filesystem]", p ? p->landlock.filesystem_where : (struct ss_where){0});
    for (size_t i = 0; i < j->n; i++) {
        const struct ll_grant *g = &j->g[i];
        const char *key;
        if (!covers(g->real, real) || !g->access)
            continue;
        ss_landlock_format(SS_LL_KIND_FS, g->access, other, sizeof other);
        if (some)
            say(&t, "; ");
        if (!g->line) {
            say(&t, "the shim's own grant on %s gives %s there", g->real, other);
        } else {
            key = ss_landlock_key_name(g->line->access);
            say(&t, "%s:%u: `%s = %s` grants %s there", g->line->where.file, g->line->where.line,
                key ? key : other, g->line->path, other);
        }
        some = true;
    }
    if (some)
        say(&t, ", not %s\n", rights);
    else
        say(&t, "no line grants %s on %s\n", rights, real);
    for (unsigned b = 0; b < SS_LL_FS_BITS; b++)
        if (missing & (1ULL << b))
            say(&t, "seccomp-shim:   to allow it, add to [filesystem]: %s = %s\n",
                ss_landlock_right(SS_LL_KIND_FS, b, NULL), real);
    flush(&t);
}

void ll_report_port(const struct ll_judge *j, pid_t pid, const char *call, unsigned port,
                    uint64_t missing)
{
    const struct ss_policy *p = j->p;
    const char *right =
        ss_landlock_right(SS_LL_KIND_NET, missing & SS_LL_NET_BIND_TCP ? 0 : 1, NULL);
    struct text t = {.n = 0};
    bool some = false;

    say(&t, "seccomp-shim: landlock %s %s to TCP port %u (%s) [pid %d]\n", refuses(j), right, port,
        call, (int)pid);
    section(&t, "[network]", p ? p->landlock.network_where : (struct ss_where){0});
    for (size_t i = 0; p && i < p->landlock.nports; i++) {
        const struct ss_landlock_port *l = &p->landlock.ports[i];
        if (l->port != port || !l->access)
            continue;
        say(&t, "%s%s:%u: `%s = %u` grants it, not %s", some ? "; " : "", l->where.file,
            l->where.line, l->access & SS_LL_NET_BIND_TCP ? "bind" : "connect", port, right);
        some = true;
    }
    if (!some)
        say(&t, "no line grants %s to port %u", right, port);
    say(&t, "\nseccomp-shim:   to allow it, add to [network]: %s = %u\n", right, port);
    flush(&t);
}

void ll_report_signal(const struct ll_judge *j, pid_t pid, const char *call, int sig, pid_t target)
{
    const struct ss_policy *p = j->p;
    struct text t = {.n = 0};

    say(&t, "seccomp-shim: landlock %s signal %d to pid %d, outside the sandbox (%s) [pid %d]\n",
        refuses(j), sig, (int)target, call, (int)pid);
    section(&t, "[scope]", p ? p->landlock.scope_where : (struct ss_where){0});
    say(&t, "`signals = yes`: no line grants a signal to a process the sandbox did not start\n"
            "seccomp-shim:   to allow it: signals = no in [scope] (every file of the policy)\n");
    flush(&t);
}
