/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Verdicts of compiled filters, run through the engine's BPF interpreter:
 * small policies are compiled as the shim compiles them and each case says
 * what the filter must answer for one call (arch, nr, args). Also the
 * interpreter's refusals, the probe stamp, and the libseccomp miscompilation
 * the verifier must catch when compile.c's rewrite is off. Prints TAP. */
#define _GNU_SOURCE
#include "internal.h"
#include "seccomp-shim-bpf.h"
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <signal.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* From libseccomp-shim-guest.a (preload/guest.h is the guest's own). */
int ss_probe_stamp(struct ss_program *prog, struct ss_identity identity, struct ss_error *err);
void ss_explain_guard_program(struct ss_program *guard);
void ss_explain_guard_program_at(struct ss_program *guard, uint64_t reissue_ip);

#define X86_64   AUDIT_ARCH_X86_64
#define I386     AUDIT_ARCH_I386
#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))
#define KILL     SECCOMP_RET_KILL_PROCESS
#define ALLOW    SECCOMP_RET_ALLOW

struct call {
    uint32_t arch;
    int nr;
    uint64_t args[SS_MAX_ARGS];
    uint32_t want;
    unsigned line; /* the rule that decides (model); 0: the default or arch check */
};

struct tcase {
    const char *name;
    const char *policy;
    struct call calls[8];
};

#define ALLOW_ALL "[policy]\ndefault = allow\n[syscalls]\n"
#define KILL_ALL  "[policy]\ndefault = kill_process\n[syscalls]\n"

static const struct tcase cases[] = {
    {"32-bit rewrite: the upper half does not escape `arg0 == AF_INET`",
     ALLOW_ALL "socket = errno(EACCES) if arg0 == AF_INET\n",
     {{X86_64, 41, {2}, ERRNO(EACCES), 4},
      {X86_64, 41, {0x100000002ULL}, ERRNO(EACCES), 4},
      {X86_64, 41, {10}, ALLOW, 0}}},
    {"masked compare",
     ALLOW_ALL "mmap = kill_process if arg2 & PROT_EXEC == PROT_EXEC\n",
     {{X86_64, 9, {0, 0, 7}, KILL, 4},
      {X86_64, 9, {0, 0, 3}, ALLOW, 0},
      {X86_64, 9, {0, 0, 0xffffffff00000004ULL}, KILL, 4}}},
    {"group expansion",
     ALLOW_ALL "@aio = errno(ENOSYS)\n",
     {{X86_64, 206, {0}, ERRNO(ENOSYS), 4},
      {X86_64, 209, {0}, ERRNO(ENOSYS), 4},
      {X86_64, 39, {0}, ALLOW, 0}}},
    {"other architectures and x32 are killed; nr -1 gets the default",
     ALLOW_ALL "uname = errno(EPERM)\n",
     {{I386, 39, {0}, KILL, 0},
      {AUDIT_ARCH_AARCH64, 39, {0}, KILL, 0},
      {X86_64, 0x40000000 | 39, {0}, KILL, 0},
      {X86_64, 0x40000000 | 63, {0}, KILL, 0},
      {X86_64, -1, {0}, ALLOW, 0},
      {X86_64, 63, {0}, ERRNO(EPERM), 4}}},
    {"allow-list mmap ranges (libseccomp alone allows mmap(0, 0x10000, 7))",
     KILL_ALL "mmap = allow if arg1 <= 0x1000   && arg2 == PROT_READ|PROT_WRITE|PROT_EXEC\n"
              "mmap = allow if arg1 <= 0x100000 && arg2 == PROT_READ|PROT_WRITE\n",
     {{X86_64, 9, {0, 0x10000, 7}, KILL, 0},
      {X86_64, 9, {0, 0x1000, 7}, ALLOW, 4},
      {X86_64, 9, {0, 0x1001, 7}, KILL, 0},
      {X86_64, 9, {0, 0x100000, 3}, ALLOW, 5},
      {X86_64, 9, {0, 0x100001, 3}, KILL, 0},
      {X86_64, 9, {0, 0x100000000ULL, 3}, KILL, 0}}},
    {"deny-list mmap ranges (libseccomp alone allows mmap(7, 0x7ffffffe, ...))",
     ALLOW_ALL "mmap = errno(EPERM) if arg0 <= 0x7 && arg1 > 0x7fffffff\n"
               "mmap = errno(EPERM) if arg0 <= 0x100000\n"
               "mmap = errno(EPERM) if arg0 > 0xfffffff0 && arg1 >= 0x7fffffff\n",
     {{X86_64, 9, {7, 0x7ffffffe, 1}, ERRNO(EPERM), 5},
      {X86_64, 9, {7, 0x80000000, 1}, ERRNO(EPERM), 4},
      {X86_64, 9, {0x100001, 0}, ALLOW, 0},
      {X86_64, 9, {0xfffffff1, 0x7fffffff}, ERRNO(EPERM), 6},
      {X86_64, 9, {0xfffffff1, 0x7ffffffe}, ALLOW, 0}}},
    {"overlapping rules with different actions: the strictest applies",
     "[policy]\ndefault = errno(EPERM)\n[syscalls]\nwrite = allow\n"
     "socket = errno(EPERM) if arg1 & 0xf == SOCK_RAW\nsocket = allow if arg0 == AF_INET\n",
     {{X86_64, 41, {2, 3}, ERRNO(EPERM), 5},
      {X86_64, 41, {2, 1}, ALLOW, 6},
      {X86_64, 41, {10, 1}, ERRNO(EPERM), 0}}},
    {"explain: kill_process compiles to trap",
     "[policy]\ndefault = allow\nexplain = yes\n[syscalls]\nuname = kill_process\n",
     {{X86_64, 63, {0}, SECCOMP_RET_TRAP, 5}, {X86_64, 39, {0}, ALLOW, 0}}},
    {"!=, <, >= on 64-bit values",
     KILL_ALL "read = allow if arg0 != 3 && arg2 < 0x100000000\n"
              "read = allow if arg2 >= 0xffffffff00000000\n",
     {{X86_64, 0, {3, 0, 5}, KILL, 0},
      {X86_64, 0, {4, 0, 0xffffffff}, ALLOW, 4},
      {X86_64, 0, {4, 0, 0x100000000ULL}, KILL, 0},
      {X86_64, 0, {3, 0, 0xffffffff00000000ULL}, ALLOW, 5}}},
    {"explain = all: errno(E) traps carrying E, a kill traps with 0",
     "[policy]\ndefault = allow\nexplain = all\n[syscalls]\nuname = errno(EPERM)\n"
     "mkdir = kill_process\nsocket = errno(EACCES) if arg0 == AF_INET\n",
     {{X86_64, 63, {0}, SECCOMP_RET_TRAP | EPERM, 5},
      {X86_64, 83, {0}, SECCOMP_RET_TRAP, 6},
      {X86_64, 41, {2}, SECCOMP_RET_TRAP | EACCES, 7},
      {X86_64, 41, {10}, ALLOW, 0},
      {X86_64, 0, {0}, ALLOW, 0}}},
};

static int n, failed;

static void ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(bool cond, const char *fmt, ...)
{
    va_list ap;

    printf("%s %d - ", cond ? "ok" : "not ok", ++n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    failed += !cond;
}

static struct ss_program prog;

/* The options compile() uses (test_raw_libseccomp: libseccomp alone). */
static struct ss_compile_options options;

static struct ss_policy *compile(const char *text, struct ss_error *err)
{
    struct ss_policy *p = ss_policy_new(ss_arch_native());

    if (ss_parse_text(p, text, "<t>", err) || ss_compile_with(p, &options, &prog, err)) {
        ss_policy_free(p);
        return NULL;
    }
    return p;
}

static uint32_t run(uint32_t arch, int nr, const uint64_t *args)
{
    struct seccomp_data d = {.nr = nr, .arch = arch};
    struct ss_error err;
    uint32_t ret;

    memcpy(d.args, args, sizeof d.args);
    if (ss_bpf_run(&prog, &d, &ret, &err))
        return 0xdeadbeef;
    return ret;
}

static uint32_t run_at(uint64_t ip, int nr)
{
    struct seccomp_data d = {.nr = nr, .arch = X86_64, .instruction_pointer = ip};
    struct ss_error err;
    uint32_t ret;

    if (ss_bpf_run(&prog, &d, &ret, &err))
        return 0xdeadbeef;
    return ret;
}

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct tcase *t = &cases[i];
        struct ss_error err;
        struct ss_policy *p = compile(t->policy, &err);
        ok(p != NULL, "%s: compiles%s%s", t->name, p ? "" : ": ", p ? "" : err.msg);
        if (!p)
            continue;
        for (const struct call *c = t->calls; c->arch; c++) {
            struct seccomp_data d = {.nr = c->nr, .arch = c->arch};
            struct ss_verdict v;
            uint32_t got = run(c->arch, c->nr, c->args);
            memcpy(d.args, c->args, sizeof d.args);
            ss_policy_eval(p, &d, &v);
            ok(got == c->want && v.ret == c->want && (v.rule ? v.rule->where.line : 0) == c->line,
               "%s: nr %#x (%#llx, %#llx, %#llx): filter %#x, model %#x line %u, want %#x line %u",
               t->name, c->nr, (unsigned long long)c->args[0], (unsigned long long)c->args[1],
               (unsigned long long)c->args[2], got, v.ret, v.rule ? v.rule->where.line : 0, c->want,
               c->line);
        }
        ss_policy_free(p);
    }
}

/* Without the rewrite, libseccomp's own filters for the mmap examples are
 * wrong and the verifier must say so, naming the rules' lines. */
static void test_raw_libseccomp(void)
{
    struct ss_error err;
    struct ss_policy *p;

    options.libseccomp_only = true;
    p = compile(cases[4].policy, &err);
    ok(!p && strstr(err.msg, "rules for mmap at lines 4, 5") && err.line == 4,
       "raw libseccomp, allow-list: the verifier refuses it: %s", p ? "(accepted)" : err.msg);
    ss_policy_free(p);
    p = compile(cases[5].policy, &err);
    ok(!p && strstr(err.msg, "rules for mmap at lines 4, 5, 6"),
       "raw libseccomp, deny-list: the verifier refuses it: %s", p ? "(accepted)" : err.msg);
    ss_policy_free(p);
    options.libseccomp_only = false;
}

static void test_probe_stamp(void)
{
    const struct ss_identity id = {0x1122334455667788ULL, 0x99aabbccddeeff00ULL};
    struct ss_error err;
    struct ss_policy *p = compile(ALLOW_ALL "access = errno(EACCES)\n", &err);

    ok(p && ss_probe_stamp(&prog, id, &err) == 0, "probe stamp: stamped");
    ok(run(X86_64, 21, (uint64_t[6]){id.lo, SS_PROBE_MODE, id.hi}) == ERRNO(SS_PROBE_ERRNO),
       "probe stamp: access(identity.lo, SS_PROBE_MODE, identity.hi) answers the probe errno");
    ok(run(X86_64, 21, (uint64_t[6]){id.lo ^ 1ULL << 40, SS_PROBE_MODE, id.hi}) == ERRNO(EACCES),
       "probe stamp: another identity (upper half of the low word) gets the policy's answer");
    ok(run(X86_64, 21, (uint64_t[6]){id.lo, SS_PROBE_MODE, id.hi ^ 1}) == ERRNO(EACCES),
       "probe stamp: another identity (high word) gets the policy's answer");
    ok(run(X86_64, 21, (uint64_t[6]){id.lo, SS_PROBE_MODE, id.hi ^ 1ULL << 63}) == ERRNO(EACCES),
       "probe stamp: another identity (top bit of the high word) gets the policy's answer");
    ok(run(X86_64, 21, (uint64_t[6]){id.lo, 0, id.hi}) == ERRNO(EACCES),
       "probe stamp: another mode gets the policy's answer");
    ok(run(I386, 21, (uint64_t[6]){id.lo, SS_PROBE_MODE, id.hi}) == KILL,
       "probe stamp: i386 falls through to the policy's arch check");
    ok(run(X86_64, 39, (uint64_t[6]){0}) == ALLOW, "probe stamp: other syscalls unchanged");
    ss_policy_free(p);
}

/* explain's guard: rt_sigaction(SIGSYS, act) is skipped with a pretended
 * success (ERRNO(0): the kernel returns 0 and does nothing) unless act is NULL
 * or the call carries the shim's knock in its fifth argument. */
static void test_explain_guard(void)
{
    const uint64_t knock = 0x6e6c70786d696873ULL; /* "shimxpln", preload/explain.c */

    ss_explain_guard_program(&prog);
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0x1000}) == ERRNO(0),
       "explain guard: rt_sigaction(SIGSYS, act) is skipped, answering 0");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0x1000, 0x2000}) == ERRNO(0),
       "explain guard: ... also with oldact (not written: documented)");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS | 0x100000000ULL, 0x1000}) == ERRNO(0),
       "explain guard: ... also with the upper half of sig set (the kernel reads an int)");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0x100000000ULL}) == ERRNO(0),
       "explain guard: ... also with act's low half 0");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0}) == ALLOW,
       "explain guard: rt_sigaction(SIGSYS, NULL) only asks: allowed");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0x1000, 0, 8, knock}) == ALLOW,
       "explain guard: the shim's own call (the knock) is allowed");
    ok(run(X86_64, 13, (uint64_t[6]){SIGSYS, 0x1000, 0, 8, knock ^ 1ULL << 63}) == ERRNO(0),
       "explain guard: a knock with another upper half is skipped");
    ok(run(X86_64, 13, (uint64_t[6]){SIGINT, 0x1000}) == ALLOW,
       "explain guard: other signals are the policy's business");
    ok(run(I386, 13, (uint64_t[6]){SIGSYS, 0x1000}) == ALLOW,
       "explain guard: i386 calls pass to the policy's filter (which kills them)");

    /* The handler's re-issue of a trapped kill: from its one address, a kill
     * (a real kill record); from anywhere else, the policy's business. */
    ss_explain_guard_program_at(&prog, 0x7f0012345678ULL);
    ok(run_at(0x7f0012345678ULL, 63) == KILL,
       "explain guard: a call from the re-issue address is killed");
    ok(run_at(0x7f0012345678ULL, 13) == KILL, "explain guard: ... whatever the syscall");
    ok(run_at(0x7f0012345679ULL, 63) == ALLOW, "explain guard: another address: allowed");
    ok(run_at(0x7e0012345678ULL, 63) == ALLOW, "explain guard: another upper half: allowed");
    ok(run_at(0x12345678ULL, 63) == ALLOW, "explain guard: the lower half alone: allowed");
}

/* Hand-written programs: what the kernel's checker refuses, and the
 * instructions libseccomp never emits. */
static void test_interpreter(void)
{
    static const struct {
        const char *name;
        struct sock_filter insns[8];
        unsigned len;
        int rc;
        uint32_t ret;
    } progs[] = {
        {"jump past the end", {SS_LD_NR, SS_JEQ(1, 0, 1), SS_RET(ALLOW)}, 3, -1, 0},
        {"JA past the end", {SS_JA(1), SS_RET(ALLOW)}, 2, -1, 0},
        {"no return at the end", {SS_RET(ALLOW), SS_LD_NR}, 2, -1, 0},
        {"load outside seccomp_data", {SS_LD(64), SS_RET(ALLOW)}, 2, -1, 0},
        {"unaligned load", {SS_LD(2), SS_RET(ALLOW)}, 2, -1, 0},
        {"byte load", {BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), SS_RET(ALLOW)}, 2, -1, 0},
        {"scratch memory never written", {BPF_STMT(BPF_LD | BPF_MEM, 3), SS_RET(ALLOW)}, 2, -1, 0},
        {"division by constant zero",
         {BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0), SS_RET(ALLOW)},
         2,
         -1,
         0},
        {"empty program", {SS_RET(ALLOW)}, 0, -1, 0},
        {"memory, X register, ALU with X, RET A",
         {SS_LD_NR, BPF_STMT(BPF_ST, 2), BPF_STMT(BPF_LDX | BPF_MEM, 2),
          BPF_STMT(BPF_LD | BPF_IMM, 0x7fff0000), BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
          BPF_STMT(BPF_MISC | BPF_TAX, 0), BPF_STMT(BPF_MISC | BPF_TXA, 0),
          BPF_STMT(BPF_RET | BPF_A, 0)},
         8,
         0,
         0x7fff0000 + 39},
        {"JSET and JGE with X",
         {SS_LD_NR, BPF_STMT(BPF_LDX | BPF_IMM, 40), BPF_JUMP(BPF_JMP | BPF_JGE | BPF_X, 0, 2, 0),
          SS_JSET(0x7, 0, 1), SS_RET(ERRNO(1)), SS_RET(ERRNO(2))},
         6,
         0,
         ERRNO(1)},
    };
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        struct ss_program p = {.len = progs[i].len};
        struct seccomp_data d = {.nr = 39, .arch = X86_64};
        struct ss_error err;
        uint32_t ret = 0;
        int rc;
        memcpy(p.insns, progs[i].insns, sizeof progs[i].insns);
        rc = ss_bpf_run(&p, &d, &ret, &err);
        ok(rc == progs[i].rc && (rc || ret == progs[i].ret), "interpreter: %s (rc %d, ret %#x%s%s)",
           progs[i].name, rc, ret, rc ? ": " : "", rc ? err.msg : "");
    }
}

int main(void)
{
    test_cases();
    test_raw_libseccomp();
    test_probe_stamp();
    test_explain_guard();
    test_interpreter();
    printf("1..%d\n", n);
    return failed != 0;
}
