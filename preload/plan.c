/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim's plan: from the environment and the policy, what to install.
 *
 * The policy file is read once: the same bytes are hashed, sniffed (compiled
 * or INI) and parsed. Only a child that finds a marker (marker.c) hashes the
 * file first as it reads it in chunks (no heap: the common inherited case
 * ends there), and reads it whole when that is not its parent's policy. For
 * an INI file whose compiled sibling (X.compiled) can stand in for it, the
 * sibling is installed: no inih, no libseccomp. The lint runs only when
 * SECCOMP_SHIM_WARNINGS asks for its warnings.
 *
 * SECCOMP_SHIM_EXPLAIN=1 (set by `seccomp-shim run --explain`) turns explain
 * on as `explain = yes` would. In an inherited child the marker, not this
 * variable, decides: it describes the filter that is really installed. */
#define _GNU_SOURCE
#include "guest.h"

#include <dlfcn.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static: the program is installed after every allocation has been freed. */
static struct ss_program program;
static char *policy_bytes; /* the policy file's bytes, freed before returning */
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

static int fail(struct ss_error *err, const char *msg)
{
    return ss_fail(err, (struct ss_where){0}, "%s", msg);
}

/* A policy name looked up in the policy folders (engine/search.c), or a
 * relative SECCOMP_SHIM_POLICY made absolute against the working directory
 * of the first process that reads it, so that children exec'd after a `cd`
 * find the same file (and compute the same identity). getcwd, not realpath:
 * includes resolve from the folder the path names, symlinks or not. NULL
 * (err filled) when it cannot. */
static __attribute__((noinline)) const char *absolute_policy(const char *file, struct ss_error *err)
{
    char cwd[4096], found[4096], *abs;

    /* A policy name (no slash): the policy folders first, then a file of
     * that name here. Folders first: whoever can write the working directory
     * must not pick the policy of `SECCOMP_SHIM_POLICY=docker-default`. */
    if (ss_policy_is_name(file) && ss_policy_find(file, found, sizeof found) == 0) {
        if (setenv(SS_ENV_POLICY, found, 1))
            return fail(err, "cannot set " SS_ENV_POLICY ": out of memory"), NULL;
        return getenv(SS_ENV_POLICY);
    }
    if (ss_policy_is_name(file) && access(file, F_OK) != 0)
        return ss_policy_not_found(file, err), NULL;
    if (!getcwd(cwd, sizeof cwd))
        return fail(err, SS_ENV_POLICY " is a relative path and the working directory is "
                                       "unknown: give an absolute path"),
               NULL;
    abs = malloc(strlen(cwd) + 1 + strlen(file) + 1);
    if (!abs)
        return fail(err, "out of memory"), NULL;
    sprintf(abs, "%s/%s", strcmp(cwd, "/") ? cwd : "", file);
    if (setenv(SS_ENV_POLICY, abs, 1)) {
        free(abs);
        return fail(err, "cannot set " SS_ENV_POLICY ": out of memory"), NULL;
    }
    free(abs);
    return getenv(SS_ENV_POLICY);
}

int ss_shim_source(struct ss_shim_source *src, struct ss_error *err)
{
    const char *file = getenv(SS_ENV_POLICY), *text = getenv(SS_ENV_INI);

    *src = (struct ss_shim_source){
        .var = file ? SS_ENV_POLICY : SS_ENV_INI, .value = file ? file : text, .file = file};
    if (!file && !text)
        return fail(err, "neither " SS_ENV_POLICY " (a policy file) nor " SS_ENV_INI
                         " (policy text) is set; refusing to run unsandboxed");
    if (file && text)
        return fail(err, "both " SS_ENV_POLICY " and " SS_ENV_INI " are set; set exactly one");
    if (file && !*file) /* open("") would report ENOENT without saying what */
        return fail(err, SS_ENV_POLICY " is set but empty: name a policy file");
    src->want_explain = getenv(SS_ENV_EXPLAIN) && strcmp(getenv(SS_ENV_EXPLAIN), "1") == 0;
    /* out of line: its path buffers cost a stack page fault */
    if (file && file[0] != '/' && !(src->value = src->file = absolute_policy(file, err)))
        return -1;
    if (!file) {
        src->bytes = text;
        src->len = strlen(text);
    }
    return 0;
}

/* The plan every path ends with, and the marker for exec'd children. The
 * caller frees what it allocated before it installs: free() may unmap. */
static int plan(struct ss_install_plan *plan, enum ss_mode mode, const struct ss_shim_source *src,
                const unsigned char *source_id, const char *includes, size_t inclen, bool explain,
                unsigned flags, struct ss_error *err)
{
    *plan = (struct ss_install_plan){.mode = mode,
                                     .prog = &program,
                                     .filter_flags = flags,
                                     .explain = explain,
                                     .stamp = true,
                                     .identity = ss_shim_identity(src, source_id),
                                     .landlock = &landlock};
    return mode == SS_MODE_FILTER ? ss_marker_set(plan->identity, explain, includes, inclen, err)
                                  : 0;
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
 * file's compiled sibling. No inih, no libseccomp. 1 when there is none
 * to use. The Landlock rules come from the file; the grants that depend on
 * this start are added here, as ss_landlock_plan_build adds them for the INI:
 * the shim, and the file children read to recognise the policy (the compiled
 * file; for a sibling the INI, the sibling and the INI's includes). */
static int plan_compiled(struct ss_install_plan *out, const struct ss_shim_source *src,
                         const struct stat *st, bool warnings, enum ss_shim_from *from,
                         struct ss_error *err)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_compiled_info info;
    char why[700];
    int rc = ss_compiled_parse(src->bytes, src->len, src->file, ss_arch_native(), &program,
                               &landlock, &info, err);

    if (rc < 0)
        return -1;
    if (rc == 0) { /* given a compiled file: its identity is its bytes' */
        *from = SS_FROM_COMPILED;
        if (src->want_explain && !info.explain)
            return fail(err,
                        SS_ENV_EXPLAIN "=1 but the compiled policy was compiled without "
                                       "explain: compile it from a policy with `explain = yes`");
        if (ss_source_id(src->file, src->bytes, src->len, "", 0, source_id))
            return fail(err, "cannot hash the compiled policy"); /* without includes: never */
        if (landlock.active &&
            ss_landlock_plan_implicit(&landlock, shim_path(), src->file, "", 0, err))
            return -1;
        return plan(out, info.mode, src, source_id, "", 0, info.explain, info.filter_flags, err);
    }
    /* The sibling's bytes go into policy_room after the INI's when they fit. */
    size_t used = policy_bytes == policy_room ? (src->len + 16) & ~(size_t)15 : 0;
    struct ss_sibling sib = {.ini = src->file,
                             .text = src->bytes,
                             .len = src->len,
                             .ini_st = st,
                             .want_explain = src->want_explain,
                             .prog = &program,
                             .landlock = &landlock,
                             .room = policy_room + used,
                             .roomsize = sizeof policy_room - used,
                             .why = warnings ? why : NULL,
                             .whysize = sizeof why};
    rc = ss_compiled_sibling(&sib);
    if (warnings && why[0])
        say(why);
    if (rc)
        return 1;
    *from = SS_FROM_SIBLING;
    rc = landlock.active && ss_landlock_plan_implicit(&landlock, shim_path(), src->file,
                                                      sib.info.includes, sib.info.inclen, err)
             ? -1
             : plan(out, sib.info.mode, src, sib.info.source_id, sib.info.includes, sib.info.inclen,
                    sib.info.explain, sib.info.filter_flags, err);
    free(sib.keep);
    return rc;
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
 * the level for the program's own filters (then 0: libseccomp probes). */
static unsigned no_kernel_probes(void)
{
    Dl_info shim, lib;

    return dladdr((void *)no_kernel_probes, &shim) && dladdr((void *)seccomp_api_set, &lib) &&
                   shim.dli_fbase == lib.dli_fbase
               ? 3
               : 0;
}

/* An INI policy: parse (lint only when its warnings are printed), compile. */
static __attribute__((noinline)) int plan_parsed(struct ss_install_plan *out,
                                                 const struct ss_shim_source *src, bool warnings,
                                                 struct ss_error *err)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_policy *p = ss_policy_new(ss_arch_native());
    struct ss_compile_options options = {0};
    const char *includes;
    size_t inclen;
    bool strict;
    int rc;

    if (!p)
        return fail(err, "out of memory");
    rc = ss_parse_buffer(p, src->bytes, src->len, src->file ? src->file : SS_INLINE_NAME,
                         (src->file ? SS_PARSE_FILE : 0) | (warnings ? SS_PARSE_LINT : 0), err);
    if (rc == 0 && src->want_explain)
        rc = ss_policy_enable_explain(p, err);
    if (rc == 0 && warnings)
        print_warnings(p);
    strict = rc == 0 && p->mode == SS_MODE_STRICT;
    if (rc == 0 && !strict)
        options.assume_api = no_kernel_probes();
    /* libseccomp fails without naming it when there is no seccomp() at all:
     * then say so (asked only on failure: no syscall on the way that works). */
    if (rc == 0 && !strict && (rc = ss_compile_with(p, &options, &program, err)))
        ss_seccomp_available(err);
    if (rc == 0 && ss_policy_has_landlock(p))
        rc = ss_landlock_plan_build(p, shim_path(), src->file, &landlock, err);
    if (rc) {
        ss_policy_free(p);
        return -1;
    }
    if (p->explain && !strict)
        ss_explain_table_build(p); /* the report's lines; static, kept after free */
    ss_policy_source(p, source_id, &includes, &inclen);
    rc = plan(out, strict ? SS_MODE_STRICT : SS_MODE_FILTER, src, source_id, includes, inclen,
              p->explain, ss_policy_filter_flags(p), err);
    ss_policy_free(p);
    return rc;
}

int ss_shim_plan(struct ss_install_plan *how, struct ss_shim_source *src, bool warnings,
                 enum ss_shim_from *from, struct ss_error *err)
{
    enum ss_shim_from ignored;
    struct stat st;
    int rc = 1;

    from = from ? from : &ignored;
    if (src->file) { /* the one read of the policy file: hashed, sniffed and parsed */
        policy_bytes =
            ss_read_policy_into(src->file, policy_room, sizeof policy_room, &src->len, &st, err);
        if (!policy_bytes)
            return -1;
        src->bytes = policy_bytes;
        rc = plan_compiled(how, src, &st, warnings, from, err);
    }
    if (rc == 1) {
        *from = SS_FROM_PARSED;
        rc = plan_parsed(how, src, warnings, err);
    }
    free_policy_bytes();
    if (src->file)
        src->bytes = NULL;
    return rc;
}

/* explain in a child exec'd under the policy: the report's lines come from
 * the same policy text (the marker checked its identity). Best effort: the
 * filter is already live, so nothing is read beyond the text in hand: a text
 * that mentions includes is not parsed, a compiled one fails to parse, and
 * then the report says the lines are not known. Costs a parse per exec, with
 * explain only. */
static __attribute__((noinline)) void explain_table_inherited(const struct ss_shim_source *src)
{
    struct ss_policy *p;
    struct ss_error err;

    /* Includes would be read, and Landlock paths expanded and checked
     * (getcwd, stat), under the live filter: not even tried. */
    if (memmem(src->bytes, src->len, "include", 7) ||
        memmem(src->bytes, src->len, "[filesystem", 11) ||
        memmem(src->bytes, src->len, "[network", 8) || memmem(src->bytes, src->len, "[scope", 6))
        return;
    p = ss_policy_new(ss_arch_native());
    if (p &&
        ss_parse_buffer(p, src->bytes, src->len, src->file ? src->file : SS_INLINE_NAME, 0, &err) ==
            0 &&
        p->mode != SS_MODE_STRICT)
        ss_explain_table_build(p);
    ss_policy_free(p);
}

int ss_shim_inherited(struct ss_shim_source *src, bool explain, struct ss_error *err)
{
    if (!explain)
        return 0;
    if (src->file) /* the report's lines; best effort, as below */
        src->bytes = policy_bytes =
            ss_read_policy_into(src->file, policy_room, sizeof policy_room, &src->len, NULL, err);
    if (src->bytes)
        explain_table_inherited(src);
    free_policy_bytes();
    if (src->file)
        src->bytes = NULL;
    return ss_explain_arm(err); /* handlers do not survive exec */
}
