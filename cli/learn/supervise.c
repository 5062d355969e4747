/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The user-notification supervisor `learn` and `run --complain` share: the
 * loop that answers every notification of a program started by learn_spawn,
 * the shim-mode environment, and ending like the program ended. */
#define _GNU_SOURCE
#include "learn.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Answers notifications until no process uses the filter. 0, or -1 after
 * printing why (the recording is incomplete). *wstatus: CMD's wait status. */
int learn_supervise(const struct learn_child *c, learn_answer_fn answer, void *ctx, int *wstatus)
{
    struct seccomp_notif_sizes sizes;
    struct seccomp_notif *req;
    struct seccomp_notif_resp *resp;
    size_t req_size, resp_size;
    int pidfd, rc = -1;
    bool reaped = false;

    if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes)) {
        cli_error("cannot supervise: SECCOMP_GET_NOTIF_SIZES: %s", strerror(errno));
        return -1;
    }
    req_size = sizes.seccomp_notif > sizeof *req ? sizes.seccomp_notif : sizeof *req;
    resp_size = sizes.seccomp_notif_resp > sizeof *resp ? sizes.seccomp_notif_resp : sizeof *resp;
    req = calloc(1, req_size);
    resp = calloc(1, resp_size);
    pidfd = syscall(SYS_pidfd_open, c->pid, 0);
    if (!req || !resp || pidfd < 0) {
        cli_error("cannot supervise %d: %s", (int)c->pid, strerror(errno));
        goto out;
    }
    for (;;) {
        struct pollfd pfd[2] = {{c->listener, POLLIN, 0}, {reaped ? -1 : pidfd, POLLIN, 0}};

        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            cli_error("poll: %s", strerror(errno));
            goto out;
        }
        if (pfd[1].revents) {
            while (waitpid(c->pid, wstatus, 0) < 0 && errno == EINTR)
                ;
            reaped = true;
        }
        if (pfd[0].revents & POLLIN) {
            memset(req, 0, req_size);
            if (ioctl(c->listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0) {
                /* ENOENT: the caller died or a signal interrupted its call. */
                if (errno == EINTR || errno == ENOENT)
                    continue;
                cli_error("cannot receive a seccomp notification: %s", strerror(errno));
                goto out;
            }
            memset(resp, 0, resp_size);
            resp->id = req->id;
            resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
            answer(ctx, c->listener, req, resp);
            while (ioctl(c->listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == ENOENT) /* the id became invalid: its caller is gone */
                    break;
                cli_error("cannot let a syscall continue: %s%s", strerror(errno),
                          errno == EINVAL ? " (the kernel lacks SECCOMP_USER_NOTIF_FLAG_CONTINUE, "
                                            "Linux 5.5)"
                                          : "");
                goto out;
            }
            continue;
        }
        if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            break;
    }
    if (!reaped)
        while (waitpid(c->pid, wstatus, 0) < 0 && errno == EINTR)
            ;
    rc = 0;
out:
    if (rc) { /* the program cannot go on without us: every call would fail */
        kill(c->pid, SIGKILL);
        if (!reaped)
            waitpid(c->pid, wstatus, 0);
    }
    if (pidfd >= 0)
        close(pidfd);
    free(req);
    free(resp);
    return rc;
}

/* The environment of CMD in shim mode: the shim preloaded in learn mode,
 * and none of the variables that would give it a policy. */
char **learn_shim_environment(const char *shim, uint64_t token)
{
    static const char *const drop[] = {"LD_PRELOAD=",     SS_ENV_POLICY "=", SS_ENV_INI "=",
                                       SS_ENV_ACTIVE "=", SS_ENV_LEARN "=",  NULL};
    const char *old_preload = getenv("LD_PRELOAD");
    size_t n = 0, k = 0;
    char **env;

    while (environ[n])
        n++;
    env = calloc(n + 3, sizeof *env);
    if (!env)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        bool keep = true;
        for (size_t d = 0; drop[d]; d++)
            keep &= strncmp(environ[i], drop[d], strlen(drop[d])) != 0;
        if (keep)
            env[k++] = environ[i];
    }
    /* Last, as `run` puts it: ld.so runs preloads' constructors last to
     * first, so recording starts before any of the user's preloads runs. */
    if (asprintf(&env[k++], "LD_PRELOAD=%s%s%s", old_preload ? old_preload : "",
                 old_preload && *old_preload ? ":" : "", shim) < 0 ||
        asprintf(&env[k++], SS_ENV_LEARN "=%016llx", (unsigned long long)token) < 0)
        return NULL; /* exiting anyway */
    return env;
}

/* Frees what shim_environment allocated: the array and its last two strings. */
void learn_free_shim_environment(char **env)
{
    size_t n = 0;

    if (!env)
        return;
    while (env[n])
        n++;
    if (n >= 2) {
        free(env[n - 1]);
        free(env[n - 2]);
    }
    free(env);
}

/* Ends like CMD ended: its exit status, or death by its signal. */
int learn_end_like(int wstatus)
{
    if (WIFSIGNALED(wstatus)) {
        int sig = WTERMSIG(wstatus);
        struct rlimit none = {0, 0};
        sigset_t set;

        setrlimit(RLIMIT_CORE, &none); /* CMD's core is the one that matters */
        signal(sig, SIG_DFL);
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
        return 128 + sig;
    }
    return WEXITSTATUS(wstatus);
}
