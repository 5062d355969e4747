/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unsetenv("LD_PRELOAD") (and the policy and marker), then exec argv[1..]:
 * the child starts without the shim, but the kernel keeps the filter. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    unsetenv("LD_PRELOAD");
    unsetenv("SECCOMP_SHIM_POLICY");
    unsetenv("SECCOMP_SHIM_INI");
    unsetenv("SECCOMP_SHIM_ACTIVE");
    execv(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
