/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The policy learn and from-strace write: a header saying how it was made,
 * [policy] with the default action and one sorted allow line per syscall seen,
 * each with how often it was seen. Every line stays within the policy
 * parser's limits (ASCII, at most SS_LINE_MAX characters). */
#define _GNU_SOURCE
#include "learn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

#define WRAP  96 /* header lines are wrapped near this width */
#define ALLOW ((struct ss_action){SS_ACT_ALLOW, 0})

struct entry {
    int nr;
    const char *name; /* NULL: written as a number */
};

static bool plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("_@%+=:,./-", c);
}

void cli_shell_quote(const char *arg, char *buf, size_t size)
{
    bool all_plain = *arg != 0, printable = true;
    size_t n = 0;

    for (const unsigned char *c = (const unsigned char *)arg; *c; c++) {
        all_plain &= plain(*c);
        printable &= *c >= 0x20 && *c < 0x7f;
    }
#define PUT(...) n += snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__)
    if (all_plain) {
        PUT("%s", arg);
    } else if (printable) {
        PUT("'");
        for (const char *c = arg; *c; c++)
            PUT(*c == '\'' ? "'\\''" : "%c", *c);
        PUT("'");
    } else {
        PUT("$'");
        for (const unsigned char *c = (const unsigned char *)arg; *c; c++)
            if (*c == '\\' || *c == '\'')
                PUT("\\%c", *c);
            else if (*c >= 0x20 && *c < 0x7f)
                PUT("%c", *c);
            else
                PUT("\\x%02x", *c);
        PUT("'");
    }
#undef PUT
}

/* The command line as `; ` comment lines, wrapped at word boundaries. */
static void write_command(FILE *out, int argc, char **argv)
{
    char word[4 * SS_LINE_MAX];
    size_t col = 0;

    fputs(";  seccomp-shim", out);
    col = 15;
    for (int i = 0; i < argc; i++) {
        size_t len;
        cli_shell_quote(argv[i], word, sizeof word);
        len = strlen(word);
        if (col + 1 + len > WRAP) {
            fputs(" \\\n;  ", out);
            col = 3;
        } else {
            fputc(' ', out);
            col++;
        }
        /* A single huge word is cut into pieces no line can overflow with. */
        for (size_t off = 0; off < len; off += WRAP) {
            if (off) {
                fputs("\n;  ", out);
                col = 3;
            }
            fprintf(out, "%.*s", WRAP, word + off);
            col += len - off < WRAP ? len - off : WRAP;
        }
    }
    fputc('\n', out);
}

/* The name of nr as libseccomp knows it; NULL for syscalls newer than
 * libseccomp, which a policy names by number. */
static const char *known_name(int nr)
{
    char number[16];
    const char *key = ss_rule_key(ss_arch_native(), nr, number, sizeof number);

    return key == number ? NULL : key;
}

static int by_key(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;

    if (x->name && y->name)
        return strcmp(x->name, y->name);
    if (x->name || y->name)
        return x->name ? -1 : 1; /* numbers after names */
    return x->nr - y->nr;
}

static const char *times(unsigned long long n)
{
    return n == 1 ? "time" : "times";
}

/* One value of a tight argument: how often the call itself passed it and
 * how often a clone3 call would have (clone only, see struct tally). */
struct seen_value {
    uint64_t value;
    unsigned long long direct, as_clone3;
};

static int by_seen_value(const void *a, const void *b)
{
    const struct seen_value *x = a, *y = b;

    return x->value < y->value ? -1 : x->value > y->value;
}

static void write_value_line(FILE *out, const char *key, int nr, unsigned arg,
                             const struct seen_value *v)
{
    char seen[120];

    if (v->direct && v->as_clone3)
        snprintf(seen, sizeof seen, "seen %llu %s, %llu as clone3", v->direct, times(v->direct),
                 v->as_clone3);
    else if (v->as_clone3)
        snprintf(seen, sizeof seen, "seen %llu %s as clone3 (glibc falls back to clone)",
                 v->as_clone3, times(v->as_clone3));
    else
        snprintf(seen, sizeof seen, "seen %llu %s", v->direct, times(v->direct));
    policy_write_line(out, key, nr,
                      &(struct ss_cond){.arg = arg, .op = SS_OP_EQ, .value = v->value}, 1, seen);
}

void policy_write_line(FILE *out, const char *key, int nr, const struct ss_cond *c, unsigned n,
                       const char *seen)
{
    char rule[4 * SS_LINE_MAX];
    struct ss_action allow = {SS_ACT_ALLOW, 0};

    /* AF_UNIX, TCGETS, CLONE_VM|...: the constant of the argument's family,
     * which reads back as the same value (engine/symbolic.c); numbers when
     * the names would not fit on a policy line. */
    ss_rule_text(ss_arch_native(), key, nr, allow, c, n, SS_TEXT_CONSTANTS, rule, sizeof rule);
    if (strlen(rule) + (seen ? strlen(seen) + 3 : 0) > SS_LINE_MAX)
        ss_rule_text(ss_arch_native(), key, nr, allow, c, n, 0, rule, sizeof rule);
    fprintf(out, "%s%s%s\n", rule, seen ? " ; " : "", seen ? seen : "");
}

/* The lines for a syscall whose argument was recorded: one per value, sorted;
 * with a mask, only the values with one of its bits. For clone, the values
 * clone3 calls would pass to it are merged in. Returns how many lines, -1
 * when out of memory. */
static int write_values(FILE *out, const char *key, int nr, const struct tally_values *tv,
                        const struct tally_values *extra, uint64_t mask)
{
    size_t n = 0, total = (tv ? tv->n : 0) + (extra ? extra->n : 0);
    int lines = 0;
    struct seen_value *v = calloc(total ? total : 1, sizeof *v);
    unsigned arg = tv ? tv->arg : 0;

    if (!v)
        return -1;
    for (size_t i = 0; tv && i < tv->n; i++)
        v[n++] = (struct seen_value){tv->v[i].value, tv->v[i].count, 0};
    for (size_t i = 0; extra && i < extra->n; i++) {
        size_t k = 0;
        while (k < n && v[k].value != extra->v[i].value)
            k++;
        if (k == n)
            v[n++] = (struct seen_value){extra->v[i].value, 0, 0};
        v[k].as_clone3 += extra->v[i].count;
    }
    qsort(v, n, sizeof *v, by_seen_value);
    for (size_t i = 0; i < n; i++)
        if (!mask || (v[i].value & mask)) {
            write_value_line(out, key, nr, arg, &v[i]);
            lines++;
        }
    free(v);
    return lines;
}

/* Lines an allowlist needs although one run may not show them: a signal
 * handler's return, a normal exit after a death by signal, and ENOSYS for
 * the struct-argument siblings, which makes glibc fall back to the call that
 * was seen instead of dying on the first run that happens to try them. */
static void write_additions(FILE *out, const struct tally *t, struct ss_action def,
                            const bool *covered, const bool *skip, struct policy_stats *st)
{
    const struct cli_addition *adds = cli_additions;
    bool header = false;

    if (def.kind == SS_ACT_ALLOW)
        return;
    for (size_t i = 0; i < sizeof cli_additions / sizeof cli_additions[0]; i++) {
        int nr = adds[i].nr;
        if (t->count[nr] || covered[nr] || (skip && skip[nr]) ||
            (adds[i].needs >= 0 && !t->count[adds[i].needs] && !covered[adds[i].needs]))
            continue;
        if (!header)
            fputs("\n; Not seen in this run, added so that other runs do not die for them:\n", out);
        header = true;
        cli_addition_write(out, &adds[i]);
        st->lines++;
    }
}

/* The lines generalization adds, sorted like the others. */
static void write_generalized(FILE *out, const struct generalized *g, const bool *skip,
                              bool *covered, struct policy_stats *st)
{
    struct entry entries[SS_SYSCALL_SLOTS];
    size_t n = 0;
    bool header = false;

    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        if (g->from[nr] != GENERALIZED_NOT && !(skip && skip[nr]))
            entries[n++] = (struct entry){nr, known_name(nr)};
    qsort(entries, n, sizeof entries[0], by_key);
    for (size_t i = 0; i < n; i++) {
        int nr = entries[i].nr;
        char key[16], from[64] = "";
        const char *known = ss_syscall_name(nr);

        if (!header)
            fputs("\n; Not seen in this run: relatives of the calls above, so that another input "
                  "does\n; not die for them (seccomp-shim learn --exact leaves them out):\n",
                  out);
        header = true;
        if (g->from[nr] >= 0)
            snprintf(from, sizeof from, " from %s", ss_syscall_name(g->from[nr]));
        if (nr == SYS_clone && !g->why[nr])
            strcat(from, ", no namespace flags");
        /* clone without namespace flags (generalize.c) */
        cli_rule_line(out, ss_rule_key(ss_arch_native(), nr, key, sizeof key), nr, ALLOW,
                      nr == SYS_clone ? LEARN_CLONE_NO_NS : NULL, nr == SYS_clone,
                      "%s%sgeneralized%s%s%s", entries[i].name ? "" : known,
                      entries[i].name ? "" : " (unknown to libseccomp), ", from,
                      g->why[nr] ? ": " : "", g->why[nr] ? g->why[nr] : "");
        covered[nr] = true;
        st->lines++;
        st->generalized++;
    }
}

int policy_write_rules(FILE *out, const struct tally *t, const struct policy_options *o,
                       const bool *skip, struct policy_stats *stats)
{
    struct entry entries[SS_SYSCALL_SLOTS];
    struct policy_stats st = {0};
    bool covered[SS_SYSCALL_SLOTS] = {0};
    size_t n = 0;
    char key[16];

    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        if (!learn_seen(t, nr))
            continue;
        st.seen++;
        if (!skip || !skip[nr])
            entries[n++] = (struct entry){nr, known_name(nr)};
    }
    qsort(entries, n, sizeof entries[0], by_key);

    for (size_t i = 0; i < n; i++) {
        const struct tally_values *tv = NULL, *extra = NULL;
        const char *known = ss_syscall_name(entries[i].nr);

        snprintf(key, sizeof key, "%d", entries[i].nr);
        for (size_t k = 0; k < t->ntight; k++)
            if (t->tight_args[k].nr == entries[i].nr && t->tight_args[k].n)
                tv = &t->tight_args[k];
        if (entries[i].nr == SYS_clone && t->clone3_as_clone.n)
            extra = &t->clone3_as_clone;
        if (entries[i].nr == SYS_clone && !t->tight) {
            /* Any flags but CLONE_NEW*, as glibc's fork, threads and
             * posix_spawn vary them; namespaces only as the run asked. */
            int lines = write_values(out, "clone", SYS_clone, tv, extra, LEARN_CLONE_NEW_ANY);
            if (lines < 0)
                return -1;
            unsigned long long direct = t->count[SYS_clone], as3 = t->count[SYS_clone3];
            char d[48] = "", n3[48] = "";
            if (direct)
                snprintf(d, sizeof d, "%llu %s%s", direct, times(direct), as3 ? ", " : "");
            if (as3)
                snprintf(n3, sizeof n3, "%llu%s%s as clone3", as3, direct ? "" : " ",
                         direct ? "" : times(as3));
            cli_rule_line(out, "clone", SYS_clone, ALLOW, LEARN_CLONE_NO_NS, 1,
                          "seen %s%s, no namespace flags", d, n3);
            st.lines += (unsigned)lines + 1;
        } else if (tv || extra) {
            int lines = write_values(out, entries[i].name ? entries[i].name : key, entries[i].nr,
                                     tv, extra, 0);
            if (lines < 0)
                return -1;
            st.lines += lines;
        } else if (tally_arg(t, entries[i].nr) >= 0) {
            /* Seen, but no value of the argument that decides what it does
             * was recorded: a line for any value would grant more than the
             * run showed. The program will die for it: say so. */
            fprintf(out, "; %s: seen %llu %s, but no value of its arg%d was read: not allowed\n",
                    known ? known : key, t->count[entries[i].nr], times(t->count[entries[i].nr]),
                    tally_arg(t, entries[i].nr));
        } else if (entries[i].nr == SYS_clone3) {
            /* Its flags are in a struct no filter can read: allowing it would
             * undo the check on clone's. ENOSYS sends glibc to clone. */
            cli_rule_line(out, "clone3", SYS_clone3, (struct ss_action){SS_ACT_ERRNO, ENOSYS}, NULL,
                          0,
                          "seen %llu %s; glibc falls back to clone, whose flags are "
                          "checked",
                          t->count[SYS_clone3], times(t->count[SYS_clone3]));
            st.lines++;
        } else if (entries[i].name) {
            cli_rule_line(out, entries[i].name, entries[i].nr, ALLOW, NULL, 0, "seen %llu %s",
                          t->count[entries[i].nr], times(t->count[entries[i].nr]));
            st.lines++;
        } else {
            cli_rule_line(out, key, entries[i].nr, ALLOW, NULL, 0, "%s%sseen %llu %s",
                          known ? known : "", known ? " (unknown to libseccomp), " : "",
                          t->count[entries[i].nr], times(t->count[entries[i].nr]));
            st.lines++;
        }
    }
    if (!o->exact && o->def.kind != SS_ACT_ALLOW) {
        struct generalized g;
        learn_generalize(t, &g);
        write_generalized(out, &g, skip, covered, &st);
    }
    if (o->scan && o->def.kind != SS_ACT_ALLOW)
        scan_write_lines(out, t, o->scan, skip, covered, &st);
    write_additions(out, t, o->def, covered, skip, &st);
    if (stats)
        *stats = st;
    return ferror(out) ? -1 : 0;
}

void policy_write_origin(FILE *out, const char *what, int argc, char **argv)
{
    char date[64];
    time_t now = time(NULL);
    struct tm tm;

    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S %z", localtime_r(&now, &tm));
    fprintf(out, "; %s:\n", what);
    write_command(out, argc, argv);
    fprintf(out, "; on %s.\n", date);
}

int policy_write(FILE *out, const struct tally *t, const struct policy_options *o,
                 struct policy_stats *stats)
{
    char action[64];

    policy_write_origin(out, "Written by", o->argc, o->argv);
    if (o->note)
        fprintf(out, "; %s\n", o->note);
    fprintf(out, "\n[policy]\ndefault = %s\n\n[syscalls]\n",
            ss_action_format(o->def, action, sizeof action));
    if (policy_write_rules(out, t, o, NULL, stats))
        return -1;
    if (o->fs && learn_fs_write(out, o->fs, &o->fs_options))
        return -1;
    return ferror(out) ? -1 : 0;
}
