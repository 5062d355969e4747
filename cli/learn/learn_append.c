/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* learn --append POLICY: the policy as it was, byte for byte (comments,
 * order, includes), and then one marked block with the lines for what the
 * new run needed that POLICY does not name yet. A syscall POLICY names in
 * any way (allowed, refused, with conditions, through a group or an include)
 * is left as POLICY says: the block only adds. */
#define _GNU_SOURCE
#include "learn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
    p = ss_policy_new();
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
    ss_policy_free(p);
    return 0;
fail:
    free(a->text);
    a->text = NULL;
    return -1;
}

void append_free(struct learn_append *a)
{
    free(a->text);
    a->text = NULL;
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

int append_write(const struct learn_append *a, FILE *out, const struct tally *t,
                 const struct policy_options *o, struct policy_stats *st)
{
    char *block = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&block, &size);
    int rc;

    if (!mem) {
        cli_error("out of memory");
        return -1;
    }
    rc = policy_write_rules(mem, t, o, a->named, st);
    if (fclose(mem) || rc) {
        free(block);
        cli_error("out of memory");
        return -1;
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
    return ferror(out) ? -1 : 0;
}
