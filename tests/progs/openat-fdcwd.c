/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Calls openat(AT_FDCWD, ".", O_RDONLY) through syscall() with the directory
 * argument passed three ways: as an int, sign-extended to 64 bits and
 * zero-extended to 64 bits, and once with a real directory descriptor. The
 * kernel takes all three AT_FDCWD forms as AT_FDCWD (the argument is an int),
 * so a policy condition `arg0 == AT_FDCWD` must match all three.
 * Prints one word per call: "ok" or the errno name. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(const char *what, long rc)
{
    printf("%s:%s\n", what, rc >= 0 ? "ok" : strerrorname_np(errno));
}

int main(void)
{
    int fdcwd = AT_FDCWD;
    int dir =
        syscall(SYS_open, "/", O_RDONLY | O_DIRECTORY); /* not openat: the policy may refuse it */

    if (dir < 0)
        return 2;
    report("int", syscall(SYS_openat, fdcwd, ".", O_RDONLY));
    report("sign-extended", syscall(SYS_openat, (long)fdcwd, ".", O_RDONLY));
    report("zero-extended", syscall(SYS_openat, (long)(unsigned)fdcwd, ".", O_RDONLY));
    report("dirfd", syscall(SYS_openat, (long)dir, ".", O_RDONLY));
    return 0;
}
