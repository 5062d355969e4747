/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Cross-architecture verdicts, with no aarch64 hardware: each policy (the
 * files named on the command line and the ones below) is compiled for x86_64
 * and for aarch64 and run through the engine's BPF interpreter.
 *  - the aarch64 filter agrees with the policy model for every aarch64
 *    syscall number, at the boundary values of every condition, and kills
 *    the calls of every other architecture;
 *  - the x86_64 and aarch64 filters give each syscall both have the same
 *    action (a legacy one aarch64 lacks, mkdir, is the lint's business);
 *  - symbolic constants resolve to each target's value (O_DIRECTORY);
 *  - rules for names a target lacks warn on that target, naming its form.
 * Prints TAP. */
#define _GNU_SOURCE
#include "internal.h"

#include <linux/audit.h>
#include <seccomp.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static unsigned tests, failed;

static void ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(bool cond, const char *fmt, ...)
{
    va_list ap;

    printf("%sok %u - ", cond ? "" : "not ", ++tests);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    failed += !cond;
}

static const enum ss_arch targets[] = {SS_ARCH_X86_64, SS_ARCH_AARCH64};

struct compiled {
    struct ss_policy *p;
    struct ss_program prog;
};

static struct compiled both[2];

static int load(enum ss_arch a, const char *name, const char *path, const char *text,
                struct compiled *c)
{
    struct ss_error err = {0};
    char msg[900];

    c->p = ss_policy_new(a);
    if (!c->p || (path ? ss_parse_file(c->p, path, &err) : ss_parse_text(c->p, text, name, &err)) ||
        (c->p->mode == SS_MODE_FILTER && ss_compile(c->p, &c->prog, &err))) {
        ok(false, "%s: compiles and verifies for %s: %s", name, ss_arch_name(a),
           ss_error_format(&err, msg, sizeof msg));
        return -1;
    }
    ok(true, "%s: compiles and verifies for %s", name, ss_arch_name(a));
    return 0;
}

static uint32_t run(const struct compiled *c, uint32_t arch, int nr, const uint64_t *args)
{
    struct seccomp_data d = {.nr = nr, .arch = arch};
    struct ss_error err;
    uint32_t ret = 0;

    memcpy(d.args, args, sizeof d.args);
    if (ss_bpf_run(&c->prog, &d, &ret, &err))
        return 0xdeadbeef;
    return ret;
}

/* Filter and model on one call; counts and names the first disagreements. */
static void agree(const struct compiled *c, uint32_t arch, int nr, const uint64_t *args,
                  unsigned *bad)
{
    struct seccomp_data d = {.nr = nr, .arch = arch};
    struct ss_verdict v;
    uint32_t got;

    memcpy(d.args, args, sizeof d.args);
    got = run(c, arch, nr, args);
    ss_policy_eval(c->p, &d, &v);
    if (got != v.ret && (*bad)++ < 3)
        printf("# arch %#x nr %d args %#llx %#llx %#llx: filter %#x, model %#x\n", arch, nr,
               (unsigned long long)args[0], (unsigned long long)args[1],
               (unsigned long long)args[2], got, v.ret);
}

/* Every aarch64 syscall number at the boundaries of every condition. */
static void sweep(const char *name, const struct compiled *c)
{
    static const uint32_t others[] = {AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_ARM};
    unsigned bad = 0, calls = 0;

    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        uint64_t args[SS_MAX_ARGS] = {0};
        agree(c, AUDIT_ARCH_AARCH64, nr, args, &bad);
        calls++;
        for (size_t i = 0; i < c->p->nrules; i++) {
            const struct ss_rule *r = &c->p->rules[i];
            uint64_t all[SS_MAX_ARGS] = {0};
            if (r->nr != nr)
                continue;
            for (unsigned k = 0; k < r->ncond; k++) {
                const struct ss_cond *cd = &r->cond[k];
                const uint64_t values[] = {cd->value - 1,
                                           cd->value,
                                           cd->value + 1,
                                           cd->value | ~cd->mask,
                                           cd->value | 1ULL << 32,
                                           (uint32_t)cd->value,
                                           ~0ULL};
                all[cd->arg] = cd->op == SS_OP_NE ? cd->value + 1 : cd->value;
                for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
                    memset(args, 0, sizeof args);
                    args[cd->arg] = values[j];
                    agree(c, AUDIT_ARCH_AARCH64, nr, args, &bad);
                    calls++;
                }
            }
            agree(c, AUDIT_ARCH_AARCH64, nr, all, &bad); /* every condition of r at once */
            calls++;
        }
    }
    for (size_t a = 0; a < sizeof others / sizeof others[0]; a++)
        for (int nr = 0; nr < 500; nr += 7) {
            uint64_t args[SS_MAX_ARGS] = {0};
            agree(c, others[a], nr, args, &bad);
            bad += run(c, others[a], nr, args) != SECCOMP_RET_KILL_PROCESS;
        }
    ok(bad == 0,
       "%s: the aarch64 filter agrees with the model on %u aarch64 calls and kills "
       "x86_64, i386 and arm calls (%u disagreements)",
       name, calls, bad);
}

/* The same action for each syscall on both targets, arguments 0. */
static void same_actions(const char *name)
{
    static const uint64_t zero[SS_MAX_ARGS];
    unsigned bad = 0, compared = 0;

    for (int x = 0; x < SS_SYSCALL_SLOTS; x++) {
        char sys[64];
        int a;
        const char *what;
        if (!(what = ss_syscall_name_arch(SS_ARCH_X86_64, x)))
            continue;
        snprintf(sys, sizeof sys, "%s", what);
        /* A legacy syscall aarch64 lacks (creat) may rightly differ from
         * the form aarch64 has (openat, which also reads): the lint
         * covers those (warn_skipped). */
        if ((a = ss_syscall_lookup_arch(SS_ARCH_AARCH64, sys, NULL, NULL)) < 0)
            continue;
        compared++;
        if (run(&both[0], AUDIT_ARCH_X86_64, x, zero) !=
                run(&both[1], AUDIT_ARCH_AARCH64, a, zero) &&
            bad++ < 5) {
            printf("# %s: x86_64 %s (%d) -> %#x, aarch64 %s (%d) -> %#x\n", name, sys, x,
                   run(&both[0], AUDIT_ARCH_X86_64, x, zero),
                   ss_syscall_name_arch(SS_ARCH_AARCH64, a), a,
                   run(&both[1], AUDIT_ARCH_AARCH64, a, zero));
        }
    }
    ok(bad == 0, "%s: x86_64 and aarch64 filters give the same action to %u syscalls (%u differ)",
       name, compared, bad);
}

static void check_policy(const char *name, const char *path, const char *text)
{
    if (load(SS_ARCH_X86_64, name, path, text, &both[0]) == 0 &&
        load(SS_ARCH_AARCH64, name, path, text, &both[1]) == 0 &&
        both[1].p->mode == SS_MODE_FILTER) {
        sweep(name, &both[1]);
        same_actions(name);
    }
    for (int i = 0; i < 2; i++) {
        ss_policy_free(both[i].p);
        both[i].p = NULL;
    }
}

/* The warnings of text parsed for a, joined. */
static void warnings(enum ss_arch a, const char *text, char *buf, size_t size)
{
    struct ss_policy *p;
    struct ss_error err;

    p = ss_policy_new(a);
    buf[0] = 0;
    if (ss_parse_text(p, text, "t.ini", &err))
        snprintf(buf, size, "error: %s", err.msg);
    for (size_t i = 0; p && i < p->nwarnings; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s\n", p->warnings[i].msg);
    ss_policy_free(p);
}

static const struct {
    const char *name, *text;
} policies[] = {
    {"deny-list naming both forms",
     "[policy]\ndefault = allow\n[syscalls]\n"
     "mkdir = errno(EPERM)\nmkdirat = errno(EPERM)\nunlink = kill_process\nrmdir = kill_process\n"
     "unlinkat = kill_process\nrename = errno(EACCES)\nrenameat = errno(EACCES)\n"
     "renameat2 = errno(EACCES)\n"},
    {"allow-list naming both forms",
     "[policy]\ndefault = kill_process\n[syscalls]\n"
     "open = allow\nopenat = allow\nstat = allow\nnewfstatat = allow\nfstat = allow\n"
     "read = allow\nwrite = allow\nexit_group = allow\npipe = errno(EPERM)\npipe2 = "
     "errno(EPERM)\n"},
    {"conditions with constants",
     "[policy]\ndefault = allow\n[syscalls]\n"
     "open = errno(EROFS) if arg1 & O_ACCMODE == O_WRONLY\n"
     "openat = errno(EROFS) if arg2 & O_ACCMODE == O_WRONLY\n"
     "socket = errno(EACCES) if arg0 == AF_INET\n"
     "mmap = kill_process if arg2 & PROT_EXEC == PROT_EXEC\n"
     "clone = errno(EPERM) if arg0 & CLONE_NEWUSER == CLONE_NEWUSER\n"},
    {"several conditional rules (the engine's own code)",
     "[policy]\ndefault = allow\n[syscalls]\n"
     "openat = kill_process if arg2 & O_DIRECTORY == O_DIRECTORY\n"
     "openat = errno(EPERM) if arg2 & O_NOFOLLOW == O_NOFOLLOW\n"
     "mmap = errno(EPERM) if arg1 > 0x100000\n"
     "mmap = errno(EACCES) if arg1 <= 0x200000\n"
     "mmap = kill_process if arg2 == 7\n"
     "getxattrat = errno(ENOSYS)\n"},
};

int main(int argc, char **argv)
{
    char buf[2048];
    long long v;

    /* As the command does: the filters are made, not installed, so the
     * kernel's (or qemu-user's missing) seccomp features do not matter. */
    seccomp_api_set(3);

    /* Constants: each target's own value. */
    ok(ss_constant_value_arch(SS_ARCH_X86_64, "O_DIRECTORY", &v) == 0 && v == 0200000,
       "x86_64: O_DIRECTORY is 0200000 (%#llo)", v);
    ok(ss_constant_value_arch(SS_ARCH_AARCH64, "O_DIRECTORY", &v) == 0 && v == 040000,
       "aarch64: O_DIRECTORY is 040000 (%#llo)", v);
    ok(ss_constant_value_arch(SS_ARCH_AARCH64, "O_NOFOLLOW", &v) == 0 && v == 0100000,
       "aarch64: O_NOFOLLOW is 0100000 (%#llo)", v);
    ok(ss_constant_value_arch(SS_ARCH_AARCH64, "MAP_32BIT", &v) != 0, "aarch64 has no MAP_32BIT");
    ok(ss_constant_value_arch(SS_ARCH_AARCH64, "EPERM", &v) == 0 && v == 1,
       "aarch64: EPERM is 1, as on x86_64");
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        struct ss_policy *p;
        struct ss_error err;
        p = ss_policy_new(targets[i]);
        ok(ss_parse_text(p,
                         "[policy]\ndefault = allow\n[syscalls]\n"
                         "openat = errno(EPERM) if arg2 & O_DIRECTORY == O_DIRECTORY\n",
                         "t.ini", &err) == 0 &&
               p->nrules == 3 && p->rules[0].cond[0].value == (i ? 040000u : 0200000u) &&
               p->rules[0].nr == (i ? 56 : 257) &&
               /* then the refusal of TIOCSTI and TIOCLINUX (engine/tty.c): ioctl there */
               p->rules[1].builtin && p->rules[1].nr == (i ? 29 : 16) && p->rules[2].builtin &&
               p->rules[2].nr == (i ? 29 : 16),
           "%s: `openat ... O_DIRECTORY` is syscall %d, value %#llo; the built-in refusals "
           "name its ioctl",
           ss_arch_name(targets[i]), p->nrules ? p->rules[0].nr : -1,
           p->nrules ? (unsigned long long)p->rules[0].cond[0].value : 0ULL);
        ss_policy_free(p);
    }

    /* The lint, per target. */
    warnings(SS_ARCH_AARCH64, "[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\n", buf,
             sizeof buf);
    ok(strstr(buf, "denies mkdir, but aarch64 has only mkdirat") != NULL,
       "aarch64: `mkdir = errno(EPERM)` warns that aarch64 has only mkdirat");
    warnings(SS_ARCH_X86_64, "[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\n", buf,
             sizeof buf);
    ok(strstr(buf, "has only") == NULL && strstr(buf, "mkdirat is allowed") != NULL,
       "x86_64: the same rule warns that mkdirat is allowed (the family lint)");
    warnings(SS_ARCH_AARCH64,
             "[policy]\ndefault = allow\n[syscalls]\nmkdir = errno(EPERM)\nmkdirat = kill\n", buf,
             sizeof buf);
    ok(buf[0] == 0, "aarch64: no warning when the policy denies mkdirat too");
    warnings(SS_ARCH_AARCH64, "[policy]\ndefault = kill\n[syscalls]\nopen = allow\n", buf,
             sizeof buf);
    ok(strstr(buf, "allows open, but aarch64 has only openat") != NULL,
       "aarch64: an allow-list allowing open but not openat warns");
    warnings(SS_ARCH_AARCH64, "[policy]\ndefault = allow\n[syscalls]\nchown32 = kill\n", buf,
             sizeof buf);
    ok(strstr(buf, "chown32 is not an aarch64 syscall") != NULL,
       "aarch64: a name of another architecture warns naming aarch64");

    for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++)
        check_policy(policies[i].name, NULL, policies[i].text);
    for (int i = 1; i < argc; i++)
        check_policy(argv[i], argv[i], NULL);
    printf("1..%u\n", tests);
    return failed != 0;
}
