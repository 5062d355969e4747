/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the explain report says about the policy: which line decided a kill,
 * and whether the handler may read the program's strings. The SIGSYS handler
 * cannot parse the policy or allocate, so the shim fills this static table
 * from the parsed policy before installing (ss_explain_table_build); the
 * handler only looks things up (ss_explain_decider, ss_explain_can_read). For
 * a compiled policy nothing is built and the report says so. */
#define _GNU_SOURCE
#include "guest.h"
#include "seccomp-shim.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

static struct {
    bool built;
    bool can_read;                          /* process_vm_readv and getpid are allowed outright */
    unsigned short where[SS_SYSCALL_SLOTS]; /* kill rules: offset in text; 0: the default decides */
    unsigned short ewhere[SS_SYSCALL_SLOTS]; /* errno rules, the same (explain = all) */
    unsigned char checked[SS_SYSCALL_SLOTS]; /* arguments its allow rules compare (bit i: argi) */
    char text[8192];                         /* text[0..]: the default's description */
    size_t used;
} table;

static bool kills(struct ss_action a)
{
    return a.kind == SS_ACT_KILL_PROCESS || a.kind == SS_ACT_KILL_THREAD;
}

static bool refuses(struct ss_action a)
{
    return a.kind == SS_ACT_ERRNO && a.data;
}

/* Appends "FILE:LINE: `NAME = ACTION [if COND && ...]`" (NUL-terminated);
 * its offset, or 0 when full. */
static unsigned short add(const struct ss_rule *r, bool more)
{
    char rule[4608];
    size_t room = sizeof table.text - table.used, at = table.used;
    int n;

    n = snprintf(table.text + table.used, room, "%s%s",
                 ss_rule_quote(ss_arch_native(), r, rule, sizeof rule),
                 more ? " (or another kill rule for it)" : "");
    if (n < 0 || (size_t)n >= room || at > 0xffff)
        return 0;
    table.used += n + 1;
    return at;
}

/* The rules of p that decide the trap kind's calls (kills or refuses) into where[]. */
static void index_rules(const struct ss_policy *p, bool (*kind)(struct ss_action),
                        unsigned short *where)
{
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        bool more = false;

        if (!kind(r->action) || r->nr < 0 || r->nr >= SS_SYSCALL_SLOTS || where[r->nr])
            continue;
        for (size_t j = i + 1; j < p->nrules; j++)
            more |= p->rules[j].nr == r->nr && kind(p->rules[j].action);
        /* Conditional rules under a default of the same kind: either decided. */
        where[r->nr] = add(r, more || (r->ncond && kind(p->default_action)));
    }
}

void ss_explain_table_build(const struct ss_policy *p)
{
    char text[4608];
    int n;

    memset(&table, 0, sizeof table);
    n = snprintf(table.text, sizeof table.text, "%s",
                 ss_default_quote(p, p->default_action, text, sizeof text));
    if (n < 0 || (size_t)n >= sizeof table.text)
        return;
    table.used = n + 1;
    index_rules(p, kills, table.where);
    if (p->explain_all)
        index_rules(p, refuses, table.ewhere);
    /* Only syscalls with a conditional rule can have checked arguments. */
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].ncond && p->rules[i].nr >= 0 && p->rules[i].nr < SS_SYSCALL_SLOTS)
            table.checked[p->rules[i].nr] =
                (unsigned char)ss_policy_checked_args(p, p->rules[i].nr);
    table.can_read = ss_policy_allows_outright(p, SYS_process_vm_readv) &&
                     ss_policy_allows_outright(p, SYS_getpid);
    table.built = true;
}

const char *ss_explain_decider(int nr, bool refused_errno, bool *by_rule)
{
    const unsigned short *where = refused_errno ? table.ewhere : table.where;

    *by_rule = false;
    if (!table.built)
        return NULL;
    if (nr >= 0 && nr < SS_SYSCALL_SLOTS && where[nr]) {
        *by_rule = true;
        return table.text + where[nr];
    }
    return table.text;
}

unsigned ss_explain_checked_args(int nr)
{
    return table.built && nr >= 0 && nr < SS_SYSCALL_SLOTS ? table.checked[nr] : 0;
}

bool ss_explain_can_read(void)
{
    return table.built && table.can_read;
}
