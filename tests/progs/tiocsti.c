/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Pushes TEXT into the terminal on standard input, a byte at a time with
 * ioctl(0, TIOCSTI, &c), as an attacker does to have the shell that started
 * it run a line after it exits; or (--linux) asks TIOCLINUX for the shift
 * state. --high sets the upper 32 bits of the command, which the kernel
 * drops (its ioctl command is an unsigned int). Says on stderr what it got. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    unsigned long high = 0;
    int linux_cmd = 0, i = 1;
    long rc = 0;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--high"))
            high = 0x100000000UL;
        else if (!strcmp(argv[i], "--linux"))
            linux_cmd = 1;
    }
    if (linux_cmd) {
        char subcode = 6; /* TIOCL_GETSHIFTSTATE */
        rc = syscall(SYS_ioctl, 0, high | TIOCLINUX, &subcode);
    } else {
        for (const char *c = i < argc ? argv[i] : ""; *c && rc == 0; c++)
            rc = syscall(SYS_ioctl, 0, high | TIOCSTI, c);
    }
    fprintf(stderr, "%s: %s\n", linux_cmd ? "TIOCLINUX" : "TIOCSTI",
            rc == 0 ? "done" : strerror(errno));
    return rc == 0 ? 0 : 1;
}
