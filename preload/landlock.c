/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Applying the Landlock part of a plan to the calling process: ask the
 * kernel which ABI it offers, refuse (or, best-effort, drop with a warning
 * each) what it cannot enforce, build the ruleset, restrict. Raw syscalls,
 * no allocation, every descriptor closed before returning. */
#define _GNU_SOURCE
#include "guest.h"
#include "raw_syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const kind_section[] = {"[filesystem]", "[network]", "[scope]"};

static void warn_line(const char *msg)
{
    char line[512];
    int n = snprintf(line, sizeof line, "seccomp-shim: warning: landlock = best-effort: %s\n", msg);

    if (n > (int)sizeof line - 1)
        n = sizeof line - 1;
    ss_raw_syscall(SYS_write, STDERR_FILENO, (long)line, n, 0, 0, 0);
}

/* Of the rights *want of one kind, those the kernel's abi lacks: an error,
 * or (best-effort) a warning each and they leave *want. */
static int drop_unknown(enum ss_landlock_kind kind, uint64_t *want, int abi, bool best_effort,
                        struct ss_error *err)
{
    const char *name;
    int need;

    for (unsigned b = 0; (name = ss_landlock_right(kind, b, &need)); b++) {
        char msg[300];
        if (!(*want & (1ULL << b)) || need <= abi)
            continue;
        snprintf(msg, sizeof msg,
                 "%s: the kernel's Landlock ABI %d cannot confine %s (needs ABI %d)",
                 kind_section[kind], abi, name, need);
        if (!best_effort)
            return ss_fail(err, (struct ss_where){0},
                           "%s; refusing to run with less confinement than the policy says "
                           "(`landlock = best-effort` in [policy] accepts it)",
                           msg);
        warn_line(msg);
        *want &= ~(1ULL << b);
    }
    return 0;
}

static long ll_add_rule(int ruleset, int type, const void *attr)
{
    return ss_raw_syscall(SS_LL_NR_ADD_RULE, ruleset, type, (long)attr, 0, 0, 0);
}

static int add_paths(const struct ss_landlock_plan *plan, int ruleset, uint64_t handled,
                     struct ss_error *err)
{
    struct ss_where none = {0};

    for (unsigned i = 0; i < plan->npaths; i++) {
        const char *path = plan->text + plan->paths[i].text;
        struct ss_ll_path_beneath_attr attr;
        struct stat st;
        long fd, rc;

        fd = ss_raw_syscall(SYS_openat, AT_FDCWD, (long)path, O_PATH | O_CLOEXEC, 0, 0, 0);
        if (fd == -ENOENT && plan->paths[i].optional)
            continue;
        if (fd < 0)
            return ss_fail(err, none, "landlock: cannot open %s: %s", path, strerror(-fd));
        attr.allowed_access = plan->paths[i].access & handled;
        attr.parent_fd = (int32_t)fd;
        rc = ss_raw_syscall(SYS_fstat, fd, (long)&st, 0, 0, 0, 0);
        if (rc == 0 && !S_ISDIR(st.st_mode))
            attr.allowed_access &= SS_LL_FS_FILE_RIGHTS; /* the rest is for directories */
        if (rc == 0 && attr.allowed_access)
            rc = ll_add_rule(ruleset, SS_LL_RULE_PATH_BENEATH, &attr);
        ss_raw_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
        if (rc < 0)
            return ss_fail(err, none, "landlock: cannot add the rule for %s: %s", path,
                           strerror(-rc));
    }
    return 0;
}

static int add_ports(const struct ss_landlock_plan *plan, int ruleset, uint64_t handled,
                     struct ss_error *err)
{
    for (unsigned i = 0; i < plan->nports; i++) {
        struct ss_ll_net_port_attr attr = {.allowed_access = plan->ports[i].access & handled,
                                           .port = plan->ports[i].port};
        long rc = attr.allowed_access ? ll_add_rule(ruleset, SS_LL_RULE_NET_PORT, &attr) : 0;
        if (rc < 0)
            return ss_fail(err, (struct ss_where){0},
                           "landlock: cannot add the rule for port %u: %s", plan->ports[i].port,
                           strerror(-rc));
    }
    return 0;
}

/* Threads started before us (by other libraries' constructors) would stay
 * outside the domain unless the kernel can restrict them all (ABI 8). */
static int restrict_flags(int abi, unsigned *flags, struct ss_error *err)
{
    int threads;

    *flags = 0;
    if (ss_self_threads(&threads))
        return ss_fail(err, (struct ss_where){0},
                       "landlock: cannot count this process's threads (/proc/self/status "
                       "unreadable)");
    if (threads == 1)
        return 0;
    if (abi >= SS_LL_ABI_TSYNC) {
        *flags = SS_LL_RESTRICT_SELF_TSYNC;
        return 0;
    }
    return ss_fail(err, (struct ss_where){0},
                   "landlock: this process already has %d threads and the kernel's Landlock ABI "
                   "%d restricts only the calling one (ABI %d restricts all): the others would "
                   "run unconfined",
                   threads, abi, SS_LL_ABI_TSYNC);
}

int ss_landlock_apply(const struct ss_landlock_plan *plan, struct ss_error *err)
{
    if (!plan || !plan->active)
        return 0;
    return ss_landlock_apply_abi(
        plan, ss_raw_syscall(SS_LL_NR_CREATE_RULESET, 0, 0, SS_LL_CREATE_RULESET_VERSION, 0, 0, 0),
        err);
}

int ss_landlock_apply_abi(const struct ss_landlock_plan *plan, long abi, struct ss_error *err)
{
    struct ss_where none = {0};
    struct ss_ll_ruleset_attr attr = {0};
    unsigned flags;
    long ruleset, rc;

    if (abi < 0) {
        if (!plan->best_effort)
            return ss_fail(err, none,
                           "landlock: the kernel offers no Landlock (%s); refusing to run without "
                           "the policy's [filesystem], [network] or [scope] confinement "
                           "(`landlock = best-effort` in [policy] accepts it)",
                           strerror(-abi));
        warn_line("the kernel offers no Landlock: [filesystem], [network] and [scope] are not "
                  "enforced");
        return 0;
    }
    attr.handled_access_fs = plan->filesystem ? SS_LL_FS_ALL : 0;
    attr.handled_access_net = plan->network ? SS_LL_NET_ALL : 0;
    attr.scoped = plan->scoped;
    if (drop_unknown(SS_LL_KIND_FS, &attr.handled_access_fs, abi, plan->best_effort, err) ||
        drop_unknown(SS_LL_KIND_NET, &attr.handled_access_net, abi, plan->best_effort, err) ||
        drop_unknown(SS_LL_KIND_SCOPE, &attr.scoped, abi, plan->best_effort, err))
        return -1;
    if (!attr.handled_access_fs && !attr.handled_access_net && !attr.scoped)
        return 0; /* best-effort dropped everything, and said so */
    if (restrict_flags(abi, &flags, err))
        return -1;

    ruleset = ss_raw_syscall(SS_LL_NR_CREATE_RULESET, (long)&attr, sizeof attr, 0, 0, 0, 0);
    if (ruleset < 0)
        return ss_fail(err, none, "landlock: the kernel refused the ruleset: %s",
                       strerror(-ruleset));
    rc = add_paths(plan, ruleset, attr.handled_access_fs, err) ||
         add_ports(plan, ruleset, attr.handled_access_net, err);
    if (!rc) {
        rc = ss_raw_syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0);
        if (rc < 0)
            ss_fail(err, none, "cannot set no_new_privs: %s", strerror(-rc));
    }
    if (!rc) {
        rc = ss_raw_syscall(SS_LL_NR_RESTRICT_SELF, ruleset, flags, 0, 0, 0, 0);
        if (rc == -E2BIG)
            ss_fail(err, none,
                    "landlock: this process is already in %d nested Landlock domains, the "
                    "kernel's limit; a different policy cannot add one more",
                    SS_LL_MAX_LAYERS);
        else if (rc < 0)
            ss_fail(err, none, "landlock: the kernel refused to restrict this process: %s",
                    strerror(-rc));
    }
    ss_raw_syscall(SYS_close, ruleset, 0, 0, 0, 0, 0);
    return rc ? -1 : 0;
}
