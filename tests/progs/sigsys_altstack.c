/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A program that outlives a trapped "kill" under explain = yes (a documented
 * limit): it calls uname with its stack pointer on an unmapped page, so the
 * kernel cannot push the SIGSYS frame for the shim's handler and raises
 * SIGSEGV instead, which the program's own handler, on an alternate stack,
 * catches. The trapped uname itself never runs. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static sigjmp_buf back;

static void on_segv(int sig)
{
    (void)sig;
    siglongjmp(back, 1);
}

int main(void)
{
    static char altstack[1 << 16];
    static struct utsname uts;
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    struct sigaction sa = {.sa_handler = on_segv, .sa_flags = SA_ONSTACK};
    long rc = SYS_uname;

    if (sigaltstack(&ss, NULL) || sigaction(SIGSEGV, &sa, NULL)) {
        perror("sigaltstack/sigaction");
        return 2;
    }
    if (sigsetjmp(back, 1)) {
        printf("survived uname: SIGSEGV caught, uts.sysname is \"%s\"\n", uts.sysname);
        return 0;
    }
    /* 0x10000 is below every mapping: the signal frame would go under it. */
    __asm__ volatile("mov %%rsp, %%r12\n\t"
                     "mov $0x10000, %%rsp\n\t"
                     "syscall\n\t"
                     "mov %%r12, %%rsp"
                     : "+a"(rc)
                     : "D"(&uts)
                     : "rcx", "r11", "r12", "memory");
    printf("uname returned %ld: %s\n", rc, uts.sysname);
    return 0;
}
