/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Four threads each write a line through a pipe the main thread reads back:
 * the program learn must follow across clone3/clone, futex and pipes. The
 * barrier makes every run wait on a futex, not only the slow ones. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS 4

static int pipefd[2];
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    char line[32];
    int n = snprintf(line, sizeof line, "thread %ld\n", (long)arg);

    pthread_barrier_wait(&barrier);

    if (write(pipefd[1], line, n) != n)
        return (void *)1;
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    char buf[256];
    size_t total = 0;
    ssize_t n;
    int failed = 0;

    if (pipe(pipefd) || pthread_barrier_init(&barrier, NULL, THREADS + 1))
        return 1;
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i))
            return 1;
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < THREADS; i++) {
        void *rc;
        pthread_join(t[i], &rc);
        failed |= rc != NULL;
    }
    close(pipefd[1]);
    while ((n = read(pipefd[0], buf + total, sizeof buf - 1 - total)) > 0)
        total += n;
    buf[total] = 0;
    /* Lines arrive in any order: print how many, which is deterministic. */
    int lines = 0;
    for (char *p = buf; (p = strchr(p, '\n')); p++)
        lines++;
    printf("%d threads wrote %d lines\n", THREADS, lines);
    return failed;
}
