/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Creates processes every way glibc does: a thread (clone3, or clone when
 * clone3 fails with ENOSYS), fork (clone) and posix_spawn (clone3 with
 * CLONE_VFORK, or clone). With an argument it then tries a new user namespace:
 *   clone3-newuser  clone3(CLONE_NEWUSER), whose flags no filter can read
 *   clone-newuser   clone(CLONE_NEWUSER | SIGCHLD)
 * A child that gets created says whether its user namespace is new. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char parent_ns[64];

static void *thread_main(void *arg)
{
    return arg;
}

/* In the child: compares its user namespace with the parent's, then exits. */
static void child_reports(void)
{
    char ns[64] = "", line[100];
    ssize_t n = readlink("/proc/self/ns/user", ns, sizeof ns - 1);
    int len;

    if (n > 0)
        ns[n] = 0;
    len = snprintf(line, sizeof line, "child: %s user namespace\n",
                   strcmp(ns, parent_ns) ? "a new" : "the same");
    if (write(STDOUT_FILENO, line, len) < 0)
        _exit(2);
    _exit(0);
}

static void report_created(long pid, const char *how)
{
    if (pid < 0) {
        printf("%s: %s\n", how, strerror(errno));
        return;
    }
    fflush(stdout);
    waitpid(pid, NULL, 0);
    printf("%s: created a child\n", how);
}

int main(int argc, char **argv)
{
    char *true_argv[] = {"true", NULL};
    pthread_t thread;
    pid_t pid;
    ssize_t n = readlink("/proc/self/ns/user", parent_ns, sizeof parent_ns - 1);

    if (n > 0)
        parent_ns[n] = 0;
    if (pthread_create(&thread, NULL, thread_main, NULL) || pthread_join(thread, NULL)) {
        puts("pthread_create failed");
        return 1;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0 || waitpid(pid, NULL, 0) != pid) {
        puts("fork failed");
        return 1;
    }
    if (posix_spawn(&pid, "/bin/true", NULL, NULL, true_argv, environ) ||
        waitpid(pid, NULL, 0) != pid) {
        puts("posix_spawn failed");
        return 1;
    }
    puts("thread, fork and spawn done");
    if (argc > 1 && strcmp(argv[1], "clone3-newuser") == 0) {
        struct clone_args args;
        long child;

        memset(&args, 0, sizeof args);
        args.flags = CLONE_NEWUSER;
        args.exit_signal = SIGCHLD;
        fflush(stdout);
        child = syscall(SYS_clone3, &args, sizeof args);
        if (child == 0)
            child_reports();
        report_created(child, "clone3");
    }
    if (argc > 1 && strcmp(argv[1], "clone-newuser") == 0) {
        long child;

        fflush(stdout);
        child = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0L, 0L, 0L, 0L);
        if (child == 0)
            child_reports();
        report_created(child, "clone");
    }
    return 0;
}
