/* explain = yes: kill actions are compiled as SECCOMP_RET_TRAP and this
 * handler reports the syscall, then dies by SIGSYS as the kill would have.
 * It runs under the filter, so it only formats into a stack buffer, writes
 * once, and re-issues the trapped call with SIGSYS blocked: the kernel then
 * forces the default disposition and the process dies by SIGSYS. */
#define _GNU_SOURCE
#include "policy_internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

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

static void on_sigsys(int sig, siginfo_t *si, void *context)
{
    static const int regs[SS_MAX_ARGS] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
    const ucontext_t *uc = context;
    long long args[SS_MAX_ARGS];
    struct out o = {.n = 0};
    int saved = errno;
    const char *name;

    (void)sig;
    if (si->si_code != SYS_SECCOMP) { /* not ours: behave as if unhandled */
        signal(SIGSYS, SIG_DFL);
        raise(SIGSYS);
        errno = saved;
        return;
    }
    for (int i = 0; i < SS_MAX_ARGS; i++)
        args[i] = uc->uc_mcontext.gregs[regs[i]];
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
    syscall(SYS_write, 2, o.buf, o.n);
    syscall(si->si_syscall, args[0], args[1], args[2], args[3], args[4], args[5]);
    /* Unreachable unless the call was not trapped this time. */
    syscall(SYS_exit_group, 128 + SIGSYS);
}

int ss_explain_arm(struct ss_error *err)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSYS, &sa, NULL))
        return ss_fail(err, (struct ss_where){0}, "cannot install the SIGSYS handler: %s",
                       strerror(errno));
    return 0;
}

int ss_policy_enable_explain(struct ss_policy *p, struct ss_error *err)
{
    static const char why[] = "trap cannot be used with explain (explain needs SIGSYS itself)";

    if (p->mode == SS_MODE_STRICT)
        return ss_fail(err, p->mode_where,
                       "explain does not apply to strict mode: its kills are SIGKILL, which "
                       "nothing can report");
    if (p->default_action.kind == SS_ACT_TRAP)
        return ss_fail(err, p->default_where, "%s", why);
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].action.kind == SS_ACT_TRAP)
            return ss_fail(err, p->rules[i].where, "%s", why);
    p->explain = true;
    return 0;
}
