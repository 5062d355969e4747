/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What bench runs under the policies it measures (no library of its own, so
 * the numbers are the filter's, not ours):
 *   child getppid N | child read N   N calls; prints the median ns per call
 *                                    of 9 batches
 *   child spawner                    reads a letter per line from stdin and
 *                                    spawns /bin/true: 'i' with this process's
 *                                    environment (an inherited policy), 'n'
 *                                    with LD_PRELOAD=$BENCH_NOOP instead, 'b'
 *                                    with no LD_PRELOAD, "p OBJECT" with
 *                                    LD_PRELOAD=OBJECT; prints ns per spawn
 * Run under Docker-like policies: it only reads, writes, spawns and waits. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCHES 9

extern char **environ;

static long long now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts); /* vDSO: no syscall */
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int loop(const char *what, long n)
{
    double per[BATCHES];
    long batch = n / BATCHES;
    int fd = open("/dev/zero", O_RDONLY);
    char c;

    if (fd < 0 || batch < 1)
        return 1;
    for (int b = 0; b < BATCHES; b++) {
        long long t0 = now_ns();
        if (what[0] == 'g') {
            for (long i = 0; i < batch; i++)
                syscall(SYS_getppid, 0); /* arg0 == 0 for the argument check */
        } else {
            for (long i = 0; i < batch; i++)
                if (read(fd, &c, 1) != 1)
                    return 1;
        }
        per[b] = (double)(now_ns() - t0) / batch;
    }
    qsort(per, BATCHES, sizeof per[0], cmp_double);
    printf("%.2f\n", per[BATCHES / 2]);
    return 0;
}

/* environ with LD_PRELOAD set to preload (NULL: removed). */
static char **with_preload(const char *preload)
{
    static char *env[512], var[4096];
    size_t n = 0;

    for (char **e = environ; *e && n < 510; e++)
        if (strncmp(*e, "LD_PRELOAD=", 11) != 0)
            env[n++] = *e;
    if (preload) {
        snprintf(var, sizeof var, "LD_PRELOAD=%s", preload);
        env[n++] = var;
    }
    env[n] = NULL;
    return env;
}

static int spawner(void)
{
    const char *noop = getenv("BENCH_NOOP");
    char *argv[] = {"/bin/true", NULL}, line[4096];

    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        char **env = line[0] == 'i'   ? environ
                     : line[0] == 'p' ? (line[strcspn(line, "\n")] = 0, with_preload(line + 2))
                                      : with_preload(line[0] == 'n' ? noop : NULL);
        long long t0 = now_ns();
        pid_t pid;
        int status;

        if (posix_spawn(&pid, argv[0], NULL, NULL, argv, env) || waitpid(pid, &status, 0) != pid ||
            status != 0) {
            printf("-1\n");
            continue;
        }
        printf("%lld\n", now_ns() - t0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && (strcmp(argv[1], "getppid") == 0 || strcmp(argv[1], "read") == 0))
        return loop(argv[1], atol(argv[2]));
    if (argc == 2 && strcmp(argv[1], "spawner") == 0)
        return spawner();
    fprintf(stderr, "usage: child getppid|read N | child spawner\n");
    return 2;
}
