/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Execs itself argv[1] times, keeping the environment (and so LD_PRELOAD and
 * the policy): the shim loads again at every level. At the bottom it prints
 * its seccomp mode and filter count, then calls uname, which the policy kills. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[8192], depth[16], *f;
    struct utsname u;
    FILE *status;
    size_t n;
    int left = argc > 1 ? atoi(argv[1]) : 0;

    if (left > 0) {
        snprintf(depth, sizeof depth, "%d", left - 1);
        execl("/proc/self/exe", argv[0], depth, (char *)NULL);
        perror("exec");
        return 1;
    }
    status = fopen("/proc/self/status", "r");
    n = status ? fread(buf, 1, sizeof buf - 1, status) : 0;
    buf[n] = 0;
    f = strstr(buf, "Seccomp:");
    printf("%.*s", f ? (int)strcspn(f, "\n") + 1 : 0, f ? f : "");
    f = strstr(buf, "Seccomp_filters:");
    printf("%.*s", f ? (int)strcspn(f, "\n") + 1 : 0, f ? f : "");
    fflush(stdout);
    uname(&u);
    printf("uname survived\n");
    return 0;
}
