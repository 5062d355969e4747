/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* explain = yes: kill actions are compiled as SECCOMP_RET_TRAP and this
 * handler reports the syscall, then dies by SIGSYS as the kill would have.
 * It runs under the filter, so it only formats into a stack buffer, writes
 * once, and re-issues the trapped call with SIGSYS blocked: the kernel then
 * forces the default disposition and the process dies by SIGSYS.
 *
 * A trap is only as final as its handler. So that the program cannot install
 * a SIGSYS handler of its own and live on past a "kill", explain also stacks
 * a tiny guard filter that answers EPERM to rt_sigaction(SIGSYS, act != NULL)
 * unless the call carries SS_EXPLAIN_KNOCK in its fifth argument, which the
 * kernel ignores and only this file passes. Ignoring SIGSYS is refused the
 * same way; blocking it cannot be refused (seccomp cannot read the mask), but
 * then the kernel forces the default action: the process still dies by
 * SIGSYS, without the report. */
#define _GNU_SOURCE
#include "guest.h"
#include "raw_syscall.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

/* "shimxpln": the fifth argument of the shim's own rt_sigaction. */
#define SS_EXPLAIN_KNOCK 0x6e6c70786d696873ULL
/* ---- architecture-specific: registers and the signal return path ---- */
#if defined(__x86_64__)
#define SA_RESTORER_FLAG 0x04000000 /* x86_64 signal frames need a restorer */
#define ARG_REG(uc, i)                                                                             \
    ((uc)->uc_mcontext.gregs[(const int[]){REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9}[i]])
#elif defined(__aarch64__)
#define SA_RESTORER_FLAG 0 /* the kernel returns through the vDSO's sigreturn */
#define ARG_REG(uc, i)   ((uc)->uc_mcontext.regs[i])
#endif

/* The kernel's struct sigaction on x86_64 and aarch64 (glibc's differs). */
struct kernel_sigaction {
    void (*handler)(int, siginfo_t *, void *);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

/* The return path of a signal frame: glibc's own is not exported, and the
 * shim cannot use glibc's sigaction because it must pass the knock. */
void ss_explain_restorer(void) __attribute__((visibility("hidden")));
#if defined(__x86_64__)
__asm__(".pushsection .text\n"
        ".globl ss_explain_restorer\n"
        ".hidden ss_explain_restorer\n"
        ".type ss_explain_restorer, @function\n"
        "ss_explain_restorer:\n"
        "\tmovq $15, %rax\n" /* __NR_rt_sigreturn */
        "\tsyscall\n"
        ".size ss_explain_restorer, .-ss_explain_restorer\n"
        ".popsection\n");
#elif defined(__aarch64__)
__asm__(".pushsection .text\n"
        ".globl ss_explain_restorer\n"
        ".hidden ss_explain_restorer\n"
        ".type ss_explain_restorer, %function\n"
        "ss_explain_restorer:\n"
        "\tmov x8, #139\n" /* __NR_rt_sigreturn */
        "\tsvc #0\n"
        ".size ss_explain_restorer, .-ss_explain_restorer\n"
        ".popsection\n");
#endif
/* ---- end of the architecture-specific part ---- */

struct out {
    char buf[512];
    size_t n;
};

static void put(struct out *o, const char *s)
{
    while (*s && o->n < sizeof o->buf - 1)
        o->buf[o->n++] = *s++;
}

static void put_num(struct out *o, unsigned long long v, unsigned base)
{
    char digits[24];
    int i = sizeof digits - 1;

    digits[i] = 0;
    do {
        digits[--i] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (base == 16)
        put(o, "0x");
    put(o, digits + i);
}

/* Installed with SA_RESETHAND: from its first entry on, SIGSYS has its
 * default action again, and every path below ends the process. */
static void on_sigsys(int sig, siginfo_t *si, void *context)
{
    const ucontext_t *uc = context;
    unsigned long unblock = 1UL << (SIGSYS - 1);
    long long args[SS_MAX_ARGS];
    struct out o = {.n = 0};
    const char *name;

    if (si->si_code != SYS_SECCOMP) { /* not ours: die as if unhandled */
        ss_raw_syscall(SYS_tgkill, ss_raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0),
                       ss_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0);
        ss_raw_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&unblock, 0, sizeof unblock, 0, 0);
        ss_raw_syscall(SYS_exit_group, 128 + SIGSYS, 0, 0, 0, 0, 0);
    }
    for (int i = 0; i < SS_MAX_ARGS; i++)
        args[i] = (long long)ARG_REG(uc, i);
    name = ss_syscall_name(si->si_syscall);
    put(&o, "seccomp-shim: policy kills syscall ");
    put(&o, name ? name : "?");
    put(&o, "(");
    for (int i = 0; i < SS_MAX_ARGS; i++) {
        if (i)
            put(&o, ", ");
        put_num(&o, (unsigned long long)args[i], 16);
    }
    put(&o, ") [number ");
    put_num(&o, (unsigned)si->si_syscall, 10);
    put(&o, "]\n");
    ss_raw_syscall(SYS_write, 2, (long)o.buf, o.n, 0, 0, 0);
    ss_raw_syscall(si->si_syscall, args[0], args[1], args[2], args[3], args[4], args[5]);
    /* Unreachable unless the call was not trapped this time. */
    ss_raw_syscall(SYS_exit_group, 128 + SIGSYS, 0, 0, 0, 0, 0);
}

int ss_explain_arm(struct ss_error *err)
{
    struct kernel_sigaction sa = {
        .handler = on_sigsys,
        .flags = SA_SIGINFO | SA_RESETHAND | SA_RESTORER_FLAG,
        .restorer = ss_explain_restorer,
        .mask = 0,
    };

    long rc =
        ss_raw_syscall(SYS_rt_sigaction, SIGSYS, (long)&sa, 0, sizeof sa.mask, SS_EXPLAIN_KNOCK, 0);
    if (rc < 0)
        return ss_fail(err, (struct ss_where){0}, "cannot install the SIGSYS handler: %s",
                       strerror(-rc));
    return 0;
}

/* Labels of the guard, for the jump offsets. */
enum { L_KNOCK = 10, L_REFUSE = 14, L_ALLOW = 15 };

void ss_explain_guard_program(struct ss_program *guard)
{
    static const struct sock_filter insns[] = {
        /* 0 */ SS_LD_ARCH,
        /* 1 */ SS_JEQ(SS_AUDIT_ARCH_NATIVE, 0, SS_TO(L_ALLOW, 1)), /* other ABIs: the policy's
                                                                      filter kills them */
        /* 2 */ SS_LD_NR,
        /* 3 */ SS_JEQ(__NR_rt_sigaction, 0, SS_TO(L_ALLOW, 3)),
        /* 4 */ SS_LD_ARG_LO(0), /* the kernel reads sig as an int */
        /* 5 */ SS_JEQ(SIGSYS, 0, SS_TO(L_ALLOW, 5)),
        /* 6 */ SS_LD_ARG_LO(1),
        /* 7 */ SS_JEQ(0, 0, SS_TO(L_KNOCK, 7)),
        /* 8 */ SS_LD_ARG_HI(1),
        /* 9 */ SS_JEQ(0, SS_TO(L_ALLOW, 9), 0), /* act == NULL: only asks, allow */
        /* 10 */ SS_LD_ARG_LO(4),
        /* 11 */ SS_JEQ((uint32_t)SS_EXPLAIN_KNOCK, 0, SS_TO(L_REFUSE, 11)),
        /* 12 */ SS_LD_ARG_HI(4),
        /* 13 */ SS_JEQ((uint32_t)(SS_EXPLAIN_KNOCK >> 32), SS_TO(L_ALLOW, 13), 0),
        /* 14 */ SS_RET(SECCOMP_RET_ERRNO | EPERM),
        /* 15 */ SS_RET(SECCOMP_RET_ALLOW),
    };

    memcpy(guard->insns, insns, sizeof insns);
    guard->len = sizeof insns / sizeof insns[0];
}

int ss_explain_guard(struct ss_error *err)
{
    static struct ss_program guard;

    ss_explain_guard_program(&guard);
    return ss_install_filter(&guard, 0, err);
}
