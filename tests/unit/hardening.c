/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The 32-bit hardening (engine/harden.c) is the compiler's: the model holds
 * the rules as written, the filter, the model's verdict and the verifier
 * hold them hardened. The verifier must refuse a filter that lacks the
 * hardening: the same policy compiled without it (a copy without
 * has_default, which the hardening needs and the compiler does not read).
 * Prints TAP. */
#include "internal.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n, failed;

static void ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(bool cond, const char *fmt, ...)
{
    va_list ap;

    printf("%sok %d - ", cond ? "" : "not ", ++n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    failed |= !cond;
}

static struct ss_policy *parse(const char *text)
{
    struct ss_policy *p = ss_policy_new(ss_arch_native());
    struct ss_error err;

    if (p && ss_parse_buffer(p, text, strlen(text), "t.ini", 0, &err) == 0)
        return p;
    printf("# %s: %s\n", text, err.msg);
    ss_policy_free(p);
    return NULL;
}

static uint32_t run(const struct ss_program *prog, int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
    struct seccomp_data d = {
        .nr = nr, .arch = ss_arch_audit(ss_arch_native()), .args = {a0, a1, a2}};
    struct ss_error err;
    uint32_t ret = 0;

    if (ss_bpf_run(prog, &d, &ret, &err))
        printf("# %s\n", err.msg);
    return ret;
}

static uint32_t eval(const struct ss_policy *p, int nr, uint64_t a0, uint64_t a1, uint64_t a2,
                     const struct ss_rule **rule)
{
    struct seccomp_data d = {.nr = nr, .arch = ss_arch_audit(p->arch), .args = {a0, a1, a2}};
    struct ss_verdict v;

    ss_policy_eval(p, &d, &v);
    *rule = v.rule;
    return v.ret;
}

static struct ss_program prog, unhardened;

/* p's filter without the hardening into unhardened; it passes the verifier
 * against the rules as written. */
static int compile_unhardened(const struct ss_policy *p, struct ss_error *err)
{
    struct ss_policy raw = *p;

    raw.has_default = false;
    return ss_compile(&raw, &unhardened, err);
}

/* A rule stricter than the default: compared on the low 32 bits. */
static void test_mask(void)
{
    const char *text = "[policy]\ndefault = allow\n[syscalls]\n"
                       "socket = errno(EACCES) if arg0 == AF_INET\n";
    struct ss_policy *p = parse(text);
    const struct ss_rule *rule;
    struct ss_error err;
    int socket_nr = ss_syscall_number_arch(ss_arch_native(), "socket", &(bool){0});

    if (!p) {
        ok(false, "the policies parse");
        return;
    }
    ok(p->nrules >= 1 && p->rules[0].ncond == 1 && p->rules[0].cond[0].op == SS_OP_EQ &&
           p->rules[0].cond[0].value == 2,
       "the model holds `arg0 == AF_INET` as written");
    ok(ss_compile(p, &prog, &err) == 0, "the policy compiles");
    ok(run(&prog, socket_nr, 0x100000002ULL, 1, 0) == (SECCOMP_RET_ERRNO | 13),
       "the filter refuses socket(0x100000002): the kernel reads AF_INET");
    ok(eval(p, socket_nr, 0x100000002ULL, 1, 0, &rule) == (SECCOMP_RET_ERRNO | 13) &&
           rule == &p->rules[0],
       "the model's verdict is the filter's, by the rule as written");
    ok(compile_unhardened(p, &err) == 0 &&
           run(&unhardened, socket_nr, 0x100000002ULL, 1, 0) == SECCOMP_RET_ALLOW,
       "(control: without the hardening the filter lets socket(0x100000002) through)");
    ok(ss_verify(p, &unhardened, &err) != 0, "the verifier refuses the filter without the mask");
    printf("# %s\n", err.msg);
    ss_policy_free(p);
}

/* A rule laxer than the default above a laxer one: the companion. */
static void test_companion(void)
{
    const char *text = "[policy]\ndefault = kill_process\n[syscalls]\n"
                       "lseek = allow if arg2 == 1\nlseek = log if arg1 == 4096\n";
    struct ss_policy *p = parse(text);
    const struct ss_rule *rule;
    struct ss_error err;
    int lseek_nr = ss_syscall_number_arch(ss_arch_native(), "lseek", &(bool){0});
    size_t nfilter = 0;
    struct ss_rule *filter;

    if (!p) {
        ok(false, "the policies parse");
        return;
    }
    ok(p->nrules == 2, "the model holds the two rules as written, no companion");
    filter = p ? ss_policy_filter_rules(p, true, &nfilter) : NULL;
    ok(filter && nfilter == 3 && filter[2].ncond == 3 && filter[2].where.line == 5 &&
           filter[2].action.kind == SS_ACT_LOG,
       "ss_policy_filter_rules adds the companion for the rule at line 5");
    free(filter);
    ok(ss_compile(p, &prog, &err) == 0, "the policy compiles");
    ok(run(&prog, lseek_nr, 3, 0x100001000ULL, 1) == SECCOMP_RET_LOG,
       "the filter logs lseek(3, 0x100001000, 1), not allow");
    ok(eval(p, lseek_nr, 3, 0x100001000ULL, 1, &rule) == SECCOMP_RET_LOG && rule == &p->rules[1],
       "the model's verdict is the filter's, by the rule at line 5");
    ok(compile_unhardened(p, &err) == 0 &&
           run(&unhardened, lseek_nr, 3, 0x100001000ULL, 1) == SECCOMP_RET_ALLOW,
       "(control: without the hardening the filter allows it)");
    ok(ss_verify(p, &unhardened, &err) != 0,
       "the verifier refuses the filter without the companion");
    printf("# %s\n", err.msg);
    ss_policy_free(p);
}

int main(void)
{
    test_mask();
    test_companion();
    printf("1..%d\n", n);
    return failed;
}
