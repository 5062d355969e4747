/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Attack: the siblings of a refused syscall, called raw (no glibc fallback
 * in between), one per run:
 *   siblings open|creat|openat|openat-hi|openat2 PATH   open PATH for writing
 *                                      (creating it) and write "pwned" to it
 *   siblings clone|clone-hi|clone3|unshare   a child in a new user namespace
 *   siblings clone3-plain              clone3 without namespace flags
 *   siblings execve|execveat|execveat-fd|fork-execve|vfork-execve PROGRAM
 * Prints one line "ATTACK: RESULT": "wrote 5 bytes", "errno N", "new user
 * namespace", "same user namespace", or what the executed PROGRAM prints.
 * openat-hi and clone-hi set the upper 32 bits of the flags, which the kernel
 * ignores (int flags; clone uses the lower 32): a filter comparing 64-bit
 * values must not take them for other flags. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define HIGH_BITS   0xffffffff00000000UL
#define WRITE_FLAGS (O_WRONLY | O_CREAT | O_TRUNC)

extern char **environ;

static int report(const char *attack, long rc, const char *what)
{
    if (rc < 0)
        printf("%s: errno %d\n", attack, errno);
    else
        printf("%s: %s\n", attack, what);
    return rc < 0 ? 1 : 0;
}

static int write_attack(const char *attack, const char *path)
{
    struct open_how how = {.flags = WRITE_FLAGS, .mode = 0600};
    long fd;

    if (!strcmp(attack, "open"))
        fd = syscall(SYS_open, path, WRITE_FLAGS, 0600);
    else if (!strcmp(attack, "creat"))
        fd = syscall(SYS_creat, path, 0600);
    else if (!strcmp(attack, "openat"))
        fd = syscall(SYS_openat, AT_FDCWD, path, WRITE_FLAGS, 0600);
    else if (!strcmp(attack, "openat-hi"))
        fd = syscall(SYS_openat, AT_FDCWD, path, HIGH_BITS | WRITE_FLAGS, 0600);
    else
        fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
    if (fd < 0)
        return report(attack, -1, NULL);
    return report(attack, syscall(SYS_write, fd, "pwned", 5) == 5 ? 0 : -1, "wrote 5 bytes");
}

/* 1 when the calling process is in another user namespace than ns. */
static int other_userns(const char *ns)
{
    char now[64] = "";

    if (readlink("/proc/self/ns/user", now, sizeof now - 1) < 0)
        return 0;
    return strcmp(now, ns) != 0;
}

static int namespace_attack(const char *attack)
{
    struct clone_args args = {.exit_signal = SIGCHLD};
    char ns[64] = "";
    int status;
    long pid;

    if (readlink("/proc/self/ns/user", ns, sizeof ns - 1) < 0)
        return 2;
    fflush(stdout);
    if (!strcmp(attack, "unshare")) {
        long rc = syscall(SYS_unshare, CLONE_NEWUSER);
        return report(attack, rc, other_userns(ns) ? "new user namespace" : "same user namespace");
    }
    if (!strcmp(attack, "clone3") || !strcmp(attack, "clone3-plain")) {
        args.flags = !strcmp(attack, "clone3") ? CLONE_NEWUSER : 0;
        pid = syscall(SYS_clone3, &args, sizeof args);
    } else {
        unsigned long flags = CLONE_NEWUSER | SIGCHLD;
        pid =
            syscall(SYS_clone, !strcmp(attack, "clone-hi") ? HIGH_BITS | flags : flags, 0, 0, 0, 0);
    }
    if (pid == 0) /* the child: a copy of this address space, like fork */
        _exit(other_userns(ns) ? 10 : 11);
    if (pid < 0)
        return report(attack, -1, NULL);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return report(attack, 0, "child lost");
    return report(attack, 0,
                  WEXITSTATUS(status) == 10 ? "new user namespace" : "same user namespace");
}

static int exec_attack(const char *attack, char *program)
{
    char *argv[] = {program, "executed", NULL};
    int status;
    long pid, fd;

    fflush(stdout);
    if (!strcmp(attack, "execve"))
        return report(attack, syscall(SYS_execve, program, argv, environ), NULL);
    if (!strcmp(attack, "execveat"))
        return report(attack, syscall(SYS_execveat, AT_FDCWD, program, argv, environ, 0), NULL);
    if (!strcmp(attack, "execveat-fd")) {
        fd = syscall(SYS_openat, AT_FDCWD, program, O_RDONLY, 0);
        if (fd < 0)
            return 2;
        return report(attack, syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH), NULL);
    }
    /* A child's exec: the filter is inherited by fork and vfork. The child
     * passes the errno of its failed exec as its exit status. */
    pid = !strcmp(attack, "vfork-execve") ? vfork() : syscall(SYS_fork);
    if (pid == 0) {
        syscall(SYS_execve, program, argv, environ);
        _exit(errno);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return report(attack, -1, NULL);
    errno = WEXITSTATUS(status);
    return report(attack, errno ? -1 : 0, "child exec'd");
}

int main(int argc, char **argv)
{
    const char *a = argc > 1 ? argv[1] : "";

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && (!strcmp(a, "open") || !strcmp(a, "creat") || !strcmp(a, "openat") ||
                      !strcmp(a, "openat-hi") || !strcmp(a, "openat2")))
        return write_attack(a, argv[2]);
    if (argc == 2 && (!strcmp(a, "clone") || !strcmp(a, "clone-hi") || !strcmp(a, "clone3") ||
                      !strcmp(a, "clone3-plain") || !strcmp(a, "unshare")))
        return namespace_attack(a);
    if (argc == 3 && (!strcmp(a, "execve") || !strcmp(a, "execveat") || !strcmp(a, "execveat-fd") ||
                      !strcmp(a, "fork-execve") || !strcmp(a, "vfork-execve")))
        return exec_attack(a, argv[2]);
    fprintf(stderr, "usage: siblings ATTACK [ARG]\n");
    return 2;
}
