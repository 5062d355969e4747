/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Putting a compiled program (or strict mode) into the kernel for this process. */
#define _GNU_SOURCE
#include "guest.h"
#include "raw_syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

int ss_install_filter(const struct ss_program *prog, unsigned flags, struct ss_error *err)
{
    struct sock_fprog fprog = {.len = prog->len, .filter = (struct sock_filter *)prog->insns};
    struct ss_where none = {0};
    long rc;

    rc = ss_raw_syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0);
    if (rc < 0)
        return ss_fail(err, none, "cannot set no_new_privs: %s", strerror(-rc));
    /* TSYNC: threads started before us (by other libraries' constructors) are
     * filtered too; if one cannot be, nothing is installed. */
    rc = ss_raw_syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC | flags,
                        (long)&fprog, 0, 0, 0);
    if (rc > 0)
        return ss_fail(err, none, "thread %ld could not be put under the filter; nothing installed",
                       rc);
    if (rc == -ENOSYS)
        return ss_seccomp_available(err);
    if (rc < 0)
        return ss_fail(err, none, "the kernel refused the filter: %s", strerror(-rc));
    return 0;
}

int ss_seccomp_available(struct ss_error *err)
{
    uint32_t action = SECCOMP_RET_KILL_PROCESS;
    long rc = ss_raw_syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, (long)&action, 0, 0, 0);

    if (rc == -ENOSYS)
        return ss_fail(err, (struct ss_where){0},
                       "no seccomp support here (no seccomp system call: an old or stripped "
                       "kernel, or an emulator such as qemu-user or valgrind): cannot install "
                       "the filter, refusing to run unfiltered");
    if (rc < 0)
        return ss_fail(err, (struct ss_where){0},
                       "this kernel's seccomp cannot kill a process (SECCOMP_RET_KILL_PROCESS, "
                       "Linux 4.14): %s",
                       strerror(-rc));
    return 0;
}

/* Reads "Key:\tN" fields of /proc/self/status without stdio or malloc. */
static int status_field(const char *status, const char *key, int *out)
{
    size_t klen = strlen(key);

    for (const char *l = status; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
        if (strncmp(l, key, klen) == 0 && l[klen] == ':') {
            /* As atoi would (no digits: 0), but without strtol's code:
             * one page fault less in every inherited child. */
            const char *v = l + klen + 1;
            int n = 0, digits = 0;
            while (*v == ' ' || *v == '\t')
                v++;
            for (; *v >= '0' && *v <= '9' && digits < 9; v++, digits++)
                n = n * 10 + (*v - '0');
            *out = n;
            return 0;
        }
    return -1;
}

/* This process's pid as its status shows it: the last NSpid entry is in our
 * own pid namespace (Pid is in the namespace of the procfs mounted at /proc). */
static int status_pid(const char *status)
{
    const char *l = strstr(status, "\nNSpid:");
    int pid = -1;

    if (!l) {
        status_field(status, "Pid", &pid);
        return pid;
    }
    for (l += 7; *l && *l != '\n';) {
        while (*l == ' ' || *l == '\t')
            l++;
        if (*l < '0' || *l > '9')
            break;
        for (pid = 0; *l >= '0' && *l <= '9'; l++)
            pid = pid * 10 + (*l - '0');
    }
    return pid;
}

/* Reads /proc/self/status into buf; NULL, or why it cannot be believed.
 * Whoever mounts at /proc decides what it says: a tmpfs, or another process's
 * status bound over ours, could claim one thread. */
static const char *read_status(char *buf, size_t size)
{
    struct statfs fs;
    ssize_t n, total = 0;
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return "/proc/self/status unreadable";
    if (fstatfs(fd, &fs) || fs.f_type != PROC_SUPER_MAGIC) {
        close(fd);
        return "/proc is not procfs";
    }
    while ((n = read(fd, buf + total, size - 1 - total)) > 0)
        total += n;
    close(fd);
    if (n < 0 || total == 0)
        return "/proc/self/status unreadable";
    buf[total] = 0;
    if (status_pid(buf) != getpid())
        return "/proc/self/status is another process's";
    return NULL;
}

int ss_self_seccomp(int *mode, int *filters)
{
    char status[8192];

    if (read_status(status, sizeof status) || status_field(status, "Seccomp", mode))
        return -1;
    if (status_field(status, "Seccomp_filters", filters))
        *filters = *mode == SECCOMP_MODE_FILTER ? 1 : 0;
    return 0;
}

/* Is the caller the only thread? unshare(CLONE_THREAD) asks the kernel itself:
 * with nothing to unshare it succeeds and does nothing, with other threads in
 * the group it is EINVAL (kernel/fork.c, check_unshare_flags). It spares the
 * ~30 us a fresh process's first /proc access costs, and no mount can lie to
 * it. Asked only when no seccomp filter is present (PR_GET_SECCOMP 0): an
 * inherited filter may refuse unshare or kill for it (tests/91). A filter can
 * fake a 0 return (errno(0)) but never a write to our memory: a prctl that
 * answers PR_GET_PDEATHSIG without writing the signal is such a filter. One
 * aimed at exactly these calls is a hostile parent's, outside what the shim
 * can defend (SECURITY.md). */
static bool single_thread_by_kernel(void)
{
    int pdeathsig = -1;

    return ss_raw_syscall(SYS_prctl, PR_GET_PDEATHSIG, (long)&pdeathsig, 0, 0, 0, 0) == 0 &&
           pdeathsig >= 0 && ss_raw_syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0, 0) == 0 &&
           ss_raw_syscall(SYS_unshare, CLONE_THREAD, 0, 0, 0, 0, 0) == 0;
}

/* The number of threads, or why it cannot be known: the kernel's answer when
 * it is one, else /proc/self/status's count (which also words the refusal). */
static const char *count_threads(int *threads)
{
    char status[8192];
    const char *why;

    if (single_thread_by_kernel()) {
        *threads = 1;
        return NULL;
    }
    why = read_status(status, sizeof status);
    if (!why && status_field(status, "Threads", threads))
        why = "/proc/self/status has no Threads field";
    return why;
}

int ss_self_threads(int *threads)
{
    return count_threads(threads) ? -1 : 0;
}

int ss_install_strict(struct ss_error *err)
{
    struct ss_where none = {0};
    int threads;
    const char *why = count_threads(&threads);

    if (why)
        return ss_fail(err, none, "strict mode: cannot count this process's threads: %s", why);
    if (threads != 1)
        return ss_fail(err, none,
                       "strict mode is per-thread and this process already has %d threads: "
                       "the others would run unconfined",
                       threads);
    long rc = ss_raw_syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, 0, 0, 0, 0);
    if (rc < 0)
        return ss_fail(err, none, "the kernel refused strict mode: %s", strerror(-rc));
    return 0;
}

int ss_install(const struct ss_install_plan *plan, struct ss_error *err)
{
    /* Landlock first: the policy's filter may refuse its syscalls. */
    if (ss_landlock_apply(plan->landlock, err))
        return -1;
    if (plan->mode == SS_MODE_STRICT)
        return ss_install_strict(err);
    if (plan->explain && ss_explain_arm(err))
        return -1;
    if (plan->stamp && ss_probe_stamp(plan->prog, plan->identity, err))
        return -1;
    /* The guard goes first: the policy's filter may kill seccomp itself. */
    if (plan->explain && ss_explain_guard(err))
        return -1;
    /* From here on, no syscall of ours: the policy may allow almost nothing. */
    return ss_install_filter(plan->prog, plan->filter_flags, err);
}
