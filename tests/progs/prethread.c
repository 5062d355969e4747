/* Links libprethread.so (DT_NEEDED), whose constructor starts a thread before
 * the shim installs its filter. main lets the thread call uname; under a
 * policy that kills uname the whole process must die (TSYNC). */
#include <stdio.h>

void prethread_release(void);

int main(void)
{
    printf("main running\n");
    fflush(stdout);
    prethread_release();
    printf("main survived\n");
    return 0;
}
