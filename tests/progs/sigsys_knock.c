/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A program that knows explain's knock (preload/explain.c: it is public)
 * installs its own SIGSYS handler past the guard, then calls uname, which the
 * policy kills. Under explain the kill is a trap, so it lives on (a limit
 * SECURITY.md states; the refused uname still never runs); without explain
 * it dies by SIGSYS. x86_64 only, as the shim's explain is tested here. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <ucontext.h>
#include <unistd.h>

struct kernel_sigaction {
    void (*handler)(int, siginfo_t *, void *);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

void knock_restorer(void);
__asm__(".text\nknock_restorer:\n\tmovq $15, %rax\n\tsyscall\n");

static void on_sigsys(int sig, siginfo_t *si, void *context)
{
    ucontext_t *uc = context;

    (void)sig, (void)si;
    uc->uc_mcontext.gregs[REG_RAX] = -1; /* the refused call "fails" */
}

int main(void)
{
    struct kernel_sigaction sa = {on_sigsys, SA_SIGINFO | 0x04000000, knock_restorer, 0};
    struct utsname u = {0};
    long rc = syscall(SYS_rt_sigaction, SIGSYS, &sa, 0, 8, 0x6e6c70786d696873ULL);

    printf("rt_sigaction: %ld\n", rc);
    fflush(stdout);
    rc = syscall(SYS_uname, &u);
    printf("survived uname: %ld, sysname \"%s\"\n", rc, u.sysname);
    return 0;
}
