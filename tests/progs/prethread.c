/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Links libprethread.so (DT_NEEDED), whose constructor starts a thread before
 * the shim installs its filter. main lets the thread call uname; under a
 * policy that kills uname the whole process must die (TSYNC).
 * PRETHREAD_RELEASE_FIRST: main releases the thread before printing, so that
 * under strict mode (main dies at its first syscall but read and write) the
 * thread's output shows whether it ran unconfined. */
#include <stdio.h>
#include <stdlib.h>

void prethread_release(void);

int main(void)
{
    if (getenv("PRETHREAD_RELEASE_FIRST"))
        prethread_release();
    printf("main running\n");
    fflush(stdout);
    prethread_release();
    printf("main survived\n");
    return 0;
}
