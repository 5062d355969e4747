/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The guest's Landlock part (preload/landlock.c) on kernels older than this
 * one: ss_landlock_apply_abi pretends the version query answered ABI N, so
 * each case shows what is refused (required) or dropped with one warning per
 * right (best-effort), while the real kernel enforces what is left. Each case
 * runs in a child, since a Landlock domain cannot be left. Prints TAP. */
#define _GNU_SOURCE
#include "guest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int n, failed;

static void ok(int cond, const char *name)
{
    printf("%sok %d - %s\n", cond ? "" : "not ", ++n, name);
    failed |= !cond;
}

static char dir[] = "/tmp/ss-landlock-abi.XXXXXX", outside[] = "/tmp/ss-landlock-out.XXXXXX";

struct result {
    int rc, open_errno; /* apply's result; errno of a write outside the grant (0: it worked) */
    char err[600], warnings[2048];
};

/* Applies plan as if the kernel offered abi, in a child; then tries to
 * create a file outside the grant. */
static struct result apply(const struct ss_landlock_plan *plan, long abi)
{
    struct result r = {0};
    char log[] = "/tmp/ss-landlock-log.XXXXXX", path[300];
    int fd = mkstemp(log), pipefd[2], status;
    pid_t pid;

    if (fd < 0 || pipe(pipefd))
        exit(99);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct ss_error err = {0};
        dup2(fd, STDERR_FILENO);
        r.rc = ss_landlock_apply_abi(plan, abi, &err);
        snprintf(r.err, sizeof r.err, "%s", err.msg);
        snprintf(path, sizeof path, "%s/f", outside);
        int out = open(path, O_WRONLY | O_CREAT, 0600);
        r.open_errno = out < 0 ? errno : 0;
        if (out >= 0)
            unlink(path);
        if (write(pipefd[1], &r, sizeof r) != (ssize_t)sizeof r)
            _exit(98);
        _exit(0);
    }
    if (read(pipefd[0], &r, sizeof r) != (ssize_t)sizeof r)
        r.rc = 99;
    waitpid(pid, &status, 0);
    ssize_t got = pread(fd, r.warnings, sizeof r.warnings - 1, 0);
    r.warnings[got > 0 ? got : 0] = 0;
    close(fd);
    close(pipefd[0]);
    close(pipefd[1]);
    unlink(log);
    return r;
}

static int lines(const char *s)
{
    int k = 0;

    for (; *s; s++)
        k += *s == '\n';
    return k;
}

static struct ss_landlock_plan plan(bool fs, bool net, uint64_t scoped, bool best_effort)
{
    struct ss_landlock_plan p = {.active = true,
                                 .best_effort = best_effort,
                                 .filesystem = fs,
                                 .network = net,
                                 .scoped = scoped};
    static const char *const grants[] = {"/usr", "/etc", "/proc", "/dev", dir};
    size_t off = 0;

    for (unsigned i = 0; fs && i < sizeof grants / sizeof grants[0]; i++) {
        p.paths[i].access = SS_LL_FS_ALL;
        p.paths[i].text = off;
        strcpy(p.text + off, grants[i]);
        off += strlen(grants[i]) + 1;
        p.npaths++;
    }
    if (net) {
        p.ports[0].access = SS_LL_NET_CONNECT_TCP;
        p.ports[0].port = 443;
        p.nports = 1;
    }
    return p;
}

int main(void)
{
    struct ss_landlock_plan p;
    struct result r;

    if (!mkdtemp(dir) || !mkdtemp(outside))
        return 1;

    p = plan(true, true, SS_LL_SCOPE_SIGNAL, true);
    r = apply(&p, 2);
    ok(r.rc == 0, "best-effort on ABI 2: runs");
    ok(lines(r.warnings) == 5, "...one warning line per dropped right (truncate, ioctl_dev, bind, "
                               "connect, signals)");
    ok(strstr(r.warnings,
              "seccomp-shim: warning: landlock = best-effort: [filesystem]: the "
              "kernel's Landlock ABI 2 cannot confine truncate (needs ABI 3)\n") != NULL,
       "...naming the right, the ABI it needs and the ABI there is");
    ok(strstr(r.warnings,
              "[scope]: the kernel's Landlock ABI 2 cannot confine signals (needs ABI 6)") != NULL,
       "...[scope] too");
    ok(r.open_errno == EACCES, "...and what ABI 2 knows is still enforced: creating a file "
                               "outside the grant gets EACCES");

    p = plan(true, false, 0, false);
    r = apply(&p, 3);
    ok(r.rc == -1, "required [filesystem] on ABI 3: refused");
    ok(strstr(r.err, "[filesystem]: the kernel's Landlock ABI 3 cannot confine ioctl_dev (needs "
                     "ABI 5); refusing") != NULL,
       "...naming ioctl_dev and the opt-out");
    ok(r.warnings[0] == 0 && r.open_errno == 0,
       "...silently applies nothing (the caller exits 125)");

    p = plan(false, true, 0, false);
    r = apply(&p, 3);
    ok(r.rc == -1 && strstr(r.err, "cannot confine bind (needs ABI 4)"),
       "required [network] on ABI 3: refused");
    p = plan(false, false, SS_LL_SCOPE_ABSTRACT_UNIX, false);
    r = apply(&p, 5);
    ok(r.rc == -1 && strstr(r.err, "cannot confine abstract-unix (needs ABI 6)"),
       "required [scope] on ABI 5: refused");
    /* conf/no-network.ini: best-effort [network] and abstract-unix scope. */
    p = plan(false, true, SS_LL_SCOPE_ABSTRACT_UNIX, true);
    r = apply(&p, 5);
    ok(r.rc == 0 && lines(r.warnings) == 1 &&
           strstr(r.warnings, "cannot confine abstract-unix (needs ABI 6)"),
       "best-effort [network] and abstract-unix on ABI 5: runs, the scope dropped with one line");
    p = plan(true, true, SS_LL_SCOPE_ALL, false);
    r = apply(&p, 6);
    ok(r.rc == 0 && r.open_errno == EACCES && !r.warnings[0],
       "required, everything, on ABI 6: applied without a word");

    p = plan(false, true, 0, true);
    r = apply(&p, 3);
    ok(r.rc == 0 && lines(r.warnings) == 2 && r.open_errno == 0,
       "best-effort [network] on ABI 3: both rights dropped, two warnings, nothing applied");
    p = plan(true, false, 0, true);
    r = apply(&p, -ENOSYS);
    ok(r.rc == 0 && lines(r.warnings) == 1 && strstr(r.warnings, "offers no Landlock"),
       "best-effort without Landlock: one warning line");
    p = plan(true, false, 0, false);
    r = apply(&p, -EOPNOTSUPP);
    ok(r.rc == -1 && strstr(r.err, "offers no Landlock (Operation not supported); refusing"),
       "required without Landlock (disabled at boot): refused");

    rmdir(dir);
    rmdir(outside);
    printf("1..%d\n", n);
    return failed;
}
