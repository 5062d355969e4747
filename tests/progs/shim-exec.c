/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A stand-in for `seccomp-shim run --direct` in the tests: run it as
 *   SECCOMP_SHIM_POLICY=FILE LD_PRELOAD=libseccomp-shim.so shim-exec CMD [ARGS...]
 * The shim installs the policy in this launcher; it then drops the shim's
 * variables (no syscall) and execs CMD, so CMD runs under the policy from its
 * exec on, dynamic loader included, without the shim inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: shim-exec CMD [ARGS...]\n", stderr);
        return 2;
    }
    unsetenv("LD_PRELOAD");
    unsetenv("SECCOMP_SHIM_POLICY");
    unsetenv("SECCOMP_SHIM_INI");
    unsetenv("SECCOMP_SHIM_ACTIVE");
    execvp(argv[1], argv + 1); /* like run --direct: PATH search, execve only */
    perror(argv[1]);
    return 127;
}
