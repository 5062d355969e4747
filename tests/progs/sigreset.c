/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What libuv (node's child_process) does in a child before exec: reset every
 * signal but SIGKILL and SIGSTOP to SIG_DFL, and treat any failure as a spawn
 * error. Then it execs argv[1..] (default: /bin/echo sigreset ok) and reports
 * the child's status. Exit 0 only when the child ran and exited 0. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    static char *echo[] = {"/bin/echo", "sigreset ok", NULL};
    char **cmd = argc > 1 ? argv + 1 : echo;
    int status;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0)
        return perror("fork"), 2;
    if (pid == 0) {
        struct sigaction sa;

        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        for (int sig = 1; sig <= 64; sig++) {
            if (sig == SIGKILL || sig == SIGSTOP || (sig > 31 && sig < SIGRTMIN))
                continue; /* cannot be changed; glibc's own (32, 33) it refuses */
            if (sigaction(sig, &sa, NULL)) {
                fprintf(stderr, "sigreset: sigaction(%d, SIG_DFL): %s\n", sig, strerror(errno));
                _exit(1);
            }
        }
        execve(cmd[0], cmd, environ);
        fprintf(stderr, "sigreset: execve %s: %s\n", cmd[0], strerror(errno));
        _exit(1);
    }
    if (waitpid(pid, &status, 0) < 0)
        return perror("waitpid"), 2;
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        fprintf(stderr, "sigreset: the child failed (status 0x%x)\n", status);
        return 1;
    }
    return 0;
}
