/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* explain = yes: kill actions are compiled as SECCOMP_RET_TRAP and this
 * handler reports the syscall, then dies by SIGSYS as the kill would have.
 * It runs under the filter, so it only formats into a stack buffer, writes
 * once, and re-issues the trapped call with SIGSYS blocked: the kernel then
 * forces the default disposition and the process dies by SIGSYS.
 *
 * A trap is only as final as its handler. So that the program cannot install
 * a SIGSYS handler of its own and live on past a "kill", explain also stacks
 * a tiny guard filter that skips rt_sigaction(SIGSYS, act != NULL) unless the
 * call carries SS_EXPLAIN_KNOCK in its fifth argument, which the kernel
 * ignores and only this file passes. The skipped call returns 0 (ERRNO(0)):
 * an error would change programs that are never killed (libuv resets every
 * signal to SIG_DFL before exec and gives up on any error), while pretending
 * success leaves the handler in place, which is what a reset to SIG_DFL
 * means for a process whose kills end in SIGSYS anyway. The kernel does not
 * write oldact then: a program reading it gets its own buffer unchanged.
 * Ignoring SIGSYS is skipped the same way; blocking it cannot be (seccomp
 * cannot read the mask), but then the kernel forces the default action: the
 * process still dies by SIGSYS, without the report. */
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

/* The handler's last call: the trapped syscall again, from the one place the
 * guard knows (ss_explain_reissue_ip is the address after its `syscall`,
 * which the kernel reports as instruction_pointer). The guard answers a call
 * from there with SECCOMP_RET_KILL_PROCESS: the kernel writes a real kill
 * record (the trapped syscall's number, SIGSYS) for `audit`, and kills.
 * Arguments as a C call passes them: nr, then the six arguments. */
long ss_explain_reissue(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
    __attribute__((visibility("hidden")));
extern const char ss_explain_reissue_ip[] __attribute__((visibility("hidden")));
#if defined(__x86_64__)
__asm__(".pushsection .text\n"
        ".globl ss_explain_reissue\n"
        ".hidden ss_explain_reissue\n"
        ".type ss_explain_reissue, @function\n"
        "ss_explain_reissue:\n"
        "\tmovq %rdi, %rax\n"
        "\tmovq %rsi, %rdi\n"
        "\tmovq %rdx, %rsi\n"
        "\tmovq %rcx, %rdx\n"
        "\tmovq %r8, %r10\n"
        "\tmovq %r9, %r8\n"
        "\tmovq 8(%rsp), %r9\n"
        "\tsyscall\n"
        ".globl ss_explain_reissue_ip\n"
        ".hidden ss_explain_reissue_ip\n"
        "ss_explain_reissue_ip:\n"
        "\tret\n"
        ".size ss_explain_reissue, .-ss_explain_reissue\n"
        ".popsection\n");
#elif defined(__aarch64__)
__asm__(".pushsection .text\n"
        ".globl ss_explain_reissue\n"
        ".hidden ss_explain_reissue\n"
        ".type ss_explain_reissue, %function\n"
        "ss_explain_reissue:\n"
        "\tmov x8, x0\n"
        "\tmov x0, x1\n"
        "\tmov x1, x2\n"
        "\tmov x2, x3\n"
        "\tmov x3, x4\n"
        "\tmov x4, x5\n"
        "\tmov x5, x6\n"
        "\tsvc #0\n"
        ".globl ss_explain_reissue_ip\n"
        ".hidden ss_explain_reissue_ip\n"
        "ss_explain_reissue_ip:\n" /* the pc the kernel reports: after svc */
        "\tret\n"
        ".size ss_explain_reissue, .-ss_explain_reissue\n"
        ".popsection\n");
#endif

struct out {
    char buf[1536];
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

/* What decided the kill and the line that would allow it (explain_table.c).
 * A kill rule outranks an added allow line (the strictest match wins): then
 * the report names the line to change. */
/* Value v of argument i of nr as the line to add writes it: its constant's
 * name when the decoder gives one name alone (AF_INET, TCGETS), else the
 * number. */
static void put_value(struct out *o, int nr, unsigned i, unsigned long long v)
{
    char text[64];
    size_t n = ss_explain_arg(text, sizeof text, nr, i, v, false);
    bool one_name = n > 0 && n < sizeof text - 1 && text[0] >= 'A' && text[0] <= 'Z';

    for (size_t k = 0; k < n && one_name; k++)
        one_name = (text[k] >= 'A' && text[k] <= 'Z') || (text[k] >= '0' && text[k] <= '9') ||
                   text[k] == '_';
    if (one_name)
        put(o, text);
    else
        put_num(o, v, v < 4096 ? 10 : 16);
}

static void report_decider(struct out *o, int nr, const char *name, bool refused_errno,
                           const long long *args)
{
    unsigned checked = ss_explain_checked_args(nr);
    bool by_rule;
    const char *decider = ss_explain_decider(nr, refused_errno, &by_rule);

    put(o, "seccomp-shim:   decided by ");
    put(o,
        decider
            ? decider
            : "a policy whose lines this process does not know (compiled, or installed before an "
              "exec)");
    put(o, by_rule ? "\nseccomp-shim:   to allow it, in place of that line: "
           : decider
               ? "\nseccomp-shim:   to allow it, add to [syscalls]: "
               : "\nseccomp-shim:   to allow it (added, or in place of a rule that refuses it): ");
    put(o, name ? name : "?");
    put(o, " = allow");
    /* The policy allows this syscall for some values of these arguments:
     * add this call's values, not the whole syscall (issue 19). */
    for (unsigned i = 0, first = 1; decider && !by_rule && i < SS_MAX_ARGS; i++)
        if (checked & 1u << i) {
            put(o, first ? " if arg" : " && arg");
            put_num(o, i, 10);
            put(o, " == ");
            put_value(o, nr, i, (unsigned long long)args[i]);
            first = 0;
        }
    put(o, "\n");
}

/* SIGSYS back to its default action; 0 or -errno. If the policy refuses
 * rt_sigaction, the refusal is a trap while SIGSYS is blocked (we are in its
 * handler): the kernel then kills by SIGSYS, which is what the caller wants. */
static long default_sigsys(void)
{
    struct kernel_sigaction dfl = {.flags = SA_RESTORER_FLAG, .restorer = ss_explain_restorer};

    return ss_raw_syscall(SYS_rt_sigaction, SIGSYS, (long)&dfl, 0, sizeof dfl.mask,
                          SS_EXPLAIN_KNOCK, 0);
}

/* explain = all: the trapped call returns -e, as errno(e) would have
 * answered it (the kernel skipped it; rt_sigreturn restores the registers). */
static void answer_errno(ucontext_t *uc, unsigned e)
{
#if defined(__x86_64__)
    uc->uc_mcontext.gregs[REG_RAX] = -(long long)e;
#elif defined(__aarch64__)
    uc->uc_mcontext.regs[0] = -(long long)e;
#endif
}

/* A kill traps with data 0; explain = all's errno(E) traps with E, which the
 * kernel passes as si_errno (engine/compile.c). Not SA_RESETHAND: an errno
 * refusal returns and the next trap needs the handler. A kill still ends the
 * process: the handler re-issues the call with SIGSYS blocked (as it is while
 * its handler runs), and the kernel forces the default action. */
static void on_sigsys(int sig, siginfo_t *si, void *context)
{
    ucontext_t *uc = context;
    unsigned refused_errno = si->si_code == SYS_SECCOMP ? (unsigned)si->si_errno : 0;
    unsigned long unblock = 1UL << (SIGSYS - 1);
    long long args[SS_MAX_ARGS];
    struct out o = {.n = 0};
    const char *name;
    char arg[256];
    bool can_read;

    if (si->si_code != SYS_SECCOMP) { /* not ours: die as if unhandled */
        if (default_sigsys() < 0)
            ss_raw_syscall(SYS_exit_group, 128 + SIGSYS, 0, 0, 0, 0, 0);
        ss_raw_syscall(SYS_tgkill, ss_raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0),
                       ss_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0);
        ss_raw_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&unblock, 0, sizeof unblock, 0, 0);
        ss_raw_syscall(SYS_exit_group, 128 + SIGSYS, 0, 0, 0, 0, 0);
    }
    for (int i = 0; i < SS_MAX_ARGS; i++)
        args[i] = (long long)ARG_REG(uc, i);
    name = ss_syscall_name(si->si_syscall);
    put(&o, refused_errno ? "seccomp-shim: policy refuses syscall "
                          : "seccomp-shim: policy kills syscall ");
    put(&o, name ? name : "?");
    put(&o, "(");
    can_read = ss_explain_can_read();
    for (int i = 0; i < SS_MAX_ARGS; i++) {
        if (i)
            put(&o, ", ");
        if (ss_explain_arg(arg, sizeof arg, si->si_syscall, i, args[i], can_read))
            put(&o, arg);
        else
            put_num(&o, (unsigned long long)args[i], 16);
    }
    put(&o, ") [number ");
    put_num(&o, (unsigned)si->si_syscall, 10);
    put(&o, "]");
    if (refused_errno) {
        put(&o, " with errno ");
        put_num(&o, refused_errno, 10);
    }
    put(&o, "\n");
    report_decider(&o, si->si_syscall, name, refused_errno != 0, args);
    ss_raw_syscall(SYS_write, 2, (long)o.buf, o.n, 0, 0, 0);
    if (refused_errno) {
        answer_errno(uc, refused_errno);
        return;
    }
    /* The guard kills it (a kill record); in an exec'd child, whose guard
     * knows its parent's address, the policy traps it again while SIGSYS is
     * blocked, and the kernel kills by SIGSYS without a record. */
    ss_explain_reissue(si->si_syscall, args[0], args[1], args[2], args[3], args[4], args[5]);
    /* Unreachable unless the call was not trapped this time. */
    ss_raw_syscall(SYS_exit_group, 128 + SIGSYS, 0, 0, 0, 0, 0);
}

int ss_explain_arm(struct ss_error *err)
{
    struct kernel_sigaction sa = {
        .handler = on_sigsys,
        .flags = SA_SIGINFO | SA_RESTORER_FLAG,
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
enum { L_NR = 7, L_KNOCK = 15, L_SKIP = 19, L_ALLOW = 20, L_KILL = 21 };

void ss_explain_guard_program_at(struct ss_program *guard, uint64_t reissue_ip)
{
    const struct sock_filter insns[] = {
        /* 0 */ SS_LD_ARCH,
        /* 1 */ SS_JEQ(SS_AUDIT_ARCH_NATIVE, 0, SS_TO(L_ALLOW, 1)), /* other ABIs: the policy's
                                                                      filter kills them */
        /* 2 */ SS_LD(offsetof(struct seccomp_data, instruction_pointer)),
        /* 3 */ SS_JEQ((uint32_t)reissue_ip, 0, SS_TO(L_NR, 3)),
        /* 4 */ SS_LD(offsetof(struct seccomp_data, instruction_pointer) + 4),
        /* 5 */ SS_JEQ((uint32_t)(reissue_ip >> 32), 0, SS_TO(L_NR, 5)),
        /* 6 */ SS_JA(SS_TO(L_KILL, 6)), /* the handler's last call: a real kill */
        /* 7 */ SS_LD_NR,
        /* 8 */ SS_JEQ(__NR_rt_sigaction, 0, SS_TO(L_ALLOW, 8)),
        /* 9 */ SS_LD_ARG_LO(0), /* the kernel reads sig as an int */
        /* 10 */ SS_JEQ(SIGSYS, 0, SS_TO(L_ALLOW, 10)),
        /* 11 */ SS_LD_ARG_LO(1),
        /* 12 */ SS_JEQ(0, 0, SS_TO(L_KNOCK, 12)),
        /* 13 */ SS_LD_ARG_HI(1),
        /* 14 */ SS_JEQ(0, SS_TO(L_ALLOW, 14), 0), /* act == NULL: only asks, allow */
        /* 15 */ SS_LD_ARG_LO(4),
        /* 16 */ SS_JEQ((uint32_t)SS_EXPLAIN_KNOCK, 0, SS_TO(L_SKIP, 16)),
        /* 17 */ SS_LD_ARG_HI(4),
        /* 18 */ SS_JEQ((uint32_t)(SS_EXPLAIN_KNOCK >> 32), SS_TO(L_ALLOW, 18), 0),
        /* 19 */ SS_RET(SECCOMP_RET_ERRNO | 0), /* skipped, "success": see the top */
        /* 20 */ SS_RET(SECCOMP_RET_ALLOW),
        /* 21 */ SS_RET(SECCOMP_RET_KILL_PROCESS),
    };

    memcpy(guard->insns, insns, sizeof insns);
    guard->len = sizeof insns / sizeof insns[0];
}

void ss_explain_guard_program(struct ss_program *guard)
{
    ss_explain_guard_program_at(guard, (uint64_t)(uintptr_t)ss_explain_reissue_ip);
}

int ss_explain_guard(struct ss_error *err)
{
    static struct ss_program guard;

    ss_explain_guard_program(&guard);
    return ss_install_filter(&guard, 0, err);
}
