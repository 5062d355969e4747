/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The one writer of policy text: action names, comparison operators, a
 * condition, a rule as a policy line, and what a filter's return value means.
 * Every command and the shim's explain table write rules through here, so a
 * written line always reads back as the rule it came from. Uses snprintf: the
 * shim calls it before the filter is live, never in its SIGSYS handler. */
#include "seccomp-shim.h"

#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>

static const char *const action_names[] = {[SS_ACT_ALLOW] = "allow",
                                           [SS_ACT_KILL_PROCESS] = "kill_process",
                                           [SS_ACT_KILL_THREAD] = "kill_thread",
                                           [SS_ACT_TRAP] = "trap",
                                           [SS_ACT_LOG] = "log",
                                           [SS_ACT_ERRNO] = "errno",
                                           [SS_ACT_TRACE] = "trace"};

static const char *const op_texts[] = {
    [SS_OP_EQ] = "==", [SS_OP_NE] = "!=", [SS_OP_LT] = "<",         [SS_OP_LE] = "<=",
    [SS_OP_GT] = ">",  [SS_OP_GE] = ">=", [SS_OP_MASKED_EQ] = "&=="};

const char *ss_action_name(enum ss_action_kind kind)
{
    return (unsigned)kind < sizeof action_names / sizeof action_names[0] ? action_names[kind]
                                                                         : NULL;
}

const char *ss_op_text(enum ss_op op)
{
    return (unsigned)op < sizeof op_texts / sizeof op_texts[0] ? op_texts[op] : NULL;
}

char *ss_action_format(struct ss_action a, char *buf, size_t size)
{
    if (a.kind == SS_ACT_ERRNO || a.kind == SS_ACT_TRACE)
        snprintf(buf, size, "%s(%u)", action_names[a.kind], a.data);
    else
        snprintf(buf, size, "%s", action_names[a.kind]);
    return buf;
}

static void number(uint64_t v, unsigned flags, char *buf, size_t size)
{
    snprintf(buf, size, flags & SS_TEXT_DECIMAL && v < 0x10000 ? "%llu" : "%#llx",
             (unsigned long long)v);
}

/* The constant of the argument's family where named says so and there is
 * one, else the number. */
static void value_text(enum ss_arch a, int nr, unsigned arg, uint64_t v, bool named, unsigned flags,
                       char *buf, size_t size)
{
    if (!named || nr < 0 || strncmp(ss_value_format(a, nr, arg, v, buf, size), "0x", 2) == 0)
        number(v, flags, buf, size);
}

char *ss_cond_text(enum ss_arch a, int nr, const struct ss_cond *c, unsigned flags, char *buf,
                   size_t size)
{
    /* Names only where equality is asked: `arg0 > AF_INET` would suggest an order. */
    bool named = flags & SS_TEXT_CONSTANTS &&
                 (c->op == SS_OP_EQ || c->op == SS_OP_NE || c->op == SS_OP_MASKED_EQ);
    char value[160], mask[160];

    value_text(a, nr, c->arg, c->value, named, flags, value, sizeof value);
    if (c->op == SS_OP_MASKED_EQ) {
        value_text(a, nr, c->arg, c->mask, named, flags & ~SS_TEXT_DECIMAL, mask, sizeof mask);
        snprintf(buf, size, "arg%u & %s == %s", c->arg, mask, value);
    } else {
        snprintf(buf, size, "arg%u %s %s", c->arg, op_texts[c->op], value);
    }
    return buf;
}

char *ss_cond_format(const struct ss_cond *c, char *buf, size_t size)
{
    return ss_cond_text(ss_arch_native(), -1, c, 0, buf, size); /* no names: any architecture */
}

char *ss_cond_format_symbolic(enum ss_arch a, int nr, const struct ss_cond *c, char *buf,
                              size_t size)
{
    return ss_cond_text(a, nr, c, SS_TEXT_CONSTANTS, buf, size);
}

char *ss_conds_text(enum ss_arch a, int nr, const struct ss_cond *c, unsigned n, unsigned flags,
                    char *buf, size_t size)
{
    char cond[400];
    size_t len = 0;

    if (size)
        buf[0] = 0;
    for (unsigned i = 0; i < n && len < size; i++)
        len += snprintf(buf + len, size - len, "%s%s", i ? " && " : "",
                        ss_cond_text(a, nr, &c[i], flags, cond, sizeof cond));
    return buf;
}

const char *ss_rule_key(enum ss_arch a, int nr, char *buf, size_t size)
{
    const char *name = nr >= 0 ? ss_syscall_name_arch(a, nr) : NULL;
    bool elsewhere;

    if (name && ss_syscall_number_arch(a, name, &elsewhere) == nr)
        return name;
    snprintf(buf, size, "%d", nr); /* newer than libseccomp: a policy names it by number */
    return buf;
}

char *ss_rule_text(enum ss_arch arch, const char *key, int nr, struct ss_action a,
                   const struct ss_cond *c, unsigned n, unsigned flags, char *buf, size_t size)
{
    char action[64], number[16], conds[800];

    if (!key)
        key = ss_rule_key(arch, nr, number, sizeof number);
    if (flags & SS_TEXT_ERRNO)
        ss_action_format_symbolic(arch, a, action, sizeof action);
    else
        ss_action_format(a, action, sizeof action);
    snprintf(buf, size, "%s = %s%s%s", key, action, n ? " if " : "",
             ss_conds_text(arch, nr, c, n, flags, conds, sizeof conds));
    return buf;
}

char *ss_rule_format(enum ss_arch a, const struct ss_rule *r, unsigned flags, char *buf,
                     size_t size)
{
    return ss_rule_text(a, NULL, r->nr, r->action, r->cond, r->ncond, flags, buf, size);
}

char *ss_rule_quote(enum ss_arch a, const struct ss_rule *r, char *buf, size_t size)
{
    char rule[600];

    snprintf(buf, size, "%s:%u: `%s`", r->where.file ? r->where.file : "?", r->where.line,
             ss_rule_format(a, r, SS_TEXT_SYMBOLIC, rule, sizeof rule));
    return buf;
}

char *ss_default_quote(const struct ss_policy *p, struct ss_action a, char *buf, size_t size)
{
    char action[64];

    snprintf(buf, size, "the default action (%s:%u: `default = %s`)",
             p->default_where.file ? p->default_where.file : "?", p->default_where.line,
             ss_action_format_symbolic(p->arch, a, action, sizeof action));
    return buf;
}

/* What seccomp return values mean, as the policy's action and as a verb. */
static const struct {
    uint32_t ret;
    const char *name, *verb;
} rets[] = {
    {SECCOMP_RET_KILL_PROCESS, "kill_process", "kills the process"},
    {SECCOMP_RET_KILL_THREAD, "kill_thread", "kills the thread"},
    {SECCOMP_RET_TRAP, "trap", "traps"},
    {SECCOMP_RET_ERRNO, "errno", "returns errno"},
    {SECCOMP_RET_USER_NOTIF, "user_notif", "notifies a supervisor"},
    {SECCOMP_RET_TRACE, "trace", "traces"},
    {SECCOMP_RET_LOG, "log", "logs and allows"},
    {SECCOMP_RET_ALLOW, "allow", "allows"},
};

const char *ss_ret_action_name(uint32_t ret)
{
    for (size_t i = 0; i < sizeof rets / sizeof rets[0]; i++)
        if (rets[i].ret == (ret & SECCOMP_RET_ACTION_FULL))
            return rets[i].name;
    return NULL;
}

char *ss_ret_format(uint32_t ret, bool verb, char *buf, size_t size)
{
    uint32_t action = ret & SECCOMP_RET_ACTION_FULL, data = ret & SECCOMP_RET_DATA;
    bool has_data = action == SECCOMP_RET_ERRNO || action == SECCOMP_RET_TRACE;

    for (size_t i = 0; i < sizeof rets / sizeof rets[0]; i++) {
        if (rets[i].ret != action)
            continue;
        if (!has_data)
            snprintf(buf, size, "%s", verb ? rets[i].verb : rets[i].name);
        else if (verb)
            snprintf(buf, size, action == SECCOMP_RET_TRACE ? "%s (%u)" : "%s %u", rets[i].verb,
                     data);
        else
            snprintf(buf, size, "%s(%u)", rets[i].name, data);
        return buf;
    }
    snprintf(buf, size, verb ? "returns 0x%x" : "0x%08x", ret);
    return buf;
}
