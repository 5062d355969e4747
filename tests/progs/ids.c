/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Prints real and effective uid, and no_new_privs; then calls uname unless
 * argv[1] is "quiet". Made setuid-root by a test: under the shim it must gain
 * nothing and stay filtered. */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct utsname u;

    printf("ruid=%d euid=%d nnp=%d\n", (int)getuid(), (int)geteuid(),
           prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    fflush(stdout);
    if (argc > 1 && !strcmp(argv[1], "quiet"))
        return 0;
    uname(&u);
    printf("uname survived\n");
    return 0;
}
