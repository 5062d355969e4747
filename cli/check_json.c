/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* check --json: one policy as a JSON object (schema: man/seccomp-shim.1,
 * JSON OUTPUT). Numbers a condition compares with are strings ("0x1"):
 * JSON integers stop at 2^63-1 in jansson, and 2^53 in many readers. */
#include "check.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static json_t *hex(uint64_t v)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%#llx", (unsigned long long)v);
    return json_string(buf);
}

static json_t *condition(enum ss_arch a, int nr, const struct ss_cond *c)
{
    char text[160];

    return json_pack("{s:I,s:s,s:o,s:o?,s:s}", "arg", (json_int_t)c->arg, "op", ss_op_text(c->op),
                     "value", hex(c->value), "mask", c->op == SS_OP_MASKED_EQ ? hex(c->mask) : NULL,
                     "text", ss_cond_format_symbolic(a, nr, c, text, sizeof text));
}

static json_t *rule(enum ss_arch a, const struct ss_rule *r)
{
    char action[64];
    const char *name = ss_syscall_name_arch(a, r->nr);
    json_t *conds = json_array();
    int failed = !conds;

    for (unsigned c = 0; !failed && c < r->ncond; c++)
        failed = cli_json_append(conds, condition(a, r->nr, &r->cond[c]));
    if (failed) {
        json_decref(conds);
        return NULL;
    }
    return json_pack("{s:s?,s:i,s:s,s:o,s:o,s:s?,s:b}", "syscall", name, "nr", r->nr, "action",
                     ss_action_format_symbolic(a, r->action, action, sizeof action), "conditions",
                     conds, "from", cli_json_where(r->where.file, r->where.line), "group", r->group,
                     "builtin", r->builtin);
}

static json_t *warnings(const struct ss_policy *p)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < p->nwarnings; i++)
        if (cli_json_append(
                a, json_pack("{s:o,s:s}", "where",
                             cli_json_where(p->warnings[i].where.file, p->warnings[i].where.line),
                             "message", p->warnings[i].msg))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *check_json_policy(const char *file, const struct ss_policy *p, const struct ss_error *err)
{
    json_t *o, *rules;
    struct ss_rule *filtered;
    char action[64];
    size_t n;

    if (!p || err->msg[0])
        o = json_pack("{s:s,s:b,s:{s:o,s:s},s:o}", "file", file, "valid", 0, "error", "where",
                      cli_json_where(err->file, err->line), "message", err->msg, "warnings",
                      p ? warnings(p) : json_array());
    else
        o = json_pack("{s:s,s:b,s:n,s:o}", "file", file, "valid", 1, "error", "warnings",
                      warnings(p));
    if (!o || !p)
        return o;
    if (p->mode == SS_MODE_STRICT) {
        if (json_object_set_new(o, "mode", json_string("strict"))) {
            json_decref(o);
            return NULL;
        }
        return o;
    }
    /* The rules as the filter has them: the hardening's masks and companions. */
    filtered = ss_policy_filter_rules(p, true, &n);
    rules = filtered ? json_array() : NULL;
    for (size_t i = 0; rules && i < n; i++)
        if (cli_json_append(rules, rule(p->arch, &filtered[i]))) {
            json_decref(rules);
            rules = NULL;
        }
    free(filtered);
    if (json_object_update_new(
            o,
            json_pack("{s:s,s:s,s:b,s:b,s:b,s:o}", "mode", "filter", "default",
                      ss_action_format_symbolic(p->arch, p->default_action, action, sizeof action),
                      "explain", p->explain, "log", p->log, "landlock", ss_policy_has_landlock(p),
                      "rules", rules))) {
        json_decref(o);
        return NULL;
    }
    return o;
}
