/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kill_process must end every thread. Four threads write heartbeats; one of
 * them then calls uname. If only that thread died (kill_thread), main would
 * go on and print "main survived" after its wait. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t all_alive;

static void *beat(void *arg)
{
    long id = (long)arg;
    char uts[512];

    printf("thread %ld alive\n", id);
    fflush(stdout);
    /* Every thread is running before the kill, however loaded the machine. */
    pthread_barrier_wait(&all_alive);
    if (id == 3)
        syscall(SYS_uname, uts);
    for (;;)
        pause();
    return NULL;
}

int main(void)
{
    pthread_t t[4];

    pthread_barrier_init(&all_alive, NULL, 4);
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, beat, (void *)i);
    sleep(2); /* only a bound: the kill normally ends us long before */
    printf("main survived\n");
    return 0;
}
