/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* learn --append POLICY: the policy as it was, byte for byte (comments,
 * order, includes), and then one marked block with the lines for what the
 * new run needed that POLICY does not name yet. A syscall POLICY names in
 * any way (allowed, refused, with conditions, through a group or an include)
 * is left as POLICY says: the block only adds, except that a call it
 * refuses only because its conditions (learn --tight's `allow if arg0 ==
 * AF_UNIX`) name other values gets a line for its values, over the same
 * arguments. The result is judged again: a call of the run that it would
 * still refuse by its default makes append fail, writing nothing. */
#define _GNU_SOURCE
#include "learn.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

int append_open(struct learn_append *a, const char *path)
{
    struct ss_error err;
    struct ss_policy *p;

    memset(a, 0, sizeof *a);
    a->path = path;
    a->text = ss_read_policy(path, &a->len, NULL, &err);
    if (!a->text) {
        cli_print_error(&err);
        return -1;
    }
    if (ss_compiled_sniff(a->text, a->len)) {
        cli_error("%s: a compiled policy: append to the INI file it was compiled from", path);
        goto fail;
    }
    p = ss_policy_new(ss_arch_native());
    if (!p) {
        cli_error("out of memory");
        goto fail;
    }
    if (ss_parse_buffer(p, a->text, a->len, path, SS_PARSE_FILE, &err)) {
        cli_print_error(&err);
        ss_policy_free(p);
        goto fail;
    }
    if (p->mode != SS_MODE_FILTER || !p->has_default || p->default_action.kind == SS_ACT_ALLOW) {
        cli_error("%s: --append adds allow lines to an allowlist: the policy needs a default "
                  "that refuses (it has %s)",
                  path,
                  p->mode != SS_MODE_FILTER ? "mode = strict"
                  : p->has_default          ? "default = allow"
                                            : "no default");
        ss_policy_free(p);
        goto fail;
    }
    a->def = p->default_action;
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].nr >= 0 && p->rules[i].nr < SS_SYSCALL_SLOTS && !p->rules[i].builtin)
            a->named[p->rules[i].nr] = true;
    a->p = p;
    refused_init(&a->refused, p);
    return 0;
fail:
    free(a->text);
    a->text = NULL;
    return -1;
}

void append_free(struct learn_append *a)
{
    refused_free(&a->refused);
    ss_policy_free(a->p);
    a->p = NULL;
    free(a->text);
    a->text = NULL;
}

int append_judge(struct learn_append *a, const struct seccomp_data *d, unsigned extra_args)
{
    if (d->nr == SYS_clone3 && append_clone3_falls_back(a))
        return 0; /* refused on purpose: its clone is judged instead */
    return refused_add(&a->refused, d, extra_args);
}

bool append_clone3_falls_back(const struct learn_append *a)
{
    struct seccomp_data d = {.nr = SYS_clone3, .arch = ss_arch_audit(a->p->arch)};
    struct ss_verdict v;

    if (a->tight && !a->named[SYS_clone3])
        return true; /* the block will say clone3 = errno(ENOSYS) */
    ss_policy_eval(a->p, &d, &v);
    return v.action.kind == SS_ACT_ERRNO && v.action.data == ENOSYS;
}

/* True when the last section header of the text is [syscalls]. */
static bool ends_in_syscalls(const char *text, size_t len)
{
    bool in = false;

    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        size_t k = i;
        while (k < end && isspace((unsigned char)text[k]))
            k++;
        if (k < end && text[k] == '[')
            in = end - k >= 10 && strncmp(text + k, "[syscalls]", 10) == 0;
        i = end + 1;
    }
    return in;
}

/* The policy text written: the file, then the block. */
static char *appended(const struct learn_append *a, const struct tally *t,
                      const struct policy_options *o, struct policy_stats *st, size_t *len)
{
    char *block = NULL, *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&block, &size), *out;
    int rc;

    if (!mem)
        return NULL;
    /* first the calls POLICY names but refused for their argument values */
    int values = refused_write_lines(&a->refused, mem, a->named, true);
    rc = values < 0 ? -1 : policy_write_rules(mem, t, o, a->named, st);
    st->lines += values;
    if (fclose(mem) || rc) {
        free(block);
        return NULL;
    }
    out = open_memstream(&text, len);
    if (!out) {
        free(block);
        return NULL;
    }
    fwrite(a->text, 1, a->len, out);
    if (st->lines) {
        if (a->len && a->text[a->len - 1] != '\n')
            fputc('\n', out);
        fputc('\n', out);
        policy_write_origin(out, "Added by", o->argc, o->argv);
        if (!ends_in_syscalls(a->text, a->len))
            fputs("[syscalls]\n", out);
        /* the block starts with the lines seen, or with a blank line and
         * the header of the generalized ones */
        fputs(block[0] == '\n' ? block + 1 : block, out);
    }
    free(block);
    if (fclose(out)) {
        free(text);
        return NULL;
    }
    return text;
}

/* Judges the run's refused calls again by the policy written: says what it
 * would still refuse. False when a call would still be refused by the
 * default or the architecture check (the program would die or fail where
 * append says it added what was missing). */
static bool judge_again(const struct learn_append *a, const char *text, size_t len)
{
    const struct refused *r = &a->refused;
    struct ss_policy *p = ss_policy_new(ss_arch_native());
    struct ss_error err;
    char quote[1024];
    bool ok = true;

    if (!p || ss_parse_buffer(p, text, len, a->path, SS_PARSE_FILE, &err)) {
        if (p)
            cli_error("the policy append would write does not read back: %s", err.msg);
        else
            cli_error("out of memory");
        ss_policy_free(p);
        return false;
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct refused_call *c = &r->c[i];
        /* another ABI's numbers are not x86_64's names */
        const char *name = c->d.nr >= 0 && !c->bad_arch ? ss_syscall_name(c->d.nr) : NULL;
        char number[16];
        struct ss_verdict v;

        if (!name) {
            snprintf(number, sizeof number, c->d.nr >= 0x40000000 ? "%#x" : "%d", c->d.nr);
            name = number;
        }
        ss_policy_eval(p, &c->d, &v);
        if (!refused_refuses(&v))
            continue;
        if (v.bad_arch) {
            cli_error("%s: %llu call%s of syscall %s of another ABI (i386, x32) would still be "
                      "killed: no x86_64 policy can allow %s",
                      a->path, c->count, c->count == 1 ? "" : "s", name,
                      c->count == 1 ? "it" : "them");
            ok = false;
        } else if (v.network) {
            cli_error("warning: %s: [network] refuses %llu call%s of %s the run made: left as "
                      "the policy says",
                      a->path, c->count, c->count == 1 ? "" : "s", name);
        } else if (v.rule) {
            ss_rule_quote(p->arch, v.rule, quote, sizeof quote);
            cli_error("warning: %s refuses %llu call%s of %s the run made: left as the policy "
                      "says",
                      quote, c->count, c->count == 1 ? "" : "s", name);
        } else {
            ss_default_quote(p, v.action, quote, sizeof quote);
            cli_error("%llu call%s of %s the run made would still be refused by %s: append "
                      "cannot write a line that allows %s",
                      c->count, c->count == 1 ? "" : "s", name, quote,
                      c->count == 1 ? "it" : "them");
            ok = false;
        }
    }
    ss_policy_free(p);
    return ok;
}

int append_write(const struct learn_append *a, FILE *out, const struct tally *t,
                 const struct policy_options *o, struct policy_stats *st)
{
    size_t len;
    char *text;

    *st = (struct policy_stats){0};
    text = appended(a, t, o, st, &len);
    if (!text) {
        cli_error("out of memory");
        return -1;
    }
    if (!judge_again(a, text, len)) {
        cli_error("%s: nothing written", a->path);
        free(text);
        return -1;
    }
    fwrite(text, 1, len, out);
    free(text);
    return ferror(out) ? -1 : 0;
}
