/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Linked with -static (see the Makefile): LD_PRELOAD cannot reach it, so
 * `seccomp-shim run` must refuse it and `run --direct` must filter it. */
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;

    if (uname(&u) != 0) {
        perror("uname");
        return 1;
    }
    printf("static uname: %s\n", u.sysname);
    return 0;
}
