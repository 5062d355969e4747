/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A library whose constructor starts a thread before the shim's constructor
 * runs (ld.so initialises a program's DT_NEEDED libraries before the
 * preloaded shim). The thread waits until main releases it, prints its own
 * seccomp mode, then calls uname. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int gate[2];
static pthread_t thread;

static void *worker(void *unused)
{
    char buf[4096], *field;
    char uts[512];
    ssize_t n;
    int fd;

    (void)unused;
    if (read(gate[0], buf, 1) != 1)
        return NULL;
    fd = open("/proc/thread-self/status", O_RDONLY);
    n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    buf[n > 0 ? n : 0] = 0;
    field = strstr(buf, "\nSeccomp:");
    printf("thread seccomp mode %c\n", field ? field[10] : '?');
    fflush(stdout);
    syscall(SYS_uname, uts);
    printf("thread survived uname\n");
    fflush(stdout);
    return NULL;
}

__attribute__((constructor)) static void start_thread(void)
{
    if (pipe(gate) == 0)
        pthread_create(&thread, NULL, worker, NULL);
}

__attribute__((visibility("default"))) void prethread_release(void)
{
    if (write(gate[1], "", 1) != 1)
        return;
    pthread_join(thread, NULL);
}
