/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policy model -> BPF program, through libseccomp. The program is exported
 * into our own buffer and installed by install.c, so nothing libseccomp
 * allocated is freed (or munmapped) after the filter is live. */
#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <seccomp.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t scmp_action(struct ss_action a, bool explain)
{
    switch (a.kind) {
    case SS_ACT_ALLOW:
        return SCMP_ACT_ALLOW;
    case SS_ACT_KILL_PROCESS:
        return explain ? SCMP_ACT_TRAP : SCMP_ACT_KILL_PROCESS;
    case SS_ACT_KILL_THREAD:
        return SCMP_ACT_KILL_THREAD;
    case SS_ACT_TRAP:
        return SCMP_ACT_TRAP;
    case SS_ACT_LOG:
        return SCMP_ACT_LOG;
    case SS_ACT_ERRNO:
        return SCMP_ACT_ERRNO(a.data);
    case SS_ACT_TRACE:
        return SCMP_ACT_TRACE(a.data);
    }
    return SCMP_ACT_KILL_PROCESS;
}

static enum scmp_compare scmp_op(enum ss_op op)
{
    static const enum scmp_compare map[] = {[SS_OP_EQ] = SCMP_CMP_EQ,
                                            [SS_OP_NE] = SCMP_CMP_NE,
                                            [SS_OP_LT] = SCMP_CMP_LT,
                                            [SS_OP_LE] = SCMP_CMP_LE,
                                            [SS_OP_GT] = SCMP_CMP_GT,
                                            [SS_OP_GE] = SCMP_CMP_GE,
                                            [SS_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ};
    return map[op];
}

static int add_rule(scmp_filter_ctx ctx, const struct ss_rule *r, uint32_t action,
                    struct ss_error *err)
{
    struct scmp_arg_cmp cmp[SS_MAX_ARGS];
    int rc;

    for (unsigned i = 0; i < r->ncond; i++) {
        const struct ss_cond *c = &r->cond[i];
        cmp[i] = (struct scmp_arg_cmp){.arg = c->arg, .op = scmp_op(c->op)};
        if (c->op == SS_OP_MASKED_EQ) {
            cmp[i].datum_a = c->mask;
            cmp[i].datum_b = c->value;
        } else {
            cmp[i].datum_a = c->value;
        }
    }
    rc = seccomp_rule_add_exact_array(ctx, action, r->nr, r->ncond, cmp);
    if (rc == -EEXIST)
        return ss_fail(err, r->where, "conflicts with another rule for the same syscall");
    if (rc < 0)
        return ss_fail(err, r->where, "libseccomp refused the rule: %s", strerror(-rc));
    return 0;
}

static int export_program(scmp_filter_ctx ctx, struct ss_program *out, struct ss_where where,
                          struct ss_error *err)
{
    struct ss_where none = {0};
    off_t size;
    int fd, rc;

    fd = memfd_create("seccomp-shim-bpf", MFD_CLOEXEC);
    if (fd < 0)
        return ss_fail(err, none, "memfd_create: %s", strerror(errno));
    rc = seccomp_export_bpf(ctx, fd);
    if (rc < 0) {
        close(fd);
        return ss_fail(err, none, "libseccomp could not generate the filter: %s", strerror(-rc));
    }
    size = lseek(fd, 0, SEEK_END);
    if (size <= 0 || size % sizeof(struct sock_filter) ||
        size / sizeof(struct sock_filter) > SS_POLICY_INSNS_MAX) {
        close(fd);
        return ss_fail(err, where,
                       "the filter has %lld instructions; the kernel takes at most %d, of which "
                       "the shim needs %d: split the policy or use fewer conditional rules",
                       (long long)(size / sizeof(struct sock_filter)), SS_PROGRAM_MAX,
                       SS_PROBE_LEN);
    }
    if (pread(fd, out->insns, size, 0) != size) {
        close(fd);
        return ss_fail(err, none, "cannot read the generated filter back");
    }
    close(fd);
    out->len = size / sizeof(struct sock_filter);
    return 0;
}

/* The libseccomp context for a filter-mode policy: the one place where the
 * model becomes libseccomp rules, shared by ss_compile and ss_export_pfc. */
static scmp_filter_ctx build_context(const struct ss_policy *p, struct ss_error *err)
{
    uint32_t def;
    scmp_filter_ctx ctx;
    int rc = 0;

    if (p->mode != SS_MODE_FILTER) {
        ss_fail(err, p->mode_where, "strict mode has no filter to compile");
        return NULL;
    }
    def = scmp_action(p->default_action, p->explain);
    ctx = seccomp_init(def);
    if (!ctx) {
        ss_fail(err, p->default_where, "libseccomp refused the default action");
        return NULL;
    }
    /* i386 (int $0x80) and x32 syscalls are never let through. */
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
        rc = ss_fail(err, (struct ss_where){0}, "libseccomp refused the bad-architecture action");
    /* A binary tree of syscall numbers instead of a list: at 300 rules the
     * kernel installs it in a third of the time (it walks the filter for
     * every syscall number to fill its action cache) and an argument-checked
     * syscall costs +41 ns instead of +84 ns (README.md, Performance). */
    if (rc == 0 && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0)
        rc = ss_fail(err, (struct ss_where){0}, "libseccomp refused the binary-tree optimisation");
    for (size_t i = 0; i < p->nrules && rc == 0; i++) {
        uint32_t action = scmp_action(p->rules[i].action, p->explain);
        if (action != def) /* a rule that does what the default does adds nothing */
            rc = add_rule(ctx, &p->rules[i], action, err);
    }
    if (rc) {
        seccomp_release(ctx);
        return NULL;
    }
    return ctx;
}

int ss_compile(const struct ss_policy *p, struct ss_program *out, struct ss_error *err)
{
    scmp_filter_ctx ctx = build_context(p, err);
    int rc;

    if (!ctx)
        return -1;
    rc = export_program(ctx, out, (struct ss_where){p->books->nnames ? p->books->names[0] : NULL, 0}, err);
    seccomp_release(ctx);
    return rc;
}

int ss_export_pfc(const struct ss_policy *p, int fd, struct ss_error *err)
{
    scmp_filter_ctx ctx = build_context(p, err);
    int rc;

    if (!ctx)
        return -1;
    rc = seccomp_export_pfc(ctx, fd);
    seccomp_release(ctx);
    if (rc < 0)
        return ss_fail(err, (struct ss_where){0}, "libseccomp could not write the PFC: %s",
                       strerror(-rc));
    return 0;
}
