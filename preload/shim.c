/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The LD_PRELOAD guest: reads the policy named by the environment, compiles
 * it, frees everything and installs it before the program's main. Any error
 * ends the process with status 125 before main: it never runs unsandboxed.
 *
 * The policy file is read once: the same bytes are hashed, sniffed (compiled
 * or INI) and parsed. Only a child that finds a marker hashes the file first
 * as it reads it in chunks (no heap: the common inherited case ends there),
 * and reads it whole when that is not its parent's policy. For an INI file whose compiled sibling
 * (X.compiled) can stand in for it, the sibling is installed: no inih, no libseccomp. The lint runs
 * only when SECCOMP_SHIM_WARNINGS asks for its warnings.
 *
 * Exec chains: the kernel keeps the filter across exec, so a child that loads
 * the shim again with the same policy must not stack a second copy. The
 * parent stamps its filter with its 128-bit identity (probe.c) and leaves
 * SECCOMP_SHIM_ACTIVE=HASH:DEPTH[:e][\nINCLUDE...] in the environment; a child
 * computes the identity from the policy file and the listed includes without
 * parsing, and when its filter answers the probe it installs nothing and
 * makes no seccomp or prctl call.
 *
 * SECCOMP_SHIM_EXPLAIN=1 (set by `seccomp-shim run --explain`) turns explain
 * on as `explain = yes` would. In an inherited child the marker, not this
 * variable, decides: it describes the filter that is really installed. */
#define _GNU_SOURCE
#include "guest.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static: the program is installed after every allocation has been freed. */
static struct ss_program program;
static char *policy_bytes; /* the policy file's bytes, freed also when dying */
/* Where they go when they fit: a policy read into the heap made the first
 * malloc of most programs (brk, getrandom, fresh heap pages) part of every
 * start. Only the pages a policy fills are ever touched. */
static char policy_room[64 << 10];
/* The Landlock part of the policy (inactive when it has none). */
static struct ss_landlock_plan landlock;

static void free_policy_bytes(void)
{
    if (policy_bytes != policy_room)
        free(policy_bytes);
    policy_bytes = NULL;
}

static void __attribute__((noreturn)) die(const struct ss_error *err)
{
    char msg[900], line[1024];
    int n =
        snprintf(line, sizeof line, "seccomp-shim: %s\n", ss_error_format(err, msg, sizeof msg));

    if (n > (int)sizeof line - 1)
        n = sizeof line - 1;
    if (write(STDERR_FILENO, line, n) < 0) {
        /* nothing more to do: the exit status still says it */
    }
    free_policy_bytes();
    _exit(SS_EXIT_POLICY);
}

static void __attribute__((noreturn)) die_msg(const char *msg)
{
    struct ss_error err;

    ss_fail(&err, (struct ss_where){0}, "%s", msg);
    die(&err);
}

/* What the policy is and where it came from, for the identity and the marker. */
struct source {
    const char *var, *value, *file; /* file: NULL for policy text */
    const char *bytes;              /* the top file's (or the text's) bytes */
    size_t len;
    bool want_explain;
};

static int hexdigit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses the marker "HASH:DEPTH[:e][\nINCLUDE...]" as set_marker() writes it.
 * Returns what follows DEPTH, or NULL when it does not fit. By hand, not
 * sscanf: scanf's code and locale tables cost an inherited child five page
 * faults. */
static const char *parse_marker(const char *s, struct ss_identity *id, int *depth)
{
    uint64_t *half[2] = {&id->lo, &id->hi};
    int i;

    id->lo = id->hi = 0;
    for (i = 0; i < SS_MARKER_HEX; i++, s++) {
        int d = hexdigit(*s);
        if (d < 0)
            return NULL;
        *half[i / 16] = *half[i / 16] << 4 | d;
    }
    if (*s++ != ':')
        return NULL;
    *depth = 0;
    for (i = 0; *s >= '0' && *s <= '9'; i++, s++)
        if (i == 6) /* no process has a million filters */
            return NULL;
        else
            *depth = *depth * 10 + (*s - '0');
    return i ? s : NULL;
}

static bool same_identity(struct ss_identity a, struct ss_identity b)
{
    return a.lo == b.lo && a.hi == b.hi;
}

static struct ss_identity identity_of(const struct source *src, const unsigned char *source_id)
{
    return ss_identity(src->var, src->value, src->want_explain, source_id);
}

/* True when this process already runs under this very policy (inherited):
 * the identity computed from the policy's bytes and the include list the
 * marker names matches the marker's, and the filter answers the probe. */
static bool inherited(const struct source *src, bool *explain)
{
    const char *marker = getenv(SS_ENV_ACTIVE), *rest;
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_identity hash;
    int depth;

    if (!marker || !(rest = parse_marker(marker, &hash, &depth)))
        return false;
    *explain = strncmp(rest, SS_MARKER_EXPLAIN, strlen(SS_MARKER_EXPLAIN)) == 0;
    if (*explain)
        rest += strlen(SS_MARKER_EXPLAIN);
    if (*rest && *rest++ != '\n')
        return false;
    /* A file is hashed as it is read, before it is read whole: no heap. */
    if ((src->bytes ? ss_source_id(src->file, src->bytes, src->len, rest, strlen(rest), source_id)
                    : ss_source_id_file(src->file, rest, strlen(rest), source_id)) ||
        !same_identity(identity_of(src, source_id), hash))
        return false;
    /* Trust but verify: a copied marker must not switch the sandbox off, in
     * an unfiltered process or under someone else's filter. Only the filter
     * the shim stamped with this identity answers the probe. */
    return ss_probe_check(hash);
}

/* The marker's "NAME=VALUE" and an environ holding it, in static storage:
 * setenv's malloc would be the first of most programs (brk, getrandom, fresh
 * heap pages) and part of every start. glibc's setenv and putenv copy an
 * environ they did not allocate and unsetenv edits it in place, so the
 * program sees an ordinary environment; its children inherit the marker.
 * More variables or a longer include list than fit: setenv. */
static char marker_entry[1024];
static char *marker_environ[512];

/* environ with entry as its only SECCOMP_SHIM_ACTIVE (where the first one
 * was, or added). Later copies are left out: some shells (dash) export the
 * last of several, which would make a child miss the marker (review). False
 * when it does not fit. */
static bool environ_with(char *entry)
{
    size_t n = 0, at = SIZE_MAX, prefix = sizeof SS_ENV_ACTIVE; /* "NAME=" */

    for (size_t i = 0; environ && environ[i]; i++) {
        bool marker = strncmp(environ[i], entry, prefix) == 0;
        if (marker && at != SIZE_MAX)
            continue;
        if (n + 2 > sizeof marker_environ / sizeof marker_environ[0])
            return false;
        if (marker)
            at = n;
        marker_environ[n++] = environ[i];
    }
    marker_environ[at == SIZE_MAX ? n++ : at] = entry;
    marker_environ[n] = NULL;
    environ = marker_environ;
    return true;
}

static char *put_hex64(char *out, uint64_t v)
{
    for (int shift = 60; shift >= 0; shift -= 4)
        *out++ = "0123456789abcdef"[v >> shift & 15];
    return out;
}

/* includes: "PATH\n" per included file (ss_policy_source). */
static void set_marker(struct ss_identity identity, bool explain, const char *includes,
                       size_t inclen)
{
    size_t prefix = sizeof SS_ENV_ACTIVE; /* "NAME=" */
    size_t need = prefix + SS_MARKER_HEX + sizeof ":2" SS_MARKER_EXPLAIN + inclen;
    char *entry = need <= sizeof marker_entry ? marker_entry : malloc(need), *end;
    int rc;

    if (!entry)
        die_msg("cannot set " SS_ENV_ACTIVE ": out of memory");
    /* SS_MARKER_FORMAT by hand, as parse_marker reads it: snprintf's code
     * costs every sandboxed start three page faults. DEPTH: the filters this
     * policy adds (explain stacks two: its guard and the policy's);
     * informative, the probe is what children verify. */
    end = stpcpy(entry, SS_ENV_ACTIVE "=");
    end = put_hex64(put_hex64(end, identity.lo), identity.hi);
    *end++ = ':';
    *end++ = explain ? '2' : '1';
    end = stpcpy(end, explain ? SS_MARKER_EXPLAIN : "");
    if (inclen) { /* "\nA\nB" from "A\nB\n" */
        *end++ = '\n';
        memcpy(end, includes, inclen - 1);
        end += inclen - 1;
    }
    *end = 0;
    if (entry == marker_entry && environ_with(entry))
        return;
    unsetenv(SS_ENV_ACTIVE); /* every copy, as environ_with leaves one */
    rc = setenv(SS_ENV_ACTIVE, entry + prefix, 1);
    if (entry != marker_entry)
        free(entry);
    if (rc)
        die_msg("cannot set " SS_ENV_ACTIVE ": out of memory");
}

/* The plan every path ends with, and the marker for exec'd children. The
 * caller frees what it allocated before it installs: free() may unmap. */
static void plan(struct ss_install_plan *plan, enum ss_mode mode, const struct source *src,
                 const unsigned char *source_id, const char *includes, size_t inclen, bool explain,
                 unsigned flags)
{
    *plan = (struct ss_install_plan){.mode = mode,
                                     .prog = &program,
                                     .filter_flags = flags,
                                     .explain = explain,
                                     .stamp = true,
                                     .identity = identity_of(src, source_id),
                                     .landlock = &landlock};
    if (mode == SS_MODE_FILTER)
        set_marker(plan->identity, explain, includes, inclen);
}

static void say(const char *what)
{
    char line[1024];
    int n = snprintf(line, sizeof line, "seccomp-shim: %s\n", what);

    if (write(STDERR_FILENO, line, n < (int)sizeof line ? n : (int)sizeof line - 1) < 0) {
        /* a warning that cannot be written changes nothing */
    }
}

/* Our own path: children load the shim again (a Landlock grant). */
static const char *shim_path(void)
{
    Dl_info self;

    return dladdr(&landlock, &self) ? self.dli_fname : NULL;
}

/* A compiled policy: the file itself (`seccomp-shim compile -o`), or the INI
 * file's compiled sibling. No inih, no libseccomp. False when there is none
 * to use. The Landlock rules come from the file; the grants that depend on
 * this start are added here, as ss_landlock_plan_build adds them for the INI:
 * the shim, and the file children read to recognise the policy (the compiled
 * file; for a sibling the INI, the sibling and the INI's includes). */
static bool plan_compiled(struct ss_install_plan *out, const struct source *src,
                          const struct stat *st, bool warnings)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_compiled_info info;
    struct ss_error err;
    char why[700], *keep = NULL;
    int rc = ss_compiled_parse(src->bytes, src->len, src->file, &program, &landlock, &info, &err);

    if (rc < 0)
        die(&err);
    if (rc == 0) { /* given a compiled file: its identity is its bytes' */
        if (src->want_explain && !info.explain)
            die_msg(SS_ENV_EXPLAIN "=1 but the compiled policy was compiled without explain: "
                                   "compile it from a policy with `explain = yes`");
        if (ss_source_id(src->file, src->bytes, src->len, "", 0, source_id))
            die_msg("cannot hash the compiled policy"); /* without includes: never */
        if (landlock.active &&
            ss_landlock_plan_implicit(&landlock, shim_path(), src->file, "", 0, &err))
            die(&err);
        plan(out, info.mode, src, source_id, "", 0, info.explain, info.filter_flags);
        return true;
    }
    /* The sibling's bytes go into policy_room after the INI's when they fit. */
    size_t used = policy_bytes == policy_room ? (src->len + 16) & ~(size_t)15 : 0;
    rc = ss_compiled_sibling(src->file, src->bytes, src->len, st, src->want_explain, &program,
                             &landlock, &info, policy_room + used, sizeof policy_room - used, &keep,
                             warnings ? why : NULL, sizeof why);
    if (warnings && why[0])
        say(why);
    if (rc)
        return false;
    if (landlock.active && ss_landlock_plan_implicit(&landlock, shim_path(), src->file,
                                                     info.includes, info.inclen, &err)) {
        free(keep);
        die(&err);
    }
    plan(out, info.mode, src, info.source_id, info.includes, info.inclen, info.explain,
         info.filter_flags);
    free(keep);
    return true;
}

static void print_warnings(const struct ss_policy *p)
{
    char line[1024];

    for (size_t i = 0; i < p->nwarnings; i++) {
        int n = snprintf(line, sizeof line, "seccomp-shim: %s:%u: warning: %s\n",
                         p->warnings[i].where.file, p->warnings[i].where.line, p->warnings[i].msg);
        if (write(STDERR_FILENO, line, n < (int)sizeof line ? n : (int)sizeof line - 1) < 0)
            break;
    }
}

/* libseccomp asks the kernel what its seccomp() offers before its first
 * filter (9 calls) for the sake of seccomp_load, which the shim does not
 * use: install.c installs the program, and says what a kernel lacks when
 * it refuses it. Level 3 (Linux 4.14) has what policies compile to (KILL_PROCESS,
 * LOG); libseccomp 2.5 and 2.6 then probe nothing. Only for the shim's
 * own copy of libseccomp (linked in): one the program shares would keep
 * the level for the program's own filters. */
static void no_kernel_probes(void)
{
    Dl_info shim, lib;

    if (dladdr((void *)no_kernel_probes, &shim) && dladdr((void *)seccomp_api_set, &lib) &&
        shim.dli_fbase == lib.dli_fbase)
        seccomp_api_set(3);
}

/* An INI policy: parse (lint only when its warnings are printed), compile. */
static __attribute__((noinline)) void plan_parsed(struct ss_install_plan *out,
                                                  const struct source *src, bool warnings)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_policy *p = ss_policy_new();
    const char *includes;
    struct ss_error err;
    size_t inclen;
    bool strict;
    int rc;

    if (!p)
        die_msg("out of memory");
    rc = ss_parse_buffer(p, src->bytes, src->len, src->file ? src->file : SS_INLINE_NAME,
                         (src->file ? SS_PARSE_FILE : 0) | (warnings ? SS_PARSE_LINT : 0), &err);
    if (rc == 0 && src->want_explain)
        rc = ss_policy_enable_explain(p, &err);
    if (rc == 0 && warnings)
        print_warnings(p);
    strict = rc == 0 && p->mode == SS_MODE_STRICT;
    if (rc == 0 && !strict)
        no_kernel_probes();
    /* libseccomp fails without naming it when there is no seccomp() at all:
     * then say so (asked only on failure: no syscall on the way that works). */
    if (rc == 0 && !strict && (rc = ss_compile(p, &program, &err)))
        ss_seccomp_available(&err);
    if (rc == 0 && ss_policy_has_landlock(p))
        rc = ss_landlock_plan_build(p, shim_path(), src->file, &landlock, &err);
    if (rc) {
        ss_policy_free(p);
        die(&err);
    }
    if (p->explain && !strict)
        ss_explain_table_build(p); /* the report's lines; static, kept after free */
    ss_policy_source(p, source_id, &includes, &inclen);
    plan(out, strict ? SS_MODE_STRICT : SS_MODE_FILTER, src, source_id, includes, inclen,
         p->explain, ss_policy_filter_flags(p));
    ss_policy_free(p);
}

/* explain in a child exec'd under the policy: the report's lines come from
 * the same policy text (inherited() checked its identity). Best effort: the
 * filter is already live, so nothing is read beyond the text in hand: a text
 * that mentions includes is not parsed, a compiled one fails to parse, and
 * then the report says the lines are not known. Costs a parse per exec, with
 * explain only. */
static __attribute__((noinline)) void explain_table_inherited(const struct source *src)
{
    struct ss_policy *p;
    struct ss_error err;

    /* Includes would be read, and Landlock paths expanded and checked
     * (getcwd, stat), under the live filter: not even tried. */
    if (memmem(src->bytes, src->len, "include", 7) ||
        memmem(src->bytes, src->len, "[filesystem", 11) ||
        memmem(src->bytes, src->len, "[network", 8) || memmem(src->bytes, src->len, "[scope", 6))
        return;
    p = ss_policy_new();
    if (p &&
        ss_parse_buffer(p, src->bytes, src->len, src->file ? src->file : SS_INLINE_NAME, 0, &err) ==
            0 &&
        p->mode != SS_MODE_STRICT)
        ss_explain_table_build(p);
    ss_policy_free(p);
}

/* A policy name looked up in the policy folders (engine/search.c), or a
 * relative SECCOMP_SHIM_POLICY made absolute against the working directory
 * of the first process that reads it, so that children exec'd after a `cd`
 * find the same file (and compute the same identity). getcwd, not realpath:
 * includes resolve from the folder the path names, symlinks or not. */
static __attribute__((noinline)) const char *absolute_policy(const char *file)
{
    char cwd[4096], found[4096], *abs;

    /* A policy name (no slash): the policy folders first, then a file of
     * that name here. Folders first: whoever can write the working directory
     * must not pick the policy of `SECCOMP_SHIM_POLICY=docker-default`. */
    if (ss_policy_is_name(file) && ss_policy_find(file, found, sizeof found) == 0) {
        if (setenv(SS_ENV_POLICY, found, 1))
            die_msg("cannot set " SS_ENV_POLICY ": out of memory");
        return getenv(SS_ENV_POLICY);
    }
    if (ss_policy_is_name(file) && access(file, F_OK) != 0) {
        struct ss_error err;
        ss_policy_not_found(file, &err);
        die(&err);
    }
    if (!getcwd(cwd, sizeof cwd))
        die_msg(SS_ENV_POLICY " is a relative path and the working directory is unknown: "
                              "give an absolute path");
    abs = malloc(strlen(cwd) + 1 + strlen(file) + 1);
    if (!abs)
        die_msg("out of memory");
    sprintf(abs, "%s/%s", strcmp(cwd, "/") ? cwd : "", file);
    if (setenv(SS_ENV_POLICY, abs, 1))
        die_msg("cannot set " SS_ENV_POLICY ": out of memory");
    free(abs);
    return getenv(SS_ENV_POLICY);
}

__attribute__((constructor)) static void seccomp_shim_init(void)
{
    const char *file = getenv(SS_ENV_POLICY), *text = getenv(SS_ENV_INI);
    struct source src = {
        .var = file ? SS_ENV_POLICY : SS_ENV_INI, .value = file ? file : text, .file = file};
    bool explain = false, warnings = getenv(SS_ENV_WARNINGS) != NULL;
    struct ss_install_plan how;
    struct ss_error err;
    struct stat st;

    if (getenv(SS_ENV_LEARN)) { /* seccomp-shim learn: mark, install nothing */
        if (file || text)
            die_msg(SS_ENV_LEARN " and a policy are both set; set one");
        if (ss_learn_mark(getenv(SS_ENV_LEARN), &err))
            die(&err);
        return;
    }
    if (!file && !text)
        die_msg("neither " SS_ENV_POLICY " (a policy file) nor " SS_ENV_INI
                " (policy text) is set; refusing to run unsandboxed");
    if (file && text)
        die_msg("both " SS_ENV_POLICY " and " SS_ENV_INI " are set; set exactly one");
    if (file && !*file) /* open("") would report ENOENT without saying what */
        die_msg(SS_ENV_POLICY " is set but empty: name a policy file");

    src.want_explain = getenv(SS_ENV_EXPLAIN) && strcmp(getenv(SS_ENV_EXPLAIN), "1") == 0;
    if (file && file[0] != '/') /* out of line: its path buffers cost a stack page fault */
        src.value = src.file = file = absolute_policy(file);
    if (!file) {
        src.bytes = text;
        src.len = strlen(text);
    }
    if (inherited(&src, &explain)) {
        if (explain && file) /* the report's lines; best effort, as below */
            src.bytes = policy_bytes =
                ss_read_policy_into(file, policy_room, sizeof policy_room, &src.len, NULL, &err);
        if (explain && src.bytes)
            explain_table_inherited(&src);
        free_policy_bytes();
        if (explain && ss_explain_arm(&err)) /* handlers do not survive exec */
            die(&err);
        return;
    }
    if (file) { /* the one read of the policy file: hashed, sniffed and parsed */
        policy_bytes =
            ss_read_policy_into(file, policy_room, sizeof policy_room, &src.len, &st, &err);
        if (!policy_bytes)
            die(&err);
        src.bytes = policy_bytes;
    }
    if (!file || !plan_compiled(&how, &src, &st, warnings))
        plan_parsed(&how, &src, warnings);
    free_policy_bytes();
    if (ss_install(&how, &err))
        die(&err);
}
