/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What a learned policy must still refuse (tests/59-learn-conditions.t):
 *   learn_conds vfork        vfork only, the child exits at once
 *   learn_conds unix|inet    a socket of that family
 *   learn_conds clonens      clone(CLONE_NEWUSER|CLONE_NEWNET), called raw
 *   learn_conds oom          rewrites /proc/self/oom_score_adj with its value
 *   learn_conds open-w PATH  opens PATH for writing and closes it, writes nothing
 * Prints one line "WHAT: ok" or "WHAT: errno N". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int say(const char *what, long rc)
{
    if (rc < 0)
        printf("%s: errno %d\n", what, errno);
    else
        printf("%s: ok\n", what);
    return 0;
}

static long child_done(long pid)
{
    if (pid == 0)
        _exit(0);
    if (pid > 0)
        waitpid((pid_t)pid, NULL, 0);
    return pid;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    if (!strcmp(what, "vfork"))
        return say(what, child_done(vfork()));
    if (!strcmp(what, "unix") || !strcmp(what, "inet"))
        return say(what, socket(what[0] == 'u' ? AF_UNIX : AF_INET, SOCK_STREAM, 0));
    if (!strcmp(what, "clonens"))
        return say(what, child_done(syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNET | SIGCHLD, 0,
                                            NULL, NULL, 0)));
    if (!strcmp(what, "oom")) {
        char value[32] = "";
        int fd = open("/proc/self/oom_score_adj", O_RDONLY);
        ssize_t n = fd >= 0 ? read(fd, value, sizeof value - 1) : -1;
        if (fd >= 0)
            close(fd);
        fd = n > 0 ? open("/proc/self/oom_score_adj", O_WRONLY) : -1;
        if (fd >= 0 && write(fd, value, (size_t)n) != n)
            fd = -1;
        return say(what, fd >= 0 ? close(fd) : -1);
    }
    if (!strcmp(what, "open-w") && argc > 2) {
        int fd = open(argv[2], O_WRONLY);
        return say(what, fd >= 0 ? close(fd) : -1);
    }
    fprintf(stderr, "usage: learn_conds vfork|unix|inet|clonens|oom|open-w PATH\n");
    return 2;
}
