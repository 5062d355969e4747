/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The classic first experiment: print the system's name with uname(2).
 * Under conf/deny-uname.ini it dies by SIGSYS before printing anything. */
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;

    if (uname(&u)) {
        perror("uname");
        return 1;
    }
    printf("%s\n", u.sysname);
    return 0;
}
