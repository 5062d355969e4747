/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Calls what a test run does not show: sethostname (a libc import) with
 * argument x, syscall(SYS_setdomainname) (a constant number) with y, and
 * the syscall instruction for SYS_acct with z; with u unshare(CLONE_NEWUSER),
 * with c clone(CLONE_NEWUSER) and with f a plain clone (a child that exits
 * at once), which a learned policy must refuse, refuse and allow; with r
 * chroot to a folder that does not exist (a mount-group call: refused); with s
 * sync_file_range on a closed descriptor (a call glibc lets a thread be
 * cancelled in). Prints what the call said:
 * EPERM without the capability, EINVAL (too long a name) or EFAULT (a bad
 * address) with it: the kernel refuses before changing anything, even for
 * root. Never a death by SIGSYS under a policy that allows them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(void *arg)
{
    (void)arg;
    return 0;
}

/* clone(2) with flags, the child exiting at once; its pid or -1. */
static int clone_child(int flags)
{
    static char stack[64 * 1024] __attribute__((aligned(16)));
    int pid = clone(child, stack + sizeof stack, flags | SIGCHLD, NULL);

    if (pid > 0)
        waitpid(pid, NULL, 0);
    return pid;
}

static long raw_acct(void)
{
    long ret;
    /* Bad address: the kernel refuses before any accounting starts. */
    __asm__ volatile("mov $163, %%eax\n\tsyscall" : "=a"(ret) : "D"(1L) : "rcx", "r11", "memory");
    return ret;
}

int main(int argc, char **argv)
{
    static char name[1000]; /* longer than any host name */
    int rc = 0;

    if (argc > 1 && !strcmp(argv[1], "x"))
        rc = sethostname(name, sizeof name);
    else if (argc > 1 && !strcmp(argv[1], "y"))
        rc = syscall(SYS_setdomainname, name, sizeof name);
    else if (argc > 1 && !strcmp(argv[1], "u"))
        rc = unshare(CLONE_NEWUSER);
    else if (argc > 1 && (!strcmp(argv[1], "c") || !strcmp(argv[1], "f")))
        rc = clone_child(argv[1][0] == 'c' ? CLONE_NEWUSER : 0) < 0 ? -1 : 0;
    else if (argc > 1 && !strcmp(argv[1], "r"))
        rc = chroot("/nonexistent/seccomp-shim-scan-rare");
    else if (argc > 1 && !strcmp(argv[1], "s"))
        rc = sync_file_range(-1, 0, 0, 0);
    else if (argc > 1 && !strcmp(argv[1], "z")) {
        long r = raw_acct();
        rc = r < 0 ? (errno = (int)-r, -1) : 0;
    }
    printf("rc=%d %s\n", rc, rc ? strerror(errno) : "");
    return 0;
}
