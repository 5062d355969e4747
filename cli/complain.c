/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim run --complain: CMD runs under learn's notifying filter
 * (learn_spawn.c) instead of the policy's, and each call is judged by the
 * policy's model (ss_policy_eval, the verdict every compiled filter is
 * verified against): a call the policy would refuse is let through and
 * counted, with the rule or default that would have refused it. At the end,
 * one line per refused syscall and rule with its count, then the policy lines
 * that would allow them. As with learn, judging starts where the shim would
 * install the policy (its marker), or with --direct at the exec of CMD. */
#define _GNU_SOURCE
#include "learn.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

#define REFUSALS_MAX 512 /* (syscall, rule) pairs kept; more are counted only */

struct refusal {
    int nr;                     /* -1: a call of another ABI (i386, x32) */
    const struct ss_rule *rule; /* NULL: the default action (or the ABI check) */
    struct ss_action action;
    unsigned long long count;
};

struct complainer {
    const struct ss_policy *p;
    struct ll_judge *ll; /* the Landlock part, judged as the calls come */
    bool started, marked;
    uint64_t token;
    struct refusal r[REFUSALS_MAX];
    size_t n;
    struct refused values; /* the calls refused, with the values their lines compare */
    bool values_oom;
    unsigned long long calls, dropped;
};

static void judge(struct complainer *c, const struct seccomp_data *d)
{
    struct ss_verdict v;
    int nr, decides;

    ss_policy_eval(c->p, d, &v);
    if (v.action.kind == SS_ACT_ALLOW || v.action.kind == SS_ACT_LOG)
        return;
    c->calls++;
    /* The argument that decides what the call does (socket's family, clone's
     * flags, ...) goes into its line, as learn writes it: never `socket = allow`. */
    decides = d->nr >= 0 && d->nr < SS_SYSCALL_SLOTS ? learn_conditioned(d->nr) : -1;
    if (refused_add(&c->values, d, decides >= 0 ? 1u << decides : 0))
        c->values_oom = true;
    nr = v.bad_arch ? -1 : d->nr;
    for (size_t i = 0; i < c->n; i++)
        if (c->r[i].nr == nr && c->r[i].rule == v.rule) {
            c->r[i].count++;
            return;
        }
    if (c->n == REFUSALS_MAX) {
        c->dropped++;
        return;
    }
    c->r[c->n++] = (struct refusal){nr, v.rule, v.action, 1};
}

static void complain_answer(void *ctx, int listener, const struct seccomp_notif *req,
                            struct seccomp_notif_resp *resp)
{
    struct complainer *c = ctx;
    const struct seccomp_data *d = &req->data;

    (void)listener;
    if (c->marked && d->arch == SS_AUDIT_ARCH_NATIVE && d->nr == SS_LEARN_MARK_NR &&
        d->args[0] == c->token && d->args[1] == ~c->token) {
        c->started = true; /* the shim's marker: answered here, not judged */
        resp->flags = 0;
        resp->val = ss_learn_answer(c->token);
        return;
    }
    if (!c->started)
        return;
    judge(c, d);
    if (c->ll)
        ll_judge_call(c->ll, req);
}

/* "FILE:LINE: `rule`", or the default's description. */
static void describe(const struct ss_policy *p, const struct refusal *r, char *buf, size_t size)
{
    if (r->nr < 0)
        snprintf(buf, size, "the architecture check (no x86_64 policy can allow it)");
    else if (!r->rule)
        ss_default_quote(p, r->action, buf, size);
    else
        ss_rule_quote(p->arch, r->rule, buf, size);
}

static void report(const struct complainer *c)
{
    char where[1024];
    bool by_rule = false, listed[SS_SYSCALL_SLOTS] = {false}, by_value[SS_SYSCALL_SLOTS] = {false};

    /* The Landlock sections were judged as the calls came: say so rather
     * than imply they would have let everything through. */
    if (c->ll)
        cli_error("complain: [filesystem], [network] and [scope] were not enforced; what they "
                  "would refuse is reported above, call by call");
    if (!c->calls) {
        cli_error("complain: the policy would have refused nothing in this run");
        return;
    }
    cli_error("complain: the policy would have refused %llu call%s; they ran:", c->calls,
              c->calls == 1 ? "" : "s");
    for (size_t i = 0; i < c->n; i++) {
        const struct refusal *r = &c->r[i];
        describe(c->p, r, where, sizeof where);
        cli_error("complain:   %s: %llu call%s, refused by %s",
                  r->nr < 0 ? "(another ABI)" : ss_syscall_name(r->nr), r->count,
                  r->count == 1 ? "" : "s", where);
        by_rule |= r->rule != NULL;
    }
    if (c->dropped)
        cli_error("complain:   and %llu more call%s not itemized", c->dropped,
                  c->dropped == 1 ? "" : "s");
    if (c->values_oom)
        cli_error("complain: out of memory: the lines below may miss values of arguments");
    cli_error("complain: lines that would allow them%s:",
              by_rule ? " (in place of the rules named above)" : ", for [syscalls]");
    /* A syscall the policy allows under conditions, or whose argument decides
     * what it does, refused by the default: a line per value (refused.c), not
     * the syscall whole. */
    for (size_t i = 0; i < c->n; i++) {
        int nr = c->r[i].nr;
        if (nr >= 0 && nr < SS_SYSCALL_SLOTS && !c->r[i].rule &&
            (c->values.checked[nr] || learn_conditioned(nr) >= 0))
            by_value[nr] = true;
    }
    if (refused_write_lines(&c->values, stderr, by_value, false) < 0)
        cli_error("complain: out of memory: the lines for argument values are left out");
    for (size_t i = 0; i < c->n; i++) {
        int nr = c->r[i].nr;
        if (nr >= 0 && nr < SS_SYSCALL_SLOTS && !listed[nr] && !by_value[nr] &&
            ss_syscall_name(nr)) {
            cli_rule_line(stderr, NULL, nr, (struct ss_action){SS_ACT_ALLOW, 0}, NULL, 0, NULL);
            listed[nr] = true;
        }
    }
}

int run_complain(const struct ss_policy *p, const struct ss_landlock_plan *plan, bool direct,
                 char **cmd)
{
    static struct complainer c; /* 16 KiB of refusals: not on the stack */
    static struct ll_judge ll;
    struct learn_child child = {0};
    char shim[4096];
    char **env = environ;
    int rc, wstatus = 0;

    if (p->mode != SS_MODE_FILTER) {
        cli_error("--complain: strict mode cannot be judged call by call (it allows only read, "
                  "write, exit and sigreturn)");
        return SS_EXIT_POLICY;
    }
    if (learn_kernel_check())
        return SS_EXIT_POLICY;
    memset(&c, 0, sizeof c);
    c.p = p;
    refused_init(&c.values, p);
    if (plan->active) {
        if (ll_judge_init(&ll, plan, p)) {
            cli_error("out of memory");
            return SS_EXIT_REFUSE;
        }
        ll.would = true;
        c.ll = &ll;
    }
    c.started = direct;
    if (!direct) {
        if (cli_shim_path(shim, sizeof shim)) {
            cli_error("cannot find libseccomp-shim.so beside the command or in its library folder");
            return SS_EXIT_REFUSE;
        }
        if (getrandom(&c.token, sizeof c.token, 0) != sizeof c.token) {
            cli_error("getrandom: %s", strerror(errno));
            return SS_EXIT_REFUSE;
        }
        c.marked = true;
        env = learn_shim_environment(shim, c.token);
        if (!env) {
            cli_error("out of memory");
            return SS_EXIT_REFUSE;
        }
    }
    rc = learn_spawn(cmd, env, &child);
    ll.root = child.pid;
    if (env != environ)
        learn_free_shim_environment(env);
    if (rc)
        return child.exec_err ? cli_exec_status(child.exec_err) : SS_EXIT_REFUSE;
    signal(SIGINT, SIG_IGN); /* like a shell's foreground job: ^C is for CMD */
    signal(SIGQUIT, SIG_IGN);
    rc = learn_supervise(&child, complain_answer, &c, &wstatus);
    close(child.listener);
    if (c.ll)
        ll_judge_free(c.ll);
    if (rc) {
        refused_free(&c.values);
        return SS_EXIT_REFUSE;
    }
    if (!c.started)
        cli_error("complain: the shim never started in %s (a static or setuid program?): "
                  "nothing judged; try --direct",
                  cmd[0]);
    else
        report(&c);
    refused_free(&c.values);
    return learn_end_like(wstatus);
}
