/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The lint: warnings about policies that are valid but probably not what was
 * meant. It runs on the resolved rules (after includes and groups) at the end
 * of parsing; each warning names the line it is about. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* How a policy treats one syscall, for the lint. */
enum treatment {
    OPEN,     /* no rule refuses it */
    FALLBACK, /* errno(ENOSYS) on a syscall with an older sibling (clone3, openat2) */
    SOME,     /* refused when conditions hold */
    ALL,      /* refused always */
};

static bool refuses(struct ss_action a)
{
    return a.kind != SS_ACT_ALLOW && a.kind != SS_ACT_LOG && a.kind != SS_ACT_TRACE;
}

static int nr_of(const struct ss_policy *p, const char *name)
{
    return ss_syscall_lookup_arch(p->arch, name, NULL, NULL);
}

/* clone3 and openat2 take structs seccomp cannot look into; programs fall back
 * to clone and openat when they fail with ENOSYS, and only then. */
static bool has_fallback(const struct ss_policy *p, int nr)
{
    return nr == nr_of(p, "clone3") || nr == nr_of(p, "openat2");
}

static bool is_enosys(struct ss_action a)
{
    return a.kind == SS_ACT_ERRNO && a.data == ENOSYS;
}

/* The first rule for nr that refuses it (NULL: none) and how it is treated. */
static enum treatment treatment(const struct ss_policy *p, int nr, const struct ss_rule **first)
{
    enum treatment t = OPEN;

    *first = NULL;
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->nr != nr || !refuses(r->action))
            continue;
        if (!*first)
            *first = r;
        if (r->ncond == 0 && is_enosys(r->action) && has_fallback(p, nr))
            t = t == OPEN ? FALLBACK : t;
        else if (r->ncond == 0)
            t = ALL;
        else if (t != ALL)
            t = SOME;
    }
    return t;
}

/* Members with no argument a condition could restrict: a rule on clone's
 * flags says nothing about fork. */
static bool argless(const struct ss_policy *p, int nr)
{
    return nr == nr_of(p, "fork") || nr == nr_of(p, "vfork");
}

/* A deny-list that refuses some of a family's syscalls and lets the others
 * do the same thing. Argless members count only when a member is refused
 * outright. */
static int lint_family(void *ctx, const struct ss_family *f)
{
    struct ss_policy *p = ctx;
    const struct ss_rule *first = NULL, *r;
    enum treatment t[sizeof f->nrs / sizeof f->nrs[0]];
    bool any_all = false;
    char open[256] = "";

    for (size_t i = 0; i < f->n; i++) {
        t[i] = treatment(p, f->nrs[i], &r);
        if ((t[i] == SOME || t[i] == ALL) && !first)
            first = r;
        any_all |= t[i] == ALL;
    }
    if (!first)
        return 0;
    for (size_t i = 0; i < f->n; i++) {
        if (t[i] != OPEN || (!any_all && argless(p, f->nrs[i])))
            continue;
        snprintf(open + strlen(open), sizeof open - strlen(open), "%s%s", open[0] ? ", " : "",
                 ss_syscall_name_arch(p->arch, f->nrs[i]));
    }
    if (!open[0])
        return 0;
    return ss_policy_warn(p, first->where,
                          "%s is refused but %s %s allowed: a deny-list must cover every syscall "
                          "for %s",
                          ss_syscall_name_arch(p->arch, first->nr), open,
                          strchr(open, ',') ? "are" : "is", f->what);
}

/* io_uring performs opens, reads, writes and network operations seccomp
 * never sees: a deny-list that restricts those must refuse io_uring too. */
static int lint_io_uring(struct ss_policy *p)
{
    static const char *const guarded[] = {"open",    "openat", "openat2", "creat", "socket",
                                          "connect", "bind",   "read",    "write", NULL};
    const struct ss_rule *r;

    if (treatment(p, nr_of(p, "io_uring_setup"), &r) != OPEN)
        return 0;
    for (size_t i = 0; guarded[i]; i++)
        if (treatment(p, nr_of(p, guarded[i]), &r) != OPEN)
            return ss_policy_warn(
                p, r->where,
                "%s is restricted but io_uring_setup is allowed: io_uring performs opens, reads "
                "and network operations seccomp never sees; add io_uring_setup = errno(ENOSYS)",
                guarded[i]);
    return 0;
}

/* Kill or an errno other than ENOSYS on clone3/openat2 breaks programs that
 * would have fallen back to clone/openat. */
static int lint_fallback(struct ss_policy *p)
{
    static const char *const pairs[][2] = {{"clone3", "clone"}, {"openat2", "openat"}};
    const struct ss_where *last = NULL;

    for (size_t k = 0; k < 2; k++) {
        int nr = nr_of(p, pairs[k][0]);
        bool named = false;
        for (size_t i = 0; i < p->nrules; i++) {
            const struct ss_rule *r = &p->rules[i];
            if (r->nr != nr)
                continue;
            named = true;
            if (!refuses(r->action) || is_enosys(r->action))
                continue;
            if (last && last->file == r->where.file && last->line == r->where.line)
                continue;
            last = &r->where;
            if (ss_policy_warn(p, r->where,
                               "%s refused with another error than ENOSYS: programs fall back to "
                               "%s only on ENOSYS (glibc then fails); use errno(ENOSYS)",
                               pairs[k][0], pairs[k][1]))
                return -1;
        }
        /* An allowlist that allows the old call but lets the new one hit the default. */
        if (!named && refuses(p->default_action) && !is_enosys(p->default_action)) {
            int old = nr_of(p, pairs[k][1]);
            for (size_t i = 0; i < p->nrules; i++)
                if (p->rules[i].nr == old && !refuses(p->rules[i].action)) {
                    if (ss_policy_warn(p, p->rules[i].where,
                                       "%s is allowed but %s gets the default action: programs "
                                       "try %s first; add %s = errno(ENOSYS)",
                                       pairs[k][1], pairs[k][0], pairs[k][0], pairs[k][0]))
                        return -1;
                    break;
                }
        }
    }
    return 0;
}

/* Conditions on clone's flags mean nothing while clone3 is allowed: it takes
 * the same flags in a struct no filter can read. (A deny-list's refusing
 * conditions are lint_family's: it names clone3 among the open members.) */
static int lint_clone3_bypass(struct ss_policy *p)
{
    int clone = nr_of(p, "clone"), clone3 = nr_of(p, "clone3");
    bool named = false, allowed = false;

    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->nr != clone3)
            continue;
        if (r->ncond == 0 && refuses(r->action))
            return 0; /* refused whatever the struct says */
        named = true;
        allowed |= r->ncond == 0;
    }
    if (!allowed && (named || refuses(p->default_action)))
        return 0;
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->nr != clone || r->ncond == 0)
            continue;
        if (!refuses(p->default_action) && refuses(r->action))
            continue;
        return ss_policy_warn(p, r->where,
                              "clone has conditions but clone3 is allowed%s: clone3 bypasses the "
                              "conditions on clone (seccomp cannot read its flags); add clone3 = "
                              "errno(ENOSYS)",
                              allowed ? "" : " by the default action");
    }
    return 0;
}

/* An allowlist must let programs exit and return from signal handlers. */
static int lint_allowlist(struct ss_policy *p)
{
    static const char *const needed[][2] = {
        {"exit_group", "every program dies when it exits"},
        {"rt_sigreturn", "a program dies when one of its signal handlers returns"}};

    if (!refuses(p->default_action))
        return 0;
    for (size_t k = 0; k < 2; k++) {
        int nr = nr_of(p, needed[k][0]);
        bool allowed = false;
        for (size_t i = 0; i < p->nrules && !allowed; i++)
            allowed = p->rules[i].nr == nr && !refuses(p->rules[i].action);
        if (!allowed && ss_policy_warn(p, p->default_where, "allowlist without %s: %s",
                                       needed[k][0], needed[k][1]))
            return -1;
    }
    return 0;
}

static int lint_kill_thread(struct ss_policy *p)
{
    static const char msg[] = "kill_thread ends only the calling thread and the others run on "
                              "(a background thread's exit status becomes the process's); "
                              "use kill_process";
    const struct ss_where *last = NULL;

    if (p->default_action.kind == SS_ACT_KILL_THREAD && ss_policy_warn(p, p->default_where, msg))
        return -1;
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        if (r->action.kind != SS_ACT_KILL_THREAD)
            continue;
        if (last && last->file == r->where.file && last->line == r->where.line)
            continue; /* a group: once per line */
        last = &r->where;
        if (ss_policy_warn(p, r->where, msg))
            return -1;
    }
    return 0;
}

int ss_policy_lint(struct ss_policy *p)
{
    if (p->mode != SS_MODE_FILTER)
        return 0;
    if (!refuses(p->default_action)) {
        if (ss_each_family(p->arch, lint_family, p) || lint_io_uring(p))
            return -1;
    }
    if (lint_fallback(p) || lint_clone3_bypass(p) || lint_allowlist(p) || lint_kill_thread(p))
        return -1;
    return 0;
}
