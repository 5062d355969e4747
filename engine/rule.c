/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The right-hand side of a [syscalls] line: ACTION [if COND && COND ...].
 *
 *   action  := allow | kill | kill_process | kill_thread | trap | log
 *            | errno(VALUE) | trace(VALUE)
 *   cond    := argN OP value | argN & value == value       (N in 0..5)
 *   OP      := == | != | < | <= | > | >=
 *   value   := term ('|' term)*
 *   term    := NUMBER | -NUMBER | CONSTANT                (decimal, 0x hex, 0 octal)
 *
 * A small lexer feeds a recursive-descent parser; errors name the token and
 * its column so the caller can point at it. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok {
    T_END,
    T_WORD,   /* identifiers and numbers */
    T_LPAREN, /* ( */
    T_RPAREN, /* ) */
    T_AND,    /* && */
    T_AMP,    /* & */
    T_PIPE,   /* | */
    T_MINUS,  /* - */
    T_OP,     /* == != < <= > >= */
    T_BAD,
};

struct lexer {
    const char *s, *pos;
    enum tok tok;
    const char *start; /* of the current token */
    size_t len;
    char *why;
    size_t whysize;
    enum ss_arch arch; /* whose constants */
};

static void next(struct lexer *lx)
{
    const char *p = lx->pos;

    while (*p == ' ' || *p == '\t')
        p++;
    lx->start = p;
    if (!*p) {
        lx->tok = T_END;
    } else if (isalnum((unsigned char)*p) || *p == '_') {
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        lx->tok = T_WORD;
    } else if (p[0] == '&' && p[1] == '&') {
        p += 2, lx->tok = T_AND;
    } else if ((p[0] == '=' || p[0] == '!') && p[1] == '=') {
        p += 2, lx->tok = T_OP;
    } else if ((p[0] == '<' || p[0] == '>')) {
        p += p[1] == '=' ? 2 : 1, lx->tok = T_OP;
    } else {
        switch (*p++) {
        case '(':
            lx->tok = T_LPAREN;
            break;
        case ')':
            lx->tok = T_RPAREN;
            break;
        case '&':
            lx->tok = T_AMP;
            break;
        case '|':
            lx->tok = T_PIPE;
            break;
        case '-':
            lx->tok = T_MINUS;
            break;
        default:
            lx->tok = T_BAD;
            break;
        }
    }
    lx->len = p - lx->start;
    lx->pos = p;
}

static bool is(const struct lexer *lx, const char *word)
{
    return lx->tok == T_WORD && strlen(word) == lx->len && strncmp(lx->start, word, lx->len) == 0;
}

static int error(struct lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int error(struct lexer *lx, const char *fmt, ...)
{
    char msg[300];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (lx->tok == T_END)
        snprintf(lx->why, lx->whysize, "%s at the end of `%s`", msg, lx->s);
    else
        snprintf(lx->why, lx->whysize, "%s at `%.*s` (column %d of `%s`)", msg, (int)lx->len,
                 lx->start, (int)(lx->start - lx->s) + 1, lx->s);
    return -1;
}

static int parse_number(struct lexer *lx, unsigned long long *out)
{
    char buf[32], *end;

    if (lx->len >= sizeof buf)
        return error(lx, "number too long");
    memcpy(buf, lx->start, lx->len);
    buf[lx->len] = 0;
    errno = 0;
    *out = strtoull(buf, &end, 0);
    if (*end || errno || buf[0] == '-')
        return error(lx, "not a number (decimal, 0x hex or 0 octal)");
    return 0;
}

/* term := NUMBER | -NUMBER | CONSTANT; the value as the kernel sees a 64-bit register. */
static int parse_term(struct lexer *lx, uint64_t *out, bool *negative)
{
    unsigned long long n;
    long long v;
    char name[64];

    *negative = false;
    if (lx->tok == T_MINUS) {
        next(lx);
        if (lx->tok != T_WORD || !isdigit((unsigned char)*lx->start))
            return error(lx, "expected a number after `-`");
        if (parse_number(lx, &n))
            return -1;
        if (n > 0x80000000ULL)
            return error(lx, "negative value below the range of int");
        *out = (uint64_t) - (long long)n;
        *negative = n != 0;
        next(lx);
        return 0;
    }
    if (lx->tok != T_WORD)
        return error(lx, "expected a value");
    if (isdigit((unsigned char)*lx->start)) {
        if (parse_number(lx, &n))
            return -1;
        *out = n;
        next(lx);
        return 0;
    }
    if (lx->len >= sizeof name)
        return error(lx, "unknown constant");
    memcpy(name, lx->start, lx->len);
    name[lx->len] = 0;
    if (ss_constant_value_arch(lx->arch, name, &v)) {
        const char *hint = ss_constant_suggest(name);
        if (hint)
            return error(lx, "unknown constant (did you mean %s?)", hint);
        return error(lx, "unknown constant");
    }
    *out = (uint64_t)v;
    *negative = v < 0;
    next(lx);
    return 0;
}

/* value := term ('|' term)*; negative only alone (an int such as AT_FDCWD). */
static int parse_value(struct lexer *lx, uint64_t *out, bool *negative)
{
    uint64_t v = 0;
    bool neg = false;
    int terms = 0;

    *out = 0;
    *negative = false;
    do {
        if (terms++)
            next(lx);
        if (parse_term(lx, &v, &neg))
            return -1;
        *out |= v;
        *negative |= neg;
    } while (lx->tok == T_PIPE);
    if (*negative && terms > 1)
        return error(lx, "negative values cannot be combined with `|`");
    return 0;
}

static int parse_cond(struct lexer *lx, struct ss_cond *c)
{
    bool negative, mask_negative;

    if (lx->tok != T_WORD || lx->len != 4 || strncmp(lx->start, "arg", 3) != 0 ||
        lx->start[3] < '0' || lx->start[3] > '5')
        return error(lx, "expected arg0 .. arg5");
    c->arg = lx->start[3] - '0';
    next(lx);
    if (lx->tok == T_AMP) {
        next(lx);
        if (parse_value(lx, &c->mask, &mask_negative))
            return -1;
        if (mask_negative) /* an int such as FUTEX_CMD_MASK: its 32 bits */
            c->mask &= 0xffffffffULL;
        if (lx->tok != T_OP || lx->len != 2 || strncmp(lx->start, "==", 2) != 0)
            return error(lx, "expected `==` after `argN & MASK`");
        next(lx);
        c->op = SS_OP_MASKED_EQ;
        if (parse_value(lx, &c->value, &negative))
            return -1;
        if (negative)
            return error(lx, "a masked value cannot be negative");
        if (c->value & ~c->mask)
            return error(lx, "value has bits outside the mask: the condition can never hold");
        return 0;
    }
    if (lx->tok != T_OP)
        return error(lx, "expected a comparison (== != < <= > >=) or `& MASK ==`");
    for (enum ss_op op = SS_OP_EQ; op <= SS_OP_GE; op++)
        if (strlen(ss_op_text(op)) == lx->len && strncmp(lx->start, ss_op_text(op), lx->len) == 0)
            c->op = op;
    next(lx);
    if (parse_value(lx, &c->value, &negative))
        return -1;
    if (negative) {
        /* A negative int argument reaches the filter sign- or zero-extended
         * depending on the caller: compare the low 32 bits only. */
        if (c->op != SS_OP_EQ)
            return error(lx, "negative values can only be compared with `==`");
        c->op = SS_OP_MASKED_EQ;
        c->mask = 0xffffffffULL;
        c->value &= 0xffffffffULL;
    }
    return 0;
}

/* errno(E) / trace(N): a number or, for errno, an errno name. */
static int parse_action_arg(struct lexer *lx, unsigned max, uint16_t *out)
{
    uint64_t v;
    bool negative;

    if (lx->tok != T_LPAREN)
        return error(lx, "expected `(`");
    next(lx);
    if (parse_value(lx, &v, &negative))
        return -1;
    if (negative || v > max)
        return error(lx, "value out of range 0..%u", max);
    if (lx->tok != T_RPAREN)
        return error(lx, "expected `)`");
    next(lx);
    *out = (uint16_t)v;
    return 0;
}

static int parse_action_lx(struct lexer *lx, struct ss_action *a)
{
    /* The actions without a value, and `kill` for kill_process. */
    static const enum ss_action_kind plain[] = {SS_ACT_ALLOW, SS_ACT_KILL_PROCESS,
                                                SS_ACT_KILL_THREAD, SS_ACT_TRAP, SS_ACT_LOG};

    a->data = 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (is(lx, ss_action_name(plain[i])) ||
            (plain[i] == SS_ACT_KILL_PROCESS && is(lx, "kill"))) {
            a->kind = plain[i];
            next(lx);
            return 0;
        }
    if (is(lx, ss_action_name(SS_ACT_ERRNO))) {
        a->kind = SS_ACT_ERRNO;
        next(lx);
        if (parse_action_arg(lx, SS_ERRNO_MAX, &a->data))
            return -1;
        if (a->data == SS_PROBE_ERRNO)
            return error(lx,
                         "errno %d is reserved: seccomp-shim's filters answer their probe "
                         "with it",
                         SS_PROBE_ERRNO);
        return 0;
    }
    if (is(lx, ss_action_name(SS_ACT_TRACE))) {
        a->kind = SS_ACT_TRACE;
        next(lx);
        return parse_action_arg(lx, 0xffff, &a->data);
    }
    return error(lx, "unknown action (allow, kill, kill_process, kill_thread, trap, log, "
                     "errno(E), trace(N))");
}

static void lexer_init(struct lexer *lx, enum ss_arch arch, const char *text, char *why,
                       size_t whysize)
{
    lx->arch = arch;
    lx->s = lx->pos = text;
    lx->why = why;
    lx->whysize = whysize;
    next(lx);
}

int ss_parse_action(enum ss_arch arch, const char *text, struct ss_action *out, char *why,
                    size_t whysize)
{
    struct lexer lx;

    lexer_init(&lx, arch, text, why, whysize);
    if (parse_action_lx(&lx, out))
        return -1;
    if (lx.tok != T_END)
        return error(&lx, "unexpected text after the action");
    return 0;
}

int ss_parse_rule_spec(enum ss_arch arch, const char *text, struct ss_action *action,
                       struct ss_cond *cond, unsigned *ncond, char *why, size_t whysize)
{
    struct lexer lx;

    *ncond = 0;
    lexer_init(&lx, arch, text, why, whysize);
    if (lx.tok == T_END)
        return error(&lx, "expected an action");
    if (parse_action_lx(&lx, action))
        return -1;
    if (lx.tok == T_END)
        return 0;
    if (!is(&lx, "if"))
        return error(&lx, "expected `if` or the end of the rule");
    do {
        next(&lx);
        if (*ncond == SS_MAX_ARGS)
            return error(&lx, "more than %d conditions", SS_MAX_ARGS);
        if (parse_cond(&lx, &cond[*ncond]))
            return -1;
        for (unsigned i = 0; i < *ncond; i++)
            if (cond[i].arg == cond[*ncond].arg)
                return error(&lx,
                             "arg%u is compared twice in one rule (libseccomp allows one "
                             "comparison per argument: write two rules)",
                             cond[i].arg);
        (*ncond)++;
    } while (lx.tok == T_AND);
    if (lx.tok != T_END)
        return error(&lx, "expected `&&` or the end of the rule");
    return 0;
}

bool ss_action_equal(struct ss_action a, struct ss_action b)
{
    bool has_data = a.kind == SS_ACT_ERRNO || a.kind == SS_ACT_TRACE;

    return a.kind == b.kind && (!has_data || a.data == b.data);
}

bool ss_cond_equal(const struct ss_cond *a, const struct ss_cond *b)
{
    return a->arg == b->arg && a->op == b->op && a->value == b->value &&
           (a->op != SS_OP_MASKED_EQ || a->mask == b->mask);
}

bool ss_conds_equal(const struct ss_cond *a, unsigned na, const struct ss_cond *b, unsigned nb)
{
    if (na != nb)
        return false;
    for (unsigned i = 0; i < na; i++)
        if (!ss_cond_equal(&a[i], &b[i]))
            return false;
    return true;
}
