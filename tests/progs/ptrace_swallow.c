/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A tracer that discards every SIGSYS of the program it runs (a documented
 * limit of explain = yes): a trapped "kill" is a signal, and a ptrace parent
 * decides whether a signal is delivered. Other signals pass through.
 * Usage: ptrace_swallow PROGRAM [ARGS...]; exits with the program's status. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int status, sig;
    pid_t pid;

    if (argc < 2)
        return 2;
    pid = fork();
    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        execv(argv[1], argv + 1);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) == pid) {
        if (WIFEXITED(status))
            return WEXITSTATUS(status);
        if (WIFSIGNALED(status))
            return 128 + WTERMSIG(status);
        sig = WSTOPSIG(status);
        if (sig == SIGSYS) {
            fprintf(stderr, "ptrace_swallow: discarded SIGSYS\n");
            sig = 0;
        } else if (sig == SIGTRAP) {
            sig = 0; /* the stop after execve */
        }
        ptrace(PTRACE_CONT, pid, 0, sig);
    }
    return 1;
}
