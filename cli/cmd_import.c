/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim import [-o OUT] [--cap CAP]... PROFILE.json: an OCI / Docker /
 * Podman seccomp profile to a policy of ours with the same meaning on x86_64.
 *
 * The meaning follows what runc does with a profile on an x86_64 host:
 *  - includes/excludes (arches, caps, minKernel) are decided here, once, for
 *    this machine and the capabilities given with --cap;
 *  - a rule whose action equals the default is skipped by runc; we keep it only
 *    when it is the syscall's only kind of rule (then it changes nothing);
 *  - args with a repeated index become one rule per condition (alternatives);
 *  - an unconditional rule wins over conditional rules for the same syscall;
 *    of two unconditional rules with different actions libseccomp (and so
 *    runc) keep the first; the same conditions with two actions make
 *    libseccomp (and so runc) fail, and so does the import.
 * Everything left out is said in a `;` comment where it would have been. */
#define _GNU_SOURCE
#include "cli.h"
#include "oci.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/utsname.h>

static const char usage[] =
    "Usage: seccomp-shim import [-o OUT] [--arch ARCH] [--cap CAP]... [--strict] PROFILE.json\n"
    "Convert an OCI / Docker / Podman seccomp profile (JSON) into a seccomp-shim\n"
    "policy with the same meaning on x86_64 (or ARCH), as runc would apply it on\n"
    "this machine.\n"
    "\n"
    "  -a, --arch ARCH   import for ARCH (x86_64 or aarch64; default: the running\n"
    "                    one): the profile's includes/excludes by architecture are\n"
    "                    decided for it\n"
    "  -o, --output OUT  write the policy to OUT instead of standard output\n"
    "  -c, --cap CAP     treat capability CAP (CAP_SYS_ADMIN or SYS_ADMIN) as granted:\n"
    "                    rules the profile gates on capabilities are kept only for\n"
    "                    the capabilities given (repeatable; default: none); CAP must\n"
    "                    be a capability name libcap knows\n"
    "      --strict      a warning (a syscall name left out, a rule libseccomp\n"
    "                    ignores, a --cap no rule uses) is an error: exit 1 and write\n"
    "                    nothing\n"
    "  -h, --help        show this help\n"
    "\n"
    "includes/excludes are decided for ARCH and the running kernel (minKernel).\n"
    "The policy kills i386 and x32 (on aarch64: arm) system calls whatever the\n"
    "profile says about them.\n"
    "SCMP_ACT_KILL becomes kill_thread (libseccomp's meaning); SCMP_ACT_NOTIFY has no\n"
    "equivalent and is an error. Syscalls this libseccomp does not know are imported\n"
    "by number when the kernel headers know them, else left out with a comment.\n"
    "\n"
    "Warnings go to stderr, one for each syscall name left out. PROFILE.json - is\n"
    "standard input. Conditions are written with the constants of their argument\n"
    "(AF_UNIX, CLONE_NEWUSER, TCGETS) where seccomp-shim knows one.\n"
    "\n"
    "Exit status: 0 on success (warnings or not), 1 when the profile is invalid or\n"
    "cannot be rendered (or, with --strict, on a warning), 2 on usage errors.\n";

#define MAX_CAPS 64

struct rule {
    const char *name;
    int nr;         /* x86_64 number, -1 when x86_64 lacks the syscall */
    bool elsewhere; /* a syscall of another architecture: the engine skips it */
    size_t entry;   /* index in syscalls[] */
    struct ss_action action;
    unsigned ncond;
    struct ss_cond cond[SS_MAX_ARGS];
    char *dropped; /* why it is left out (a comment), or NULL */
};

struct entry {
    const char *comment;
    char *skipped; /* why the whole entry does not apply here, or NULL */
    char *note;    /* a remark about the entry (minKernel met, ...) */
};

struct import {
    enum ss_arch arch; /* imported for */
    const char *file;
    const char *caps[MAX_CAPS];
    bool cap_used[MAX_CAPS];
    size_t ncaps;
    unsigned kmajor, kminor, kpatch;
    struct ss_action def;
    bool log;
    struct entry *entries;
    size_t nentries;
    struct rule *rules;
    size_t nrules, cap;
    char error[600];
    size_t nwarnings; /* printed on stderr; --strict makes them errors */
};

static void warn(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct import *im, const char *fmt, ...)
{
    va_list ap;

    fputs("seccomp-shim: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    im->nwarnings++;
}

static int fail(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct import *im, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(im->error, sizeof im->error, fmt, ap);
    va_end(ap);
    return -1;
}

/* Set when an allocation failed: the comments and rules made meanwhile may
 * be missing, so cmd_import writes nothing and fails. */
static bool out_of_memory;

/* A formatted string, or NULL (and out_of_memory) when memory ran out. */
static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    out_of_memory |= !s;
    return s;
}

/* "LIST WORD"; frees list. NULL (out of memory) stays NULL. */
static char *append_word(char *list, const char *word)
{
    char *grown = list ? xasprintf("%s %s", list, word) : NULL;

    free(list);
    return grown;
}

/* ---- reading the JSON -------------------------------------------------- */

/* Refuses keys the reader does not know: an unknown gate or operand could
 * change what a rule means, and guessing would fail open. */
static int known_keys(struct import *im, json_t *obj, const char *where, const char *const *keys)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        bool ok = false;
        for (const char *const *k = keys; *k && !ok; k++)
            ok = strcmp(*k, key) == 0;
        if (!ok)
            return fail(im, "%s: unknown key \"%s\"", where, key);
    }
    return 0;
}

/* An errno from errnoRet (a number) or Podman's "errno" (a name). */
static int errno_value(struct import *im, const char *where, json_t *ret, json_t *name,
                       unsigned *out)
{
    struct ss_action a;
    char text[96], why[300];

    if (ret && !json_is_null(ret)) {
        if (!json_is_integer(ret) || json_integer_value(ret) < 0 ||
            json_integer_value(ret) > SS_ERRNO_MAX)
            return fail(im, "%s: errnoRet must be a number in 0..%d", where, SS_ERRNO_MAX);
        *out = (unsigned)json_integer_value(ret);
    }
    if (name && !json_is_null(name)) {
        if (!json_is_string(name))
            return fail(im, "%s: errno must be a string such as \"EPERM\"", where);
        snprintf(text, sizeof text, "errno(%s)", json_string_value(name));
        if (ss_parse_action(im->arch, text, &a, why, sizeof why))
            return fail(im, "%s: unknown errno \"%s\"", where, json_string_value(name));
        if (ret && !json_is_null(ret) && a.data != *out)
            return fail(im, "%s: errno \"%s\" (%u) disagrees with errnoRet %u", where,
                        json_string_value(name), a.data, *out);
        *out = a.data;
    }
    return 0;
}

static int read_action(struct import *im, const char *where, json_t *action, json_t *ret,
                       json_t *name, struct ss_action *out)
{
    const char *s;
    unsigned data = EPERM; /* runc and crun: ERRNO and TRACE without errnoRet mean EPERM */

    if (!json_is_string(action))
        return fail(im, "%s: action must be a string such as \"SCMP_ACT_ALLOW\"", where);
    s = json_string_value(action);
    if (strcmp(s, "SCMP_ACT_NOTIFY") == 0)
        return fail(im,
                    "%s: SCMP_ACT_NOTIFY needs a user-space notification agent; seccomp-shim "
                    "has none (replace it with an errno or kill action)",
                    where);
    if (oci_action_kind(s, &out->kind) == 0) {
        out->data = 0;
        if (oci_action_has_ret(*out)) {
            if (errno_value(im, where, ret, name, &data))
                return -1;
            out->data = (uint16_t)data;
        }
        return 0;
    }
    return fail(im,
                "%s: unknown action \"%s\" (SCMP_ACT_ALLOW, ERRNO, KILL, KILL_PROCESS, "
                "KILL_THREAD, TRAP, TRACE, LOG)",
                where, s);
}

static int read_u64(struct import *im, const char *where, const char *key, json_t *v, uint64_t *out)
{
    if (!v || json_is_null(v)) {
        *out = 0;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return fail(im, "%s: %s must be a non-negative integer", where, key);
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

static int read_cond(struct import *im, const char *where, json_t *arg, struct ss_cond *c)
{
    static const char *const keys[] = {"index", "value", "valueTwo", "op", NULL};
    json_t *index = json_object_get(arg, "index"), *op = json_object_get(arg, "op");
    uint64_t value, two;

    if (!json_is_object(arg))
        return fail(im, "%s: each of args must be an object", where);
    if (known_keys(im, arg, where, keys))
        return -1;
    if (!json_is_integer(index) || json_integer_value(index) < 0 ||
        json_integer_value(index) >= SS_MAX_ARGS)
        return fail(im, "%s: args index must be 0..%d", where, SS_MAX_ARGS - 1);
    if (!json_is_string(op))
        return fail(im, "%s: args op must be a string such as \"SCMP_CMP_EQ\"", where);
    if (oci_op(json_string_value(op), &c->op))
        return fail(im, "%s: unknown op \"%s\" (SCMP_CMP_EQ, NE, LT, LE, GT, GE, MASKED_EQ)", where,
                    json_string_value(op));
    if (read_u64(im, where, "value", json_object_get(arg, "value"), &value) ||
        read_u64(im, where, "valueTwo", json_object_get(arg, "valueTwo"), &two))
        return -1;
    c->arg = (unsigned)json_integer_value(index);
    oci_cond_from_values(c, value, two);
    return 0;
}

/* ---- includes / excludes ----------------------------------------------- */

/* CAP_SYS_ADMIN, SYS_ADMIN, cap_sys_admin -> CAP_SYS_ADMIN */
static char *cap_name(const char *s)
{
    char *c = xasprintf("%s%s", strncasecmp(s, "CAP_", 4) == 0 ? "" : "CAP_", s);

    for (char *p = c; p && *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return c;
}

static bool cap_given(struct import *im, const char *cap)
{
    char *c = cap_name(cap);
    bool found = false;

    for (size_t i = 0; c && i < im->ncaps; i++)
        if (strcmp(im->caps[i], c) == 0)
            found = im->cap_used[i] = true;
    free(c);
    return found;
}

static int parse_version(const char *s, unsigned v[3])
{
    int n = 0;

    v[0] = v[1] = v[2] = 0;
    if (sscanf(s, "%u.%u%n", &v[0], &v[1], &n) < 2)
        return -1;
    if (s[n] == '.' && sscanf(s + n, ".%u", &v[2]) != 1)
        return -1;
    return 0;
}

/* True when the running kernel is at least the version in `want`. */
static int kernel_at_least(struct import *im, const char *where, json_t *want, bool *yes)
{
    unsigned v[3];

    if (!json_is_string(want) || parse_version(json_string_value(want), v))
        return fail(im, "%s: minKernel must be a version string such as \"4.8\"", where);
    if (im->kmajor != v[0])
        *yes = im->kmajor > v[0];
    else if (im->kminor != v[1])
        *yes = im->kminor > v[1];
    else
        *yes = im->kpatch >= v[2];
    return 0;
}

static int string_array(struct import *im, const char *where, const char *key, json_t *a)
{
    size_t i;
    json_t *v;

    if (!json_is_array(a))
        return fail(im, "%s: %s must be an array of strings", where, key);
    json_array_foreach(a, i, v) if (!json_is_string(v)) return fail(
        im, "%s: %s must be an array of strings", where, key);
    return 0;
}

/* Decides one entry's includes and excludes; *why is set when it does not apply. */
static int gate(struct import *im, const char *where, json_t *inc, json_t *exc, char **why,
                char **note)
{
    static const char *const keys[] = {"arches", "caps", "minKernel", NULL};
    json_t *arches, *caps, *kernel, *v;
    bool yes = false, any;
    size_t i;

    *why = *note = NULL;
    for (int pass = 0; pass < 2; pass++) {
        json_t *f = pass ? exc : inc;
        const char *what = pass ? "excludes" : "includes";
        if (!f || json_is_null(f))
            continue;
        if (!json_is_object(f))
            return fail(im, "%s: %s must be an object", where, what);
        if (known_keys(im, f, where, keys))
            return -1;
        arches = json_object_get(f, "arches");
        caps = json_object_get(f, "caps");
        kernel = json_object_get(f, "minKernel");
        if ((arches && string_array(im, where, "arches", arches)) ||
            (caps && string_array(im, where, "caps", caps)))
            return -1;
        if (arches && json_array_size(arches)) {
            any = false;
            json_array_foreach(arches, i, v) any |= oci_target_arch(im->arch, json_string_value(v));
            if (!pass && !any && !*why)
                *why = xasprintf("only for other architectures");
            if (pass && any && !*why)
                *why = xasprintf("excluded on %s", ss_arch_name(im->arch));
        }
        if (caps && json_array_size(caps)) {
            json_array_foreach(caps, i, v)
            {
                bool given = cap_given(im, json_string_value(v));
                if (!pass && !given && !*why)
                    *why = xasprintf("needs %s (not given with --cap)", json_string_value(v));
                if (pass && given && !*why)
                    *why = xasprintf("excluded with %s (given with --cap)", json_string_value(v));
            }
        }
        if (kernel && !json_is_null(kernel)) {
            if (kernel_at_least(im, where, kernel, &yes))
                return -1;
            if (!pass && !yes && !*why)
                *why = xasprintf("needs kernel %s or newer", json_string_value(kernel));
            if (pass && yes && !*why)
                *why = xasprintf("excluded on kernel %s or newer", json_string_value(kernel));
            if (!*why && !*note)
                *note = xasprintf("%s minKernel %s: met by the running kernel", what,
                                  json_string_value(kernel));
        }
    }
    return 0;
}

/* ---- entries to rules --------------------------------------------------- */

static struct rule *add_rule(struct import *im)
{
    if (im->nrules == im->cap) {
        size_t want = im->cap ? im->cap * 2 : 256;
        struct rule *grown = realloc(im->rules, want * sizeof *grown);
        if (!grown)
            return NULL;
        im->rules = grown;
        im->cap = want;
    }
    memset(&im->rules[im->nrules], 0, sizeof im->rules[0]);
    return &im->rules[im->nrules++];
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > 64 || isdigit((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_')
            return false;
    return true;
}

static void resolve(enum ss_arch arch, struct rule *r)
{
    r->nr = ss_syscall_lookup_arch(arch, r->name, &r->elsewhere, NULL);
    /* Another architecture's name is kept only when the engine's own tables
     * have it: libseccomp 2.6 knows more of them than 2.5 (riscv_hwprobe),
     * and an import must not depend on which one the command was built with. */
    if (r->nr < 0 && !(r->elsewhere && ss_syscall_in_tables(r->name)))
        r->dropped = xasprintf("%s: not an x86_64, i386 or aarch64 syscall in seccomp-shim's "
                               "tables; left out (runc ignores unknown names too)",
                               r->name);
}

static int read_entry(struct import *im, size_t idx, json_t *e)
{
    static const char *const keys[] = {"names", "name",    "action",   "errnoRet", "errno",
                                       "args",  "comment", "includes", "excludes", NULL};
    json_t *names = json_object_get(e, "names"), *name = json_object_get(e, "name");
    json_t *args = json_object_get(e, "args"), *comment = json_object_get(e, "comment"), *v;
    struct entry *ent = &im->entries[idx];
    struct ss_cond cond[SS_MAX_ARGS * 4];
    unsigned seen[SS_MAX_ARGS] = {0};
    bool split = false;
    struct ss_action action;
    char where[64];
    size_t i, ncond = 0, k;

    snprintf(where, sizeof where, "syscalls[%zu]", idx);
    if (!json_is_object(e))
        return fail(im, "%s: must be an object", where);
    if (known_keys(im, e, where, keys))
        return -1;
    if (names && !json_is_null(names) && name && !json_is_null(name))
        return fail(im, "%s: has both \"names\" and \"name\"", where);
    if (name && !json_is_null(name)) {
        if (!json_is_string(name))
            return fail(im, "%s: name must be a string", where);
    } else if (names && !json_is_null(names)) {
        if (string_array(im, where, "names", names))
            return -1;
    } else {
        return fail(im, "%s: has no \"names\"", where);
    }
    if (comment && !json_is_null(comment) && !json_is_string(comment))
        return fail(im, "%s: comment must be a string", where);
    ent->comment = json_string_value(comment);
    if (read_action(im, where, json_object_get(e, "action"), json_object_get(e, "errnoRet"),
                    json_object_get(e, "errno"), &action))
        return -1;
    if (args && !json_is_null(args)) {
        if (!json_is_array(args))
            return fail(im, "%s: args must be an array", where);
        if (json_array_size(args) > sizeof cond / sizeof cond[0])
            return fail(im, "%s: too many args", where);
        json_array_foreach(args, i, v)
        {
            if (read_cond(im, where, v, &cond[ncond]))
                return -1;
            split |= seen[cond[ncond].arg]++ > 0;
            ncond++;
        }
    }
    if (gate(im, where, json_object_get(e, "includes"), json_object_get(e, "excludes"),
             &ent->skipped, &ent->note))
        return -1;
    if (ent->skipped)
        return 0;

    for (size_t n = 0; n < (name && !json_is_null(name) ? 1 : json_array_size(names)); n++) {
        const char *s = name && !json_is_null(name) ? json_string_value(name)
                                                    : json_string_value(json_array_get(names, n));
        if (!valid_name(s))
            return fail(im, "%s: \"%s\" is not a syscall name", where, s);
        /* runc: arguments with a repeated index are alternatives, one rule each */
        for (k = 0; k < (split ? ncond : 1); k++) {
            struct rule *r = add_rule(im);
            if (!r)
                return fail(im, "out of memory");
            r->name = s;
            r->entry = idx;
            r->action = action;
            r->ncond = split ? 1 : (unsigned)ncond;
            memcpy(r->cond, split ? &cond[k] : cond, r->ncond * sizeof cond[0]);
            resolve(im->arch, r);
            if (r->dropped && k == 0) /* an unknown name: said once, not per alternative */
                warn(im, "%s: syscalls[%zu]: %s", im->file, idx, r->dropped);
            /* libseccomp masks the value too (its PFC: `& 0xff == 255` for
             * 0x1ff), so runc applies the rule; leaving it out made the
             * import laxer than the profile (review). */
            for (unsigned c = 0; c < r->ncond && !r->dropped && k == 0; c++)
                if (r->cond[c].op == SS_OP_MASKED_EQ && (r->cond[c].value & ~r->cond[c].mask))
                    warn(im,
                         "%s: syscalls[%zu]: %s: arg%u & %#llx == %#llx has value bits outside "
                         "the mask; libseccomp, and so runc, compares with %#llx, as imported",
                         im->file, idx, s, r->cond[c].arg, (unsigned long long)r->cond[c].mask,
                         (unsigned long long)r->cond[c].value,
                         (unsigned long long)(r->cond[c].value & r->cond[c].mask));
            for (unsigned c = 0; c < r->ncond; c++)
                if (r->cond[c].op == SS_OP_MASKED_EQ)
                    r->cond[c].value &= r->cond[c].mask;
        }
    }
    return 0;
}

/* ---- rules of one syscall together -------------------------------------- */

static bool same_rule(const struct rule *a, const struct rule *b)
{
    return ss_action_equal(a->action, b->action) &&
           ss_conds_equal(a->cond, a->ncond, b->cond, b->ncond);
}

static bool live(const struct rule *r)
{
    return !r->dropped && r->nr >= 0;
}

static int settle(struct import *im)
{
    char a1[64], a2[64];

    for (size_t i = 0; i < im->nrules; i++) {
        struct rule *r = &im->rules[i], *u = NULL;
        bool first = true, other_action = false;

        if (!live(r))
            continue;
        for (size_t j = 0; j < i && first; j++)
            first = !(live(&im->rules[j]) && im->rules[j].nr == r->nr);
        if (!first)
            continue; /* syscall already settled with its first rule */

        for (size_t j = i; j < im->nrules; j++) {
            struct rule *s = &im->rules[j];
            if (!live(s) || s->nr != r->nr)
                continue;
            for (size_t k = i; k < j; k++)
                if (live(&im->rules[k]) && im->rules[k].nr == s->nr && same_rule(&im->rules[k], s))
                    s->dropped =
                        xasprintf("%s: same rule as in syscalls[%zu]", s->name, im->rules[k].entry);
            other_action |= !s->dropped && !ss_action_equal(s->action, im->def);
        }
        for (size_t j = i; j < im->nrules; j++) {
            struct rule *s = &im->rules[j];
            if (!live(s) || s->nr != r->nr)
                continue;
            if (other_action && ss_action_equal(s->action, im->def)) {
                s->dropped = xasprintf("%s = %s%s: the default action; skipped as runc does, so "
                                       "the other rules for %s apply",
                                       s->name, ss_action_format(s->action, a1, sizeof a1),
                                       s->ncond ? " if ..." : "", s->name);
                continue;
            }
            if (s->ncond)
                continue;
            if (u && !ss_action_equal(u->action, s->action)) {
                /* libseccomp 2.5 keeps the first unconditional rule and
                 * silently ignores the later one: so does runc, so do we */
                s->dropped =
                    xasprintf("%s = %s: ignored, as libseccomp ignores it: the "
                              "unconditional rule of syscalls[%zu] (%s = %s) came first",
                              s->name, ss_action_format(s->action, a1, sizeof a1), u->entry,
                              u->name, ss_action_format(u->action, a2, sizeof a2));
                warn(im, "%s: syscalls[%zu]: %s", im->file, s->entry, s->dropped);
                continue;
            }
            if (!u)
                u = s;
        }
        for (size_t j = i; u && j < im->nrules; j++) {
            struct rule *s = &im->rules[j];
            if (live(s) && s->nr == r->nr && s->ncond)
                s->dropped = xasprintf(
                    "%s = %s if ...: %s by the unconditional rule of syscalls[%zu] (%s = %s)",
                    s->name, ss_action_format(s->action, a1, sizeof a1),
                    ss_action_equal(s->action, u->action) ? "covered" : "never applies: overridden",
                    u->entry, u->name, ss_action_format(u->action, a2, sizeof a2));
        }
        for (size_t j = i; j < im->nrules; j++)
            for (size_t k = i; k < j; k++) {
                struct rule *s = &im->rules[j], *t = &im->rules[k];
                if (live(s) && live(t) && s->nr == r->nr && t->nr == r->nr &&
                    ss_conds_equal(s->cond, s->ncond, t->cond, t->ncond))
                    return fail(im,
                                "syscalls[%zu] and syscalls[%zu]: %s has two rules with the "
                                "same conditions and different actions; libseccomp refuses "
                                "such a profile",
                                t->entry, s->entry, s->name);
            }
    }
    return 0;
}

/* ---- writing the policy ------------------------------------------------- */

/* A `;` comment, split at newlines and into lines that fit the policy
 * language's limit. */
static void comment(FILE *out, const char *text)
{
    const size_t width = 100;
    char *copy = text ? xasprintf("%s", text) : NULL, *para, *save = NULL;

    if (!copy)
        return; /* out of memory: nothing is written */
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n')
            *p = ' ';
    for (para = strtok_r(copy, "\n", &save); para; para = strtok_r(NULL, "\n", &save)) {
        char *line = para;
        while (*line == ' ')
            line++;
        while (*line) {
            size_t n = strlen(line);
            if (n > width) {
                n = width;
                while (n > width / 2 && line[n] != ' ')
                    n--;
                if (line[n] != ' ')
                    n = width;
                /* never cut a UTF-8 sequence */
                while (n > 0 && ((unsigned char)line[n] & 0xc0) == 0x80)
                    n--;
            }
            fprintf(out, "; %.*s\n", (int)n, line);
            line += n;
            while (*line == ' ')
                line++;
        }
    }
    free(copy);
}

/* The rule as a policy line: with constants by name where that fits in a line. */
static int rule_text(enum ss_arch arch, const struct rule *r, bool symbolic, char *line,
                     size_t size)
{
    return (int)strlen(ss_rule_text(
        arch, r->name, r->nr, r->action, r->cond, r->ncond,
        SS_TEXT_ERRNO | SS_TEXT_DECIMAL | (symbolic ? SS_TEXT_CONSTANTS : 0), line, size));
}

static int rule_line(struct import *im, FILE *out, const struct rule *r)
{
    char line[1024];
    int n = rule_text(im->arch, r, true, line, sizeof line);

    if (n > SS_LINE_MAX) /* the names made it too long: the numbers then */
        n = rule_text(im->arch, r, false, line, sizeof line);
    if (n > SS_LINE_MAX)
        return fail(im, "syscalls[%zu]: the rule for %s is longer than %d characters", r->entry,
                    r->name, SS_LINE_MAX);
    fprintf(out, "%s\n", line);
    return 0;
}

static void header(struct import *im, FILE *out, json_t *root)
{
    json_t *arches = json_object_get(root, "architectures"),
           *map = json_object_get(root, "archMap");
    char act[64], *list = xasprintf("%s", ""), *line;
    size_t i;
    json_t *v;

    line = xasprintf("Imported by `seccomp-shim import` from the OCI seccomp profile %s.",
                     strrchr(im->file, '/') ? strrchr(im->file, '/') + 1 : im->file);
    comment(out, line);
    free(line);
    if (im->ncaps) {
        fprintf(out, "; Capabilities treated as granted (--cap):");
        for (size_t c = 0; c < im->ncaps; c++)
            fprintf(out, " %s", im->caps[c]);
        fprintf(out, "\n");
    } else {
        fprintf(out, "; No capabilities granted: rules the profile gates on capabilities are left "
                     "out.\n");
    }
    json_array_foreach(arches, i, v)
    {
        if (json_is_string(v))
            list = append_word(list, json_string_value(v));
    }
    json_array_foreach(map, i, v)
    {
        if (json_is_string(json_object_get(v, "architecture")))
            list = append_word(list, json_string_value(json_object_get(v, "architecture")));
    }
    line =
        list ? xasprintf("The profile names the architectures%s.", *list ? list : " (none)") : NULL;
    comment(out, line);
    free(line);
    free(list);
    fprintf(out,
            "; Imported for %s (the profile's includes and excludes by architecture).\n"
            "; A filter checks the one architecture it is compiled for: i386 and x32\n"
            "; (on aarch64: arm) system calls are killed (kill_process), whatever the\n"
            "; profile allows for them. Names of other architectures' syscalls (chown32,\n"
            "; ...) are kept; the engine skips them.\n\n",
            ss_arch_name(im->arch));
    fprintf(out, "[policy]\ndefault = %s\n",
            ss_action_format_symbolic(im->arch, im->def, act, sizeof act));
    if (im->log)
        fprintf(out, "log = yes\n");
    fprintf(out, "\n[syscalls]\n");
}

static int write_policy(struct import *im, FILE *out, json_t *root)
{
    header(im, out, root);
    for (size_t e = 0; e < im->nentries; e++) {
        struct entry *ent = &im->entries[e];
        fprintf(out, "\n; syscalls[%zu]\n", e);
        if (ent->comment && *ent->comment)
            comment(out, ent->comment);
        if (ent->note)
            comment(out, ent->note);
        if (ent->skipped) {
            json_t *names =
                json_object_get(json_array_get(json_object_get(root, "syscalls"), e), "names");
            json_t *name =
                json_object_get(json_array_get(json_object_get(root, "syscalls"), e), "name");
            char *list = xasprintf("left out, %s:", ent->skipped);
            size_t i;
            json_t *v;
            if (json_is_string(name))
                list = append_word(list, json_string_value(name));
            json_array_foreach(names, i, v)
            {
                list = append_word(list, json_string_value(v));
            }
            comment(out, list);
            free(list);
            continue;
        }
        for (size_t i = 0; i < im->nrules; i++) {
            struct rule *r = &im->rules[i];
            if (r->entry != e)
                continue;
            if (r->dropped) {
                comment(out, r->dropped);
                continue;
            }
            if (rule_line(im, out, r))
                return -1;
        }
    }
    return 0;
}

static int read_profile(struct import *im, json_t *root)
{
    static const char *const keys[] = {
        "defaultAction", "defaultErrnoRet", "defaultErrno", "architectures",    "archMap",
        "syscalls",      "flags",           "listenerPath", "listenerMetadata", NULL};
    json_t *syscalls, *flags, *v;
    size_t i;

    if (!json_is_object(root))
        return fail(im, "the profile must be a JSON object");
    if (known_keys(im, root, "profile", keys))
        return -1;
    if (!json_object_get(root, "defaultAction"))
        return fail(im, "profile: no defaultAction");
    if (read_action(im, "defaultAction", json_object_get(root, "defaultAction"),
                    json_object_get(root, "defaultErrnoRet"), json_object_get(root, "defaultErrno"),
                    &im->def))
        return -1;
    flags = json_object_get(root, "flags");
    if (flags && !json_is_null(flags)) {
        if (string_array(im, "profile", "flags", flags))
            return -1;
        json_array_foreach(flags, i, v)
        {
            const char *f = json_string_value(v);
            if (strcmp(f, OCI_FLAG_LOG) == 0)
                im->log = true;
            else if (strcmp(f, "SECCOMP_FILTER_FLAG_TSYNC") != 0) /* the shim always syncs */
                return fail(im, "flags: %s is not supported (SECCOMP_FILTER_FLAG_LOG, TSYNC)", f);
        }
    }
    v = json_object_get(root, "architectures");
    if (v && !json_is_null(v) && string_array(im, "profile", "architectures", v))
        return -1;
    v = json_object_get(root, "archMap");
    if (v && !json_is_null(v) && !json_is_array(v))
        return fail(im, "profile: archMap must be an array");
    syscalls = json_object_get(root, "syscalls");
    if (syscalls && !json_is_null(syscalls) && !json_is_array(syscalls))
        return fail(im, "profile: syscalls must be an array");
    im->entries = calloc(json_array_size(syscalls) + 1, sizeof *im->entries);
    if (!im->entries)
        return fail(im, "out of memory");
    im->nentries = json_array_size(syscalls); /* import_free frees this many */
    json_array_foreach(syscalls, i, v) if (read_entry(im, i, v)) return -1;
    return settle(im);
}

static void running_kernel(struct import *im)
{
    struct utsname u;
    unsigned v[3] = {0, 0, 0};

    if (uname(&u) == 0)
        parse_version(u.release, v);
    im->kmajor = v[0];
    im->kminor = v[1];
    im->kpatch = v[2];
}

/* The policy text, built in memory before it is checked and written. Not
 * open_memstream: when its buffer cannot grow, glibc's drops characters
 * without setting the stream's error flag, and a policy that lost a
 * condition still parses (a conditional allow became unconditional). */
struct text {
    char *buf;
    size_t len, cap;
    bool failed;
};

static ssize_t text_write(void *cookie, const char *data, size_t n)
{
    struct text *t = cookie;

    if (t->len + n >= t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) {
            t->failed = true;
            return -1;
        }
        t->buf = grown;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, data, n);
    t->len += n;
    t->buf[t->len] = 0;
    return (ssize_t)n;
}

static void import_free(struct import *im)
{
    for (size_t i = 0; i < im->nrules; i++)
        free(im->rules[i].dropped);
    for (size_t i = 0; i < im->nentries; i++) {
        free(im->entries[i].skipped);
        free(im->entries[i].note);
    }
    for (size_t i = 0; i < im->ncaps; i++)
        free((char *)im->caps[i]);
    free(im->rules);
    free(im->entries);
}

/* The result must be a valid policy: parse it with the engine before writing. */
static int self_check(enum ss_arch arch, const char *text)
{
    struct ss_policy *p = ss_policy_new(arch);
    struct ss_error err;
    char msg[1024];
    int rc;

    if (!p) {
        cli_error("out of memory");
        return -1;
    }
    rc = ss_parse_text(p, text, "<imported>", &err);
    if (rc)
        cli_error("internal error: the imported policy is invalid: %s",
                  ss_error_format(&err, msg, sizeof msg));
    ss_policy_free(p);
    return rc;
}

int cmd_import(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"cap", required_argument, NULL, 'c'},
        {"strict", no_argument, NULL, 'S'},       {"arch", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},         {0}};
    struct import im = {.arch = ss_arch_native()};
    const char *output = NULL;
    json_error_t jerr;
    json_t *root;
    struct text text = {0};
    struct cli_output out;
    FILE *mem;
    int c, status = 1;
    bool strict = false;
    cap_value_t capability;
    unsigned narch;

    while ((c = getopt_long(argc, argv, ":o:c:a:h", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            if ((c = cli_parse_arch("import", optarg, false, &im.arch, &narch))) {
                import_free(&im);
                return c;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case 'c':
            if (im.ncaps == MAX_CAPS)
                return cli_usage_error("import", "too many --cap options");
            if (!*optarg ||
                strspn(optarg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_") !=
                    strlen(optarg))
                return cli_usage_error("import", "--cap %s: not a capability name", optarg);
            im.caps[im.ncaps] = cap_name(optarg);
            if (!im.caps[im.ncaps]) {
                cli_error("out of memory");
                import_free(&im);
                return 1;
            }
            if (cap_from_name(im.caps[im.ncaps], &capability)) {
                free((char *)im.caps[im.ncaps]);
                import_free(&im);
                return cli_usage_error(
                    "import", "--cap %s: no such capability (see capabilities(7))", optarg);
            }
            im.ncaps++;
            break;
        case 'S':
            strict = true;
            break;
        case 'h':
            fputs(usage, stdout);
            import_free(&im);
            return 0;
        default:
            import_free(&im);
            return cli_option_error("import", c, argv);
        }
    }
    if (optind != argc - 1) {
        import_free(&im);
        return cli_usage_error("import",
                               optind == argc ? "no profile given" : "one profile at a time");
    }
    im.file = argv[optind];
    running_kernel(&im);
    if (strcmp(im.file, "-") == 0)
        root = json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr);
    else
        root = json_load_file(im.file, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (jerr.line > 0)
            cli_error("%s:%d:%d: %s", im.file, jerr.line, jerr.column, jerr.text);
        else
            cli_error("%s: %s", im.file, jerr.text);
        import_free(&im);
        return 1;
    }
    mem = fopencookie(&text, "w", (cookie_io_functions_t){.write = text_write});
    if (!mem) {
        cli_error("out of memory");
    } else if (read_profile(&im, root) || write_policy(&im, mem, root)) {
        fclose(mem);
        cli_error("%s: %s", im.file, im.error);
    } else if (fclose(mem) || text.failed || !text.buf || out_of_memory) {
        cli_error("out of memory"); /* the policy may lack lines: write nothing */
    } else if (self_check(im.arch, text.buf) == 0) {
        for (size_t i = 0; i < im.ncaps; i++)
            if (!im.cap_used[i])
                warn(&im, "--cap %s: the profile gates no rule on it", im.caps[i]);
        if (strict && im.nwarnings)
            cli_error("%s: %zu warning%s and --strict: nothing written", im.file, im.nwarnings,
                      im.nwarnings == 1 ? "" : "s");
        else if (cli_output_open(&out, output) == 0) {
            fputs(text.buf, out.f);
            status = cli_output_close(&out, true) ? 1 : 0;
        }
    }
    free(text.buf);
    json_decref(root);
    import_free(&im);
    return status;
}
