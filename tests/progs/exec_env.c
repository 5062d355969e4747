/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* exec_env NAME=VALUE... -- PROGRAM ARG...: runs PROGRAM with exactly these
 * environment entries, duplicates kept (env(1) and the shells keep one of
 * each name), so that tests can hand a program a doubled variable. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int i = 1;

    while (i < argc && strcmp(argv[i], "--"))
        i++;
    if (i >= argc - 1) {
        fprintf(stderr, "usage: exec_env NAME=VALUE... -- PROGRAM ARG...\n");
        return 2;
    }
    argv[i] = NULL; /* argv[1..i-1] is the environment */
    execve(argv[i + 1], argv + i + 1, argv + 1);
    perror(argv[i + 1]);
    return 127;
}
