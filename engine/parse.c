/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* INI text -> policy model. inih splits lines into sections and keys, and
 * hands each indented line to the handler again under the key above (its
 * multi-line values). Our own line reader in front of it counts lines (inih
 * does not tell its handler), cuts off comments, and refuses what inih would
 * silently accept: over-long lines it would split, an indented line that
 * could be read two ways (a key, a section, a line after a blank one), text
 * after a section header, `:` for `=`, a byte-order mark, control characters,
 * NUL bytes, invalid UTF-8. The handler takes a continuation for lists only. */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLICY_SIZE_MAX (1 << 20)

/* What the files of one include tree share: the chain of files being parsed
 * (for cycles and depth) and, for each setting, how deep the value in force
 * was set (the shallowest file wins; of two includes at one depth, the later). */
enum setting { SET_MODE, SET_DEFAULT, SET_EXPLAIN, SET_LOG, SET_TTY, SET_LANDLOCK, SET_COUNT };

struct settings {
    bool has[SET_COUNT];
    const char *from[SET_COUNT]; /* the file whose line set it */
    enum ss_mode mode;
    struct ss_where mode_where, default_where;
    struct ss_action def;
    bool explain, explain_all, log, tty_inject;
    bool best_effort; /* landlock = best-effort */
    unsigned landlock_layer;
    struct ss_where landlock_where;
};

struct tree {
    const char *chain[SS_INCLUDE_MAX + 1]; /* interned names, top file first */
    char *real[SS_INCLUDE_MAX + 1];        /* their realpath()s, NULL for text */
    unsigned depth;                        /* files on the chain */
    const char *top_file;                  /* the top file's name; NULL for text */
    bool lint;                             /* SS_PARSE_LINT: warnings are wanted */
    /* Settings, per file on the chain: its own lines, and what the files it
     * includes settled on. A file's value is its own, else its includes'. */
    struct settings own[SS_INCLUDE_MAX + 2], inc[SS_INCLUDE_MAX + 2];
    /* A setting two of a file's includes disagree on (the line of the second
     * include; 0: none): an error unless the file sets it itself. */
    unsigned clash_line[SS_INCLUDE_MAX + 2][SET_COUNT];
    const char *clash_with[SS_INCLUDE_MAX + 2][SET_COUNT];
};

struct parse {
    struct ss_policy *p;
    struct tree *tree;
    struct ss_error *err;
    const char *file; /* interned */
    unsigned layer;
    const char *pos; /* reader position in the text */
    const char *end;
    unsigned line;
    bool list_open;   /* a `name = value` line is above, only comments since */
    bool continued;   /* the line inih has continues the value above */
    bool value_below; /* the line inih has is `name =` with continuations below */
    bool failed;
    unsigned fail_line; /* of this file, where it failed */
    /* The line of the first setting of each. */
    unsigned seen_mode, seen_default, seen_explain, seen_log, seen_tty, seen_landlock;
};

static int fail_here(struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_here(struct parse *ps, const char *fmt, ...)
{
    va_list ap;

    if (!ps->failed) {
        snprintf(ps->err->file, sizeof ps->err->file, "%s", ps->file);
        ps->err->line = ps->line;
        va_start(ap, fmt);
        vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
        va_end(ap);
        ps->fail_line = ps->line;
    }
    ps->failed = true;
    return 0; /* inih: error */
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], extra;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            extra = 1;
        else if (c >= 0xe0 && c <= 0xef)
            extra = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            extra = 3;
        else
            return false;
        for (unsigned k = 1; k <= extra; k++)
            if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether the next line after line's that is not a comment is indented. */
static bool continues_below(const char *line, const char *end)
{
    const char *s = memchr(line, '\n', end - line);

    s = s ? s + 1 : end;
    while (s < end) {
        const char *t = s;
        while (t < end && blank(*t))
            t++;
        if (t == end || *t == '\n' || *t == '\r')
            return false; /* a blank line ends a list */
        if (*t != ';' && *t != '#')
            return t > s;
        t = memchr(t, '\n', end - t);
        s = t ? t + 1 : end;
    }
    return false;
}

/* The values a continuation line may add to: lists, repeatable keys. */
static bool list_key(const char *section, const char *name)
{
    return (!strcmp(section, "policy") && !strcmp(name, "include")) ||
           !strcmp(section, "filesystem") || !strcmp(section, "network");
}

/* A comment `; accept-warning: NAME...`: recorded for the warnings of its line. */
static int accept_comment(struct parse *ps, const char *text, size_t len)
{
    char why[128];
    unsigned kinds;

    if (ss_accept_comment(text, len, &kinds, why, sizeof why))
        return fail_here(ps, "%s", why), -1;
    if (kinds && ss_policy_accept(ps->p, (struct ss_where){ps->file, ps->line}, kinds))
        return fail_here(ps, "out of memory"), -1;
    return 0;
}

/* Checks one raw line before inih sees it and cuts off its comment; returns
 * the length of what inih is to see. inih would skip a byte-order mark and
 * control characters, drop what follows `]`, and take `:` for `=`: all are
 * errors here. A comment starts at `;` or `#` at the start of the line or
 * after a blank, so inih never sees one (it knows only `;` after a blank). */
static size_t check_line(struct parse *ps, const char *s, size_t len)
{
    /* The bytes the one pass over the line stops at: outside printable
     * ASCII, a comment's start, and = or :. */
    static const bool stop[256] = {[0 ... 0x1f] = true, [0x7f ... 0xff] = true, [';'] = true,
                                   ['#'] = true,        ['='] = true,           [':'] = true};
    size_t i = 0, comment = len, eq = len;
    bool printable = true, has_comment;

    ps->continued = ps->value_below = false;
    if (len > SS_LINE_MAX)
        return fail_here(ps,
                         "line is longer than %d characters: continue a list on the next lines, "
                         "each indented",
                         SS_LINE_MAX);
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = s[k];
        if (!stop[ch])
            continue;
        if (ch < 0x20 || ch >= 0x7f)
            printable = false;
        else if (comment < len)
            continue; /* the rest is comment; only its bytes are still checked */
        else if ((ch == ';' || ch == '#') && (k == 0 || blank(s[k - 1])))
            comment = k;
        else if ((ch == '=' || ch == ':') && eq == len)
            eq = k;
    }
    /* Printable ASCII, most lines: none of the three byte checks can fail. */
    if (!printable && !valid_utf8((const unsigned char *)s, len))
        return fail_here(ps, "line is not valid UTF-8 text");
    if (!printable && ps->line == 1 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
        return fail_here(ps, "byte-order mark: save the file as UTF-8 without one");
    for (size_t k = 0; !printable && k < len; k++)
        if (((unsigned char)s[k] < 0x20 && s[k] != '\t') || s[k] == 0x7f)
            return fail_here(ps, "control character 0x%02x: only tabs and printable text",
                             (unsigned char)s[k]);
    has_comment = comment < len;
    if (has_comment) {
        if (accept_comment(ps, s + comment + 1, len - comment - 1))
            return 0;
        len = comment;
    }
    while (len && blank(s[len - 1]))
        len--;
    while (i < len && blank(s[i]))
        i++;
    if (!len) {
        ps->list_open &= has_comment; /* a comment line keeps a list open, a blank line ends it */
        return 0;
    }
    if (i > 0) { /* inih joins it to the key above: only where that is all it can mean */
        if (s[i] == '[')
            return fail_here(ps, "indented line: a section header starts its line; remove the "
                                 "indentation");
        if (memchr(s + i, '=', len - i))
            return fail_here(ps, "indented line with `=`: an indented line continues the list "
                                 "above and sets no key; remove the indentation");
        if (!ps->list_open)
            return fail_here(ps, "indented line: no list above it to continue; remove the "
                                 "indentation");
        ps->continued = true;
        return len;
    }
    ps->list_open = false;
    if (s[0] == '[') {
        const char *close = memchr(s, ']', len);
        size_t n = close ? (size_t)(close - s - 1) : 0;
        char name[64];
        if (!close || n >= sizeof name)
            return fail_here(ps, "malformed section header (expected [policy] or [syscalls])");
        memcpy(name, s + 1, n);
        name[n] = 0;
        if (strcmp(name, "policy") != 0 && strcmp(name, "syscalls") != 0 &&
            !ss_landlock_section(ps->p, name, (struct ss_where){ps->file, ps->line}))
            return fail_here(ps,
                             "unknown section [%s] (expected [policy], [syscalls], "
                             "[filesystem], [network] or [scope])",
                             name);
        if (close + 1 != s + len)
            return fail_here(ps,
                             "text after [%s]: a section header stands alone on its line (a "
                             "comment may follow it)",
                             name);
    } else {
        /* eq: the first = or : before any comment (the pass above) */
        if (eq < len && s[eq] == ':') {
            while (eq && blank(s[eq - 1]))
                eq--;
            return fail_here(ps, "`:` between name and value: write `%.*s = ...`", (int)eq, s);
        }
        ps->list_open = eq < len;
        ps->value_below = eq + 1 == len && continues_below(s, ps->end);
    }
    return len;
}

/* inih's reader: one line at a time, like fgets, without its comment. */
static char *read_line(char *str, int num, void *stream)
{
    struct parse *ps = stream;
    const char *nl;
    size_t len, keep;

    if (ps->failed || ps->pos >= ps->end)
        return NULL;
    nl = memchr(ps->pos, '\n', ps->end - ps->pos);
    len = nl ? (size_t)(nl - ps->pos) : (size_t)(ps->end - ps->pos);
    ps->line++;
    if (len && ps->pos[len - 1] == '\r')
        len--;
    keep = check_line(ps, ps->pos, len);
    if (ps->failed || (int)keep + 2 > num)
        return NULL;
    memcpy(str, ps->pos, keep);
    str[keep] = '\n';
    str[keep + 1] = 0;
    ps->pos = nl ? nl + 1 : ps->end;
    return str;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
        *out = false;
    else
        return -1;
    return 0;
}

/* A key of [policy] may be set once per file; *seen keeps the line of the first. */
static int once(struct parse *ps, unsigned *seen, const char *name)
{
    if (*seen)
        return fail_here(ps, "%s is set twice (first at line %u)", name, *seen);
    *seen = ps->line;
    return 1;
}

static bool same_setting(const struct settings *a, const struct settings *b, enum setting w)
{
    switch (w) {
    case SET_MODE:
        return a->mode == b->mode;
    case SET_DEFAULT:
        return ss_action_equal(a->def, b->def);
    case SET_EXPLAIN:
        return a->explain == b->explain && a->explain_all == b->explain_all;
    case SET_LOG:
        return a->log == b->log;
    case SET_TTY:
        return a->tty_inject == b->tty_inject;
    case SET_LANDLOCK:
        return a->best_effort == b->best_effort;
    case SET_COUNT:
        break;
    }
    return true;
}

static void copy_setting(struct settings *to, const struct settings *from, enum setting w)
{
    to->has[w] = true;
    to->from[w] = from->from[w];
    switch (w) {
    case SET_MODE:
        to->mode = from->mode, to->mode_where = from->mode_where;
        break;
    case SET_DEFAULT:
        to->def = from->def, to->default_where = from->default_where;
        break;
    case SET_EXPLAIN:
        to->explain = from->explain, to->explain_all = from->explain_all;
        break;
    case SET_LOG:
        to->log = from->log;
        break;
    case SET_TTY:
        to->tty_inject = from->tty_inject;
        break;
    case SET_LANDLOCK:
        to->best_effort = from->best_effort, to->landlock_layer = from->landlock_layer;
        to->landlock_where = from->landlock_where;
        break;
    case SET_COUNT:
        break;
    }
}

/* The settings file d of the chain ends with: its own, else its includes'. */
static struct settings effective(const struct tree *t, unsigned d)
{
    struct settings e = t->inc[d];

    for (int w = 0; w < SET_COUNT; w++)
        if (t->own[d].has[w])
            copy_setting(&e, &t->own[d], w);
    return e;
}

/* An include of file d (at its line `line`) came back with e. Two includes
 * that disagree are a clash the including file must settle: including an
 * allowlist and a deny-list side by side must not silently allow all. */
static void merge_include(struct tree *t, unsigned d, const struct settings *e, unsigned line)
{
    for (int w = 0; w < SET_COUNT; w++) {
        if (!e->has[w])
            continue;
        if (!t->inc[d].has[w])
            copy_setting(&t->inc[d], e, w);
        else if (!same_setting(&t->inc[d], e, w) && !t->clash_line[d][w]) {
            t->clash_line[d][w] = line;
            t->clash_with[d][w] = e->from[w];
        }
    }
}

/* At the end of file d: a clash among its includes it did not settle. */
static int check_clashes(struct parse *ps, unsigned d)
{
    static const char *const names[SET_COUNT] = {"mode", "default",    "explain",
                                                 "log",  "tty_inject", "landlock"};
    struct tree *t = ps->tree;

    for (int w = 0; w < SET_COUNT; w++)
        if (t->clash_line[d][w] && !t->own[d].has[w]) {
            ps->line = t->clash_line[d][w];
            return fail_here(ps, "included files disagree on %s (%s and %s): set %s in this file",
                             names[w], t->inc[d].from[w], t->clash_with[d][w], names[w]);
        }
    return 1;
}

static int parse_file_at(struct ss_policy *p, const char *path, unsigned layer, struct tree *t,
                         struct ss_error *err);

/* s after the n bytes of buf, cut short at size. */
static size_t append(char *buf, size_t size, size_t n, const char *s)
{
    while (*s && n + 1 < size)
        buf[n++] = *s++;
    buf[n] = 0;
    return n;
}

/* "top.ini -> a.ini -> last" into buf (cut short when too long). Not
 * strncat: with _FORTIFY_SOURCE, GCC warns of its truncation. */
static void chain_text(const struct tree *t, const char *last, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = 0;
    for (unsigned i = 0; i < t->depth; i++) {
        n = append(buf, size, n, t->chain[i]);
        n = append(buf, size, n, " -> ");
    }
    append(buf, size, n, last);
}

/* include = FILE: relative to the including file's folder (to the current
 * directory for policy text), parsed one layer deeper. */
static int include_key(struct parse *ps, const char *value)
{
    struct tree *t = ps->tree;
    char path[4096], found[4096], chain[400], *real;
    const char *slash = strrchr(ps->file, '/');

    if (!value[0])
        return fail_here(ps, "include needs a file name");
    if (value[0] == '/' || (t->depth == 1 && !t->top_file) || !slash)
        snprintf(path, sizeof path, "%s", value);
    else if (snprintf(path, sizeof path, "%.*s/%s", (int)(slash - ps->file), ps->file, value) >=
             (int)sizeof path)
        return fail_here(ps, "include: path too long");
    /* A name that is not beside the including file: the policy folders. */
    if (ss_policy_is_name(value) && access(path, F_OK) != 0 &&
        ss_policy_find(value, found, sizeof found) == 0) {
        snprintf(path, sizeof path, "%s", found);
        if (!ps->p->include_searched.line)
            ps->p->include_searched = (struct ss_where){ps->file, ps->line};
    }
    chain_text(t, path, chain, sizeof chain);
    if (t->depth > SS_INCLUDE_MAX)
        return fail_here(ps, "includes nested deeper than %d: %s", SS_INCLUDE_MAX, chain);
    real = realpath(path, NULL);
    if (!real)
        return fail_here(ps, "cannot include %s: %s", path, strerror(errno));
    for (unsigned i = 0; i < t->depth; i++)
        if (t->real[i] && strcmp(t->real[i], real) == 0) {
            free(real);
            return fail_here(ps, "include cycle: %s", chain);
        }
    t->real[t->depth] = real;
    unsigned d = t->depth - 1, c = t->depth; /* this file, the included one */
    memset(&t->own[c], 0, sizeof t->own[c]);
    memset(&t->inc[c], 0, sizeof t->inc[c]);
    memset(t->clash_line[c], 0, sizeof t->clash_line[c]);
    if (parse_file_at(ps->p, path, ps->layer + 1, t, ps->err)) {
        ps->failed = true; /* the included file's error is the one to show */
        ps->fail_line = ps->line;
        return 0;
    }
    struct settings e = effective(t, c);
    merge_include(t, d, &e, ps->line);
    return 1;
}

static int policy_key(struct parse *ps, const char *name, const char *value)
{
    struct settings *own = &ps->tree->own[ps->tree->depth - 1];
    char why[400];

    if (!strcmp(name, "include"))
        return include_key(ps, value);
    if (!strcmp(name, "landlock")) {
        if (!once(ps, &ps->seen_landlock, name))
            return 0;
        if (ss_landlock_setting(value, &own->best_effort, why, sizeof why))
            return fail_here(ps, "%s", why);
        own->landlock_layer = ps->layer;
        own->landlock_where = (struct ss_where){ps->file, ps->line};
        own->has[SET_LANDLOCK] = true;
        own->from[SET_LANDLOCK] = ps->file;
    } else if (!strcmp(name, "mode")) {
        enum ss_mode mode;
        if (!once(ps, &ps->seen_mode, name))
            return 0;
        if (!strcmp(value, "filter"))
            mode = SS_MODE_FILTER;
        else if (!strcmp(value, "strict"))
            mode = SS_MODE_STRICT;
        else
            return fail_here(ps, "mode must be filter or strict, not `%s`", value);
        own->mode = mode;
        own->mode_where = (struct ss_where){ps->file, ps->line};
        own->has[SET_MODE] = true;
        own->from[SET_MODE] = ps->file;
    } else if (!strcmp(name, "default")) {
        struct ss_action action;
        if (!once(ps, &ps->seen_default, name))
            return 0;
        if (ss_parse_action(ps->p->arch, value, &action, why, sizeof why))
            return fail_here(ps, "default: %s", why);
        own->def = action;
        own->default_where = (struct ss_where){ps->file, ps->line};
        own->has[SET_DEFAULT] = true;
        own->from[SET_DEFAULT] = ps->file;
    } else if (!strcmp(name, "explain") || !strcmp(name, "log")) {
        bool explain = name[0] == 'e', on;
        if (!once(ps, explain ? &ps->seen_explain : &ps->seen_log, name))
            return 0;
        own->explain_all = explain && !strcmp(value, "all");
        if (own->explain_all)
            on = true;
        else if (parse_bool(value, &on))
            return fail_here(ps,
                             explain ? "explain must be yes, no or all, not `%s`"
                                     : "log must be yes or no, not `%s`",
                             value);
        *(explain ? &own->explain : &own->log) = on;
        own->has[explain ? SET_EXPLAIN : SET_LOG] = true;
        own->from[explain ? SET_EXPLAIN : SET_LOG] = ps->file;
    } else if (!strcmp(name, "tty_inject")) {
        if (!once(ps, &ps->seen_tty, name))
            return 0;
        if (strcmp(value, "allow") && strcmp(value, "refuse"))
            return fail_here(ps, "tty_inject must be refuse or allow, not `%s`", value);
        own->tty_inject = value[0] == 'a';
        own->has[SET_TTY] = true;
        own->from[SET_TTY] = ps->file;
    } else {
        return fail_here(ps,
                         "unknown key `%s` in [policy] (include, mode, default, explain, log, "
                         "landlock, tty_inject)",
                         name);
    }
    return 1;
}

/* Resolves the key of a [syscalls] line; *skip when it names a syscall x86_64 lacks. */
static int syscall_key(struct parse *ps, const char *name, int *nr, bool *skip)
{
    bool elsewhere;
    char *end;

    *skip = false;
    if (name[0] >= '0' && name[0] <= '9') {
        unsigned long n = strtoul(name, &end, 10);
        if (*end || n >= SS_SYSCALL_SLOTS) {
            fail_here(ps, "syscall number `%s` is not a number in 0..%d", name,
                      SS_SYSCALL_SLOTS - 1);
            return -1;
        }
        *nr = (int)n;
        return 0;
    }
    *nr = ss_syscall_lookup_arch(ps->p->arch, name, &elsewhere,
                                 NULL); /* names newer than libseccomp too */
    if (*nr >= 0)
        return 0;
    if (elsewhere) {
        *skip = true;
        return 0;
    }
    const char *hint = ss_syscall_suggest_arch(ps->p->arch, name);
    if (hint)
        fail_here(ps, "unknown syscall `%s` (did you mean %s?)", name, hint);
    else
        fail_here(ps, "unknown syscall `%s`", name);
    return -1;
}

/* @group = ...: the rule once for each x86_64 member of the group. */
static int group_key(struct parse *ps, const char *name, struct ss_rule *rule)
{
    unsigned char set[SS_SYSCALL_SLOTS / 8];
    struct ss_rule *r;

    if (ss_group_syscalls(ps->p->arch, name, set)) {
        const char *hint = ss_group_suggest(name);
        if (hint)
            return fail_here(ps, "unknown syscall group `%s` (did you mean %s?)", name, hint);
        return fail_here(ps, "unknown syscall group `%s`", name);
    }
    rule->group = ss_intern(ps->p, name);
    if (!rule->group)
        return fail_here(ps, "out of memory");
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        if (!(set[nr / 8] & (1u << (nr % 8))))
            continue;
        r = ss_policy_add_rule(ps->p);
        if (!r)
            return fail_here(ps, "out of memory");
        *r = *rule;
        r->nr = nr;
    }
    return 1;
}

static int syscalls_key(struct parse *ps, const char *name, const char *value)
{
    struct ss_rule rule = {0}, *r;
    char why[400];
    bool skip = false;

    if (name[0] != '@' && syscall_key(ps, name, &rule.nr, &skip))
        return 0;
    if (ss_parse_rule_spec(ps->p->arch, value, &rule.action, rule.cond, &rule.ncond, why,
                           sizeof why))
        return fail_here(ps, "%s: %s", name, why);
    if (skip) { /* kept aside for harden.c to warn if it meant to refuse something */
        if (ss_policy_skip(ps->p, name, rule.action, (struct ss_where){ps->file, ps->line}))
            return fail_here(ps, "out of memory");
        return 1;
    }
    rule.where = (struct ss_where){ps->file, ps->line};
    rule.layer = ps->layer;
    if (name[0] == '@')
        return group_key(ps, name, &rule);
    r = ss_policy_add_rule(ps->p);
    if (!r)
        return fail_here(ps, "out of memory");
    *r = rule;
    return 1;
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
    struct parse *ps = user;

    if (ps->failed)
        return 0;
    if (!name[0])
        return fail_here(ps, "missing name before `=`");
    if (ps->continued || ps->value_below) {
        /* A continuation is the key again with the next items of its list. */
        if (!list_key(section, name))
            return fail_here(ps,
                             "`%s` takes one value: only a list (include, [filesystem] paths, "
                             "[network] ports) continues on an indented line",
                             name);
        if (ps->value_below)
            return 1; /* `name =`: its values are on the lines below */
    }
    if (!strcmp(section, "policy"))
        return policy_key(ps, name, value);
    if (!strcmp(section, "syscalls"))
        return syscalls_key(ps, name, value);
    if (ss_landlock_is_section(section)) {
        char why[600];
        if (ss_landlock_key(ps->p, section, name, value, (struct ss_where){ps->file, ps->line},
                            ps->tree->real[ps->tree->depth - 1], why, sizeof why))
            return fail_here(ps, "%s", why);
        return 1;
    }
    return fail_here(ps, "`%s` is outside a section (put it under [policy] or [syscalls])", name);
}

/* Parses one file of the tree; t->chain already ends with it. */
static int parse_buffer(struct ss_policy *p, const char *text, size_t len, unsigned layer,
                        struct tree *t, struct ss_error *err)
{
    struct parse ps = {
        .p = p, .tree = t, .err = err, .layer = layer, .pos = text, .end = text + len};
    size_t first = p->nrules;
    const char *nul;
    int rc;

    ps.file = t->chain[t->depth - 1];
    if (ss_policy_add_source(p, t->depth == 1 ? "" : ss_source_rel(t->top_file, ps.file), text, len,
                             t->depth > 1))
        return ss_fail(err, (struct ss_where){ps.file, 0}, "out of memory");
    if (t->depth > 1 && ss_compiled_sniff(text, len))
        return ss_fail(err, (struct ss_where){ps.file, 0},
                       "a compiled policy cannot be included: include the INI it was compiled "
                       "from");
    nul = memchr(text, 0, len);
    if (nul) {
        unsigned line = 1;
        for (const char *c = text; c < nul; c++)
            line += *c == '\n';
        return ss_fail(err, (struct ss_where){ps.file, line}, "NUL byte: this is not a text file");
    }
    rc = ini_parse_stream(read_line, &ps, handle, &ps);
    if (rc > 0 && (!ps.failed || (unsigned)rc < ps.fail_line)) {
        ps.line = rc;
        ps.failed = false;
        fail_here(&ps, "expected `name = value`, `[section]` or a `;` comment");
    } else if (rc < 0 && !ps.failed) {
        return ss_fail(err, (struct ss_where){ps.file, 0}, "out of memory");
    }
    if (ps.failed || !check_clashes(&ps, t->depth - 1))
        return -1;
    if (ss_policy_resolve(p, first, layer, t->lint))
        return ss_fail(err, (struct ss_where){ps.file, 0}, "out of memory");
    return 0;
}

/* Pushes name (and its realpath, or NULL) on the chain and parses text. */
static int parse_in_tree(struct ss_policy *p, const char *text, size_t len, const char *name,
                         unsigned layer, struct tree *t, struct ss_error *err)
{
    int rc;

    t->chain[t->depth] = ss_intern(p, name);
    if (!t->chain[t->depth])
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    t->depth++;
    rc = parse_buffer(p, text, len, layer, t, err);
    t->depth--;
    free(t->real[t->depth]);
    t->real[t->depth] = NULL;
    return rc;
}

/* The whole policy has been read: the checks, and the lint when asked (the
 * shim asks only when its warnings will be printed). */
static int finish(struct ss_policy *p, const struct tree *t, unsigned flags, struct ss_error *err)
{
    bool lint = flags & SS_PARSE_LINT;

    struct settings e = effective(t, 0);

    if (e.has[SET_MODE]) {
        p->mode = e.mode;
        p->mode_where = e.mode_where;
    }
    if (e.has[SET_DEFAULT]) {
        p->default_action = e.def;
        p->default_where = e.default_where;
        p->has_default = true;
    }
    if (e.has[SET_EXPLAIN])
        p->explain = e.explain, p->explain_all = e.explain_all;
    if (e.has[SET_LOG])
        p->log = e.log;
    if (e.has[SET_TTY])
        p->tty_inject = e.tty_inject;
    if (e.has[SET_LANDLOCK]) {
        p->landlock.best_effort = e.best_effort;
        p->landlock.best_effort_layer = e.landlock_layer + 1;
        p->landlock.best_effort_where = e.landlock_where;
    }
    if (ss_policy_check(p, err) || ss_landlock_finish(p, err))
        return -1;
    ss_net_guard_init(p);
    ss_source_done(&p->books->source, p->books->id);
    if ((lint && (ss_policy_lint(p) || ss_policy_harden_lint(p) || ss_policy_lint_overlap(p) ||
                  ss_policy_lint_accepted(p))) ||
        ss_policy_refuse_tty_inject(p))
        return ss_fail(err, (struct ss_where){0}, "out of memory");
    return 0;
}

int ss_parse_buffer(struct ss_policy *p, const char *text, size_t len, const char *name,
                    unsigned flags, struct ss_error *err)
{
    struct tree t = {.lint = flags & SS_PARSE_LINT};

    if (len > POLICY_SIZE_MAX)
        return ss_fail(err, (struct ss_where){name, 0}, "policy is larger than 1 MiB");
    if (flags & SS_PARSE_FILE) {
        t.top_file = name;
        t.real[0] = realpath(name, NULL); /* for include cycles; NULL: resolved as text */
    }
    if (parse_in_tree(p, text, len, name, 0, &t, err))
        return -1;
    return finish(p, &t, flags, err);
}

int ss_parse_text(struct ss_policy *p, const char *text, const char *name, struct ss_error *err)
{
    return ss_parse_buffer(p, text, strnlen(text, POLICY_SIZE_MAX + 1), name, SS_PARSE_LINT, err);
}

/* Reads a whole policy file into a NUL-terminated buffer: room's when it fits,
 * else one sized to the file. Only regular files: a FIFO or a device would
 * block or be consumed (opening with O_NONBLOCK keeps even the open from
 * waiting for a FIFO's writer). */
char *ss_read_policy_into(const char *path, char *room, size_t size, size_t *len, struct stat *out,
                          struct ss_error *err)
{
    struct ss_where where = {path, 0};
    struct stat st;
    char *buf = NULL, extra;
    size_t n = 0;
    ssize_t got = 0;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        ss_fail(err, where, "cannot open policy: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        ss_fail(err, where, "cannot read policy: %s", strerror(errno));
        goto out;
    }
    if (out)
        *out = st;
    if (S_ISDIR(st.st_mode)) {
        ss_fail(err, where, "cannot read policy: %s", strerror(EISDIR));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        ss_fail(err, where, "cannot read policy: not a regular file");
        goto out;
    }
    if (st.st_size > POLICY_SIZE_MAX) {
        ss_fail(err, where, "policy is larger than 1 MiB");
        goto out;
    }
    buf = (size_t)st.st_size < size ? room : malloc(st.st_size + 1);
    if (!buf) {
        ss_fail(err, where, "out of memory");
        goto out;
    }
    while (n < (size_t)st.st_size && (got = read(fd, buf + n, st.st_size - n)) > 0)
        n += got;
    if (got >= 0)
        got = read(fd, &extra, 1);
    if (got < 0) {
        ss_fail(err, where, "cannot read policy: %s", strerror(errno));
    } else if (got > 0 || n < (size_t)st.st_size) {
        ss_fail(err, where, "cannot read policy: the file changed while being read");
    } else {
        buf[n] = 0;
        *len = n;
        close(fd);
        return buf;
    }
    if (buf != room)
        free(buf);
    buf = NULL;
out:
    close(fd);
    return NULL;
}

char *ss_read_policy(const char *path, size_t *len, struct stat *out, struct ss_error *err)
{
    return ss_read_policy_into(path, NULL, 0, len, out, err);
}

/* An included file; include_key set t->real[t->depth] to its realpath. */
static int parse_file_at(struct ss_policy *p, const char *path, unsigned layer, struct tree *t,
                         struct ss_error *err)
{
    size_t len;
    char *text;
    int rc;

    text = ss_read_policy(path, &len, NULL, err);
    if (!text) {
        free(t->real[t->depth]);
        t->real[t->depth] = NULL;
        return -1;
    }
    rc = parse_in_tree(p, text, len, path, layer, t, err);
    free(text);
    return rc;
}

int ss_parse_file(struct ss_policy *p, const char *path, struct ss_error *err)
{
    size_t len;
    char *text = ss_read_policy(path, &len, NULL, err);
    int rc;

    if (!text)
        return -1;
    rc = ss_parse_buffer(p, text, len, path, SS_PARSE_LINT | SS_PARSE_FILE, err);
    free(text);
    return rc;
}
