/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Starting the program to learn under a filter that sends every syscall to
 * the supervisor (SECCOMP_RET_USER_NOTIF).
 *
 * The listener fd is created by the child's seccomp() call, in the child's fd
 * table, and the child can make no syscall after that one without waiting
 * for the supervisor, who does not hold the listener yet. So the child is a
 * vfork-style clone sharing the fd table (CLONE_FILES) and memory (CLONE_VM):
 * the listener lands in the supervisor's table, the child writes its number
 * into shared memory, and the supervisor resumes when the child's exec
 * succeeds (exec gives the child a table of its own and closes the listener
 * there, it is O_CLOEXEC). Two calls must not wait for the supervisor: the
 * exec itself and the exit when the exec fails. The filter lets them through
 * only with argument values no program passes: execveat with a made-up dirfd
 * (ignored for an absolute path) and exit_group with a made-up status. */
#define _GNU_SOURCE
#include "learn.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEARN_EXEC_FD 0x5ec0ffee /* execveat's dirfd: ignored, the path is absolute */
#define LEARN_EXIT    0x5ec0ff7f /* exit_group's status: the process exits with 127 */
#define STACK_SIZE    (256 * 1024)

struct spawn {
    const char *path;
    char **argv, **envp;
    sigset_t mask;
    struct sock_fprog prog;
    int listener;
    int err;           /* errno of the failed step, 0 when the exec happened */
    const char *stage; /* what failed */
};

/* Labels of the filter below, for the jump offsets. */
enum { L_EXECVEAT = 3, L_EXIT_GROUP = 7, L_ARG0_HI = 10, L_NOTIFY = 12, L_ALLOW = 13 };

static struct sock_filter learn_filter[] = {
    /* 0 */ SS_LD_ARCH,
    /* 1 */ SS_JEQ(SS_AUDIT_ARCH_NATIVE, 0, SS_TO(L_NOTIFY, 1)),
    /* 2 */ SS_LD_NR,
    /* 3 */ SS_JEQ(__NR_execveat, 0, SS_TO(L_EXIT_GROUP, 3)),
    /* 4 */ SS_LD_ARG_LO(0),
    /* 5 */ SS_JEQ(LEARN_EXEC_FD, 0, SS_TO(L_NOTIFY, 5)),
    /* 6 */ SS_JA(SS_TO(L_ARG0_HI, 6)),
    /* 7 */ SS_JEQ(__NR_exit_group, 0, SS_TO(L_NOTIFY, 7)),
    /* 8 */ SS_LD_ARG_LO(0),
    /* 9 */ SS_JEQ(LEARN_EXIT, 0, SS_TO(L_NOTIFY, 9)),
    /* 10 */ SS_LD_ARG_HI(0),
    /* 11 */ SS_JEQ(0, SS_TO(L_ALLOW, 11), SS_TO(L_NOTIFY, 11)),
    /* 12 */ SS_RET(SECCOMP_RET_USER_NOTIF),
    /* 13 */ SS_RET(SECCOMP_RET_ALLOW),
};

int learn_kernel_check(void)
{
    uint32_t action = SECCOMP_RET_USER_NOTIF;
    struct seccomp_notif_sizes sizes;

    if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) ||
        syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes)) {
        cli_error("cannot learn: this kernel lacks seccomp user notification "
                  "(SECCOMP_RET_USER_NOTIF, Linux 5.5 or later): %s",
                  strerror(errno));
        return -1;
    }
    return 0;
}

/* Where execvp would find cmd, made absolute (execveat ignores its dirfd
 * only for an absolute path): 0, or -1 after printing why with *err set. */
static int absolute_program(const char *cmd, char *out, size_t size, int *err)
{
    char found[PATH_MAX], cwd[PATH_MAX];

    if (cli_resolve_command(cmd, found, sizeof found, err))
        return -1;
    if (found[0] == '/')
        *err = snprintf(out, size, "%s", found) < (int)size ? 0 : ENAMETOOLONG;
    else if (!getcwd(cwd, sizeof cwd))
        *err = errno;
    else
        *err = snprintf(out, size, "%s/%s", cwd, found) < (int)size ? 0 : ENAMETOOLONG;
    if (*err)
        cli_error("%s: %s", cmd, strerror(*err));
    return *err ? -1 : 0;
}

static int spawn_under(char **argv, char **envp, const struct sock_fprog *prog,
                       struct learn_child *out);

/* The child: no stdio, no allocation, nothing that touches the parent's state
 * beyond struct spawn; after seccomp() only the two exempt calls. */
static int child_main(void *arg)
{
    struct spawn *s = arg;
    long fd;

    sigprocmask(SIG_SETMASK, &s->mask, NULL);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
        s->err = errno, s->stage = "cannot set no_new_privs";
        _exit(127);
    }
    fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &s->prog);
    if (fd < 0) {
        s->err = errno, s->stage = "cannot install the learning filter";
        _exit(127);
    }
    s->listener = (int)fd;
    syscall(SYS_execveat, (long)LEARN_EXEC_FD, s->path, s->argv, s->envp, 0L);
    s->err = errno, s->stage = "exec";
    syscall(SYS_exit_group, (long)LEARN_EXIT);
    return 127;
}

/* The filter of learn_spawn_notify: the exec exemption of learn_filter, then
 * for each call "nr (and arg0 == value): notify", anything else allowed.
 * Jumps over the list are JA (32-bit offsets); the list may be long. */
static size_t notify_filter(struct sock_filter *f, size_t cap, const struct learn_notify *calls,
                            size_t n)
{
    size_t k = 0, allow, notify;

    for (size_t i = 0; i < n; i++)
        k += calls[i].arg0_only ? 5 : 3;
    if (k + 12 > cap)
        return 0;
    allow = k + 10, notify = k + 11;
    k = 0;
    f[k++] = (struct sock_filter)SS_LD_ARCH;
    f[k++] = (struct sock_filter)SS_JEQ(SS_AUDIT_ARCH_NATIVE, 1, 0);
    f[k++] = (struct sock_filter)SS_JA(allow - 3); /* other ABIs: the policy kills them */
    f[k++] = (struct sock_filter)SS_LD_NR;
    f[k++] = (struct sock_filter)SS_JEQ(__NR_execveat, 0, 5);
    f[k++] = (struct sock_filter)SS_LD_ARG_LO(0);
    f[k++] = (struct sock_filter)SS_JEQ(LEARN_EXEC_FD, 0, 3);
    f[k++] = (struct sock_filter)SS_LD_ARG_HI(0);
    f[k++] = (struct sock_filter)SS_JEQ(0, 0, 1);
    f[k++] = (struct sock_filter)SS_JA(allow - 10); /* the launcher's own exec */
    for (size_t i = 0; i < n; i++) {
        f[k++] = (struct sock_filter)SS_LD_NR;
        f[k++] = (struct sock_filter)SS_JEQ((uint32_t)calls[i].nr, 0, calls[i].arg0_only ? 3 : 1);
        if (calls[i].arg0_only) {
            f[k++] = (struct sock_filter)SS_LD_ARG_LO(0);
            f[k++] = (struct sock_filter)SS_JEQ(calls[i].arg0, 0, 1);
        }
        f[k] = (struct sock_filter)SS_JA((uint32_t)(notify - k - 1));
        k++;
    }
    f[k++] = (struct sock_filter)SS_RET(SECCOMP_RET_ALLOW);
    f[k++] = (struct sock_filter)SS_RET(SECCOMP_RET_USER_NOTIF);
    return k;
}

int learn_spawn(char **argv, char **envp, struct learn_child *out)
{
    struct sock_fprog prog = {sizeof learn_filter / sizeof learn_filter[0], learn_filter};

    return spawn_under(argv, envp, &prog, out);
}

int learn_spawn_notify(char **argv, char **envp, const struct learn_notify *calls, size_t n,
                       struct learn_child *out)
{
    struct sock_filter f[256];
    struct sock_fprog prog = {(unsigned short)notify_filter(f, 256, calls, n), f};

    if (!prog.len) {
        cli_error("cannot supervise: too many calls to watch");
        return -1;
    }
    return spawn_under(argv, envp, &prog, out);
}

static int spawn_under(char **argv, char **envp, const struct sock_fprog *prog,
                       struct learn_child *out)
{
    char path[PATH_MAX + NAME_MAX + 2];
    struct spawn s = {.path = path, .argv = argv, .envp = envp, .listener = -1};
    sigset_t all;
    void *stack;
    int err, status;
    pid_t pid;

    out->exec_err = 0;
    out->busy = false;
    if (absolute_program(argv[0], path, sizeof path, &out->exec_err))
        return -1;
    s.prog = *prog;
    stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                 -1, 0);
    if (stack == MAP_FAILED) {
        cli_error("cannot start %s: %s", argv[0], strerror(errno));
        return -1;
    }
    /* No signal handler may run in the child while it shares our memory. */
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &s.mask);
    pid = clone(child_main, (char *)stack + STACK_SIZE,
                CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, &s);
    err = errno;
    sigprocmask(SIG_SETMASK, &s.mask, NULL);
    munmap(stack, STACK_SIZE);
    if (pid < 0) {
        cli_error("cannot start %s: %s", argv[0], strerror(err));
        return -1;
    }
    if (!s.stage) {
        out->pid = pid;
        out->listener = s.listener;
        return 0;
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (s.listener >= 0)
        close(s.listener);
    if (strcmp(s.stage, "exec") == 0) {
        cli_error("%s: %s", path, strerror(s.err));
        out->exec_err = s.err;
        return -1;
    }
    out->busy = s.err == EBUSY;
    if (s.err == EBUSY && out->quiet_busy)
        return -1;
    if (s.err == EBUSY)
        cli_error("%s: %s (seccomp user notification does not nest: is this already "
                  "running under seccomp-shim learn or another supervisor?)",
                  s.stage, strerror(s.err));
    else
        cli_error("%s: %s", s.stage, strerror(s.err));
    return -1;
}
