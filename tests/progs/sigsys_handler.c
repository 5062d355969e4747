/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A program that wants to outlive a killed syscall: argv[1] says how.
 *   handler  install its own SIGSYS handler (sigaction)
 *   ignore   signal(SIGSYS, SIG_IGN)
 *   block    block SIGSYS with sigprocmask
 * then it calls uname (which the test's policy kills) and reports if it
 * came back. Whether each attempt was refused is printed first. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void caught(int sig)
{
    static const char msg[] = "own handler caught SIGSYS\n";

    (void)sig;
    syscall(SYS_write, 1, msg, sizeof msg - 1);
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "handler";
    struct sigaction sa;
    char uts[512];
    sigset_t set;
    int rc;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = caught;
    sigemptyset(&set);
    sigaddset(&set, SIGSYS);
    if (!strcmp(how, "handler"))
        rc = sigaction(SIGSYS, &sa, NULL);
    else if (!strcmp(how, "ignore"))
        rc = signal(SIGSYS, SIG_IGN) == SIG_ERR ? -1 : 0;
    else
        rc = sigprocmask(SIG_BLOCK, &set, NULL);
    printf("%s: %s\n", how, rc ? strerror(errno) : "done");
    fflush(stdout);
    syscall(SYS_uname, uts);
    printf("survived uname\n");
    return 0;
}
