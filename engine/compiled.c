/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Compiled policies (layout in seccomp-shim-contract.h): the writer for `seccomp-shim
 * compile` and the validating reader the shim uses instead of inih and
 * libseccomp, for a compiled file it is given and for the compiled sibling
 * of an INI file. The reader refuses anything it does not fully understand. */
#define _GNU_SOURCE
#include "internal.h"
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Catches damage, not an attacker (who can write the file can write any
 * policy into it): the first 8 bytes of a SHA-256 of the file (the header h,
 * then the len bytes of rest) with the checksum field as 0. */
static uint64_t checksum(const struct ss_compiled_header *h, const void *rest, size_t len)
{
    struct ss_compiled_header zeroed = *h;
    struct ss_sha256 c;
    uint8_t d[SS_SHA256_LEN];
    uint64_t sum;

    zeroed.checksum = 0;
    ss_sha256_init(&c);
    ss_sha256_update(&c, &zeroed, sizeof zeroed);
    ss_sha256_update(&c, rest, len);
    ss_sha256_digest(&c, d);
    memcpy(&sum, d, sizeof sum);
    return sum;
}

bool ss_compiled_sniff(const void *start, size_t len)
{
    return len > 0 && *(const unsigned char *)start == (unsigned char)SS_COMPILED_MAGIC[0];
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

int ss_compiled_check(const struct ss_policy *p, struct ss_error *err)
{
    /* A sibling records the file found then; the INI would include one that
     * appears earlier in the folders later, and the sibling would still
     * look current (review). */
    if (p->include_searched.line)
        return ss_fail(err, p->include_searched,
                       "this include was found through the policy folders: a file of that name "
                       "put earlier in them later (your ~/.config/seccomp-shim, "
                       "/etc/seccomp-shim) would change what the INI includes but not its "
                       "compiled policy; include it by its path, or use the INI policy");
    for (size_t i = 0; p->landlock.filesystem && i < p->landlock.npaths; i++) {
        const struct ss_landlock_path *g = &p->landlock.paths[i];
        /* $POLICY_DIR too: a sibling copied or moved with its INI is still
         * current (includes are hashed by relative name) but would keep the
         * old folder's paths (review). */
        if (g->start_var && !strcmp(g->start_var, "$POLICY_DIR"))
            return ss_fail(err, g->where,
                           "$POLICY_DIR (%s) is the folder the INI is in, which a compiled "
                           "policy cannot follow when the INI and its compiled sibling are "
                           "copied or moved; use the INI policy, or an absolute path",
                           g->path);
        if (g->start_var)
            return ss_fail(err, g->where,
                           "%s (%s) depends on the start: %s is %s of the first sandboxed "
                           "process, which a compiled policy cannot freeze; use the INI policy, "
                           "or an absolute path",
                           g->start_var, g->path, g->start_var,
                           strcmp(g->start_var, "$PWD") ? "the home folder"
                                                        : "the working directory");
    }
    return 0;
}

/* Appends n bytes to the buffer being built (room checked by the caller). */
static char *put(char *at, const void *data, size_t n)
{
    if (n) /* data may be NULL then */
        memcpy(at, data, n);
    return at + n;
}

/* The Landlock section (layout in seccomp-shim-contract.h) of plan, the
 * policy's own rules, into a malloc'd buffer of *len bytes. */
static char *landlock_section(const struct ss_landlock_plan *plan, size_t *len)
{
    uint32_t head[4], flags = (plan->best_effort ? SS_COMPILED_LL_BEST_EFFORT : 0) |
                              (plan->filesystem ? SS_COMPILED_LL_FILESYSTEM : 0) |
                              (plan->network ? SS_COMPILED_LL_NETWORK : 0);
    size_t text = 0;
    char *buf, *at;

    for (unsigned i = 0; i < plan->npaths; i++)
        text += strlen(plan->text + plan->paths[i].text);
    *len = SS_COMPILED_LL_HEADER_SIZE +
           (size_t)(plan->npaths + plan->nports) * SS_COMPILED_LL_RULE_SIZE + text;
    if (!(at = buf = malloc(*len)))
        return NULL;
    head[0] = flags, head[1] = plan->npaths, head[2] = plan->nports, head[3] = text;
    at = put(at, head, sizeof head);
    at = put(at, &plan->scoped, sizeof plan->scoped);
    for (unsigned i = 0; i < plan->npaths; i++) {
        uint32_t rule[2] = {plan->paths[i].optional ? SS_COMPILED_LL_OPTIONAL : 0,
                            strlen(plan->text + plan->paths[i].text)};
        at = put(at, &plan->paths[i].access, sizeof plan->paths[i].access);
        at = put(at, rule, sizeof rule);
    }
    for (unsigned i = 0; i < plan->nports; i++) {
        uint32_t rule[2] = {plan->ports[i].port, 0};
        at = put(at, &plan->ports[i].access, sizeof plan->ports[i].access);
        at = put(at, rule, sizeof rule);
    }
    for (unsigned i = 0; i < plan->npaths; i++)
        at = put(at, plan->text + plan->paths[i].text, strlen(plan->text + plan->paths[i].text));
    return buf;
}

/* The whole file, built in memory: the checksum covers all of it. */
int ss_compiled_write(int fd, const char *name, const struct ss_policy *p,
                      const struct ss_program *prog, struct ss_error *err)
{
    struct ss_where at = {name, 0};
    struct ss_landlock_plan *plan;
    struct ss_compiled_header h;
    size_t n = p->mode == SS_MODE_FILTER ? prog->len : 0, inclen, lllen = 0, size;
    char *ll = NULL, *file, *end;
    const char *includes;
    int rc = 0;

    if (ss_compiled_check(p, err))
        return -1;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SS_COMPILED_MAGIC, SS_COMPILED_MAGIC_LEN);
    h.version = SS_COMPILED_VERSION;
    h.arch = ss_arch_audit(p->arch);
    h.flags = (p->log ? SS_COMPILED_LOG : 0) | (p->explain ? SS_COMPILED_EXPLAIN : 0) |
              (ss_policy_has_landlock(p) ? SS_COMPILED_LANDLOCK : 0);
    h.mode = p->mode == SS_MODE_STRICT ? 1 : 0;
    h.ninsns = n;
    ss_policy_source(p, h.source_id, &includes, &inclen);
    if (inclen > SS_COMPILED_INCLUDES_MAX)
        return ss_fail(err, at, "the policy's include list is longer than %d bytes",
                       SS_COMPILED_INCLUDES_MAX);
    h.inclen = inclen;
    if (h.flags & SS_COMPILED_LANDLOCK) {
        if (!(plan = malloc(sizeof *plan)))
            return ss_fail(err, at, "out of memory");
        if (ss_landlock_plan_rules(p, plan, err)) {
            free(plan);
            return -1;
        }
        ll = landlock_section(plan, &lllen);
        free(plan);
        if (!ll)
            return ss_fail(err, at, "out of memory");
    }
    size = sizeof h + inclen + lllen + n * sizeof *prog->insns;
    if (!(file = malloc(size))) {
        free(ll);
        return ss_fail(err, at, "out of memory");
    }
    end = put(file + sizeof h, includes, inclen);
    end = put(end, ll, lllen);
    if (n)
        put(end, prog->insns, n * sizeof *prog->insns);
    h.checksum = checksum(&h, file + sizeof h, size - sizeof h);
    memcpy(file, &h, sizeof h);
    if (write_all(fd, file, size))
        rc = ss_fail(err, at, "cannot write: %s", strerror(errno));
    free(file);
    free(ll);
    return rc;
}

static const char *arch_name(uint32_t arch)
{
    switch (arch) {
    case AUDIT_ARCH_X86_64:
        return "x86_64";
    case AUDIT_ARCH_I386:
        return "i386";
    case AUDIT_ARCH_AARCH64:
        return "aarch64";
    case AUDIT_ARCH_ARM:
        return "arm";
    case AUDIT_ARCH_RISCV64:
        return "riscv64";
    case AUDIT_ARCH_PPC64LE:
        return "ppc64le";
    case AUDIT_ARCH_S390X:
        return "s390x";
    }
    return "unknown";
}

/* The checks that need only the header. */
static int check_header(const struct ss_compiled_header *h, enum ss_arch arch, struct ss_where at,
                        struct ss_error *err)
{
    /* Version 2 is version 3 without a Landlock section. */
    uint32_t known =
        h->version == 2 ? SS_COMPILED_FLAGS_KNOWN & ~SS_COMPILED_LANDLOCK : SS_COMPILED_FLAGS_KNOWN;

    if (memcmp(h->magic, SS_COMPILED_MAGIC, SS_COMPILED_MAGIC_LEN))
        return ss_fail(err, at, "not a policy: neither INI text nor a compiled policy (bad magic)");
    if (h->version > SS_COMPILED_VERSION)
        return ss_fail(err, at,
                       "compiled policy has format version %u; this shim reads version %d: "
                       "compile it again with this seccomp-shim",
                       h->version, SS_COMPILED_VERSION);
    if (h->version < SS_COMPILED_VERSION_MIN)
        return ss_fail(err, at,
                       "compiled policy has the old format version %u; this shim reads versions "
                       "%d to %d: compile it again with this seccomp-shim",
                       h->version, SS_COMPILED_VERSION_MIN, SS_COMPILED_VERSION);
    /* The target: in the shim the architecture it runs on. */
    if (h->arch != ss_arch_audit(arch))
        return ss_fail(err, at, "compiled policy is for architecture %s (0x%08x); this %s %s",
                       arch_name(h->arch), h->arch,
                       arch == ss_arch_native() ? "shim runs" : "command targets",
                       ss_arch_name(arch));
    if (h->flags & ~known)
        return ss_fail(err, at, "compiled policy has unknown flags 0x%x: corrupted or too new",
                       h->flags & ~known);
    if (h->mode > 1)
        return ss_fail(err, at, "compiled policy has unknown mode %u: corrupted or too new",
                       h->mode);
    if (h->mode == 1 && h->ninsns != 0)
        return ss_fail(err, at, "compiled strict-mode policy carries a program: corrupted");
    if (h->mode == 0 && (h->ninsns == 0 || h->ninsns > SS_POLICY_INSNS_MAX))
        return ss_fail(err, at,
                       "compiled policy announces %u instructions; a filter has 1 to %d: "
                       "corrupted",
                       h->ninsns, SS_POLICY_INSNS_MAX);
    if (h->inclen > SS_COMPILED_INCLUDES_MAX)
        return ss_fail(err, at, "compiled policy announces a %u-byte include list: corrupted",
                       h->inclen);
    return 0;
}

/* Inactive: nothing of it is applied. Not a memset of its 22 KiB: the shim
 * clears it on every start, and only active and the counts are read. */
static void plan_clear(struct ss_landlock_plan *plan)
{
    plan->active = plan->best_effort = plan->filesystem = plan->network = false;
    plan->scoped = 0;
    plan->npaths = plan->nports = 0;
}

#define LL_BAD(...) ss_fail(err, at, "compiled policy's Landlock section: " __VA_ARGS__)

/* A little-endian field of the section (the x86_64 and aarch64 order). */
static uint32_t u32_at(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t u64_at(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The Landlock section at sec, with avail bytes up to the end of the file,
 * into plan; its length into *lllen. Every count and length is checked
 * before it is used to read. */
static int parse_landlock(const unsigned char *sec, size_t avail, uint32_t version,
                          struct ss_landlock_plan *plan, size_t *lllen, struct ss_where at,
                          struct ss_error *err)
{
    const unsigned char *rule, *text;
    uint32_t flags, npaths, nports, textlen;
    size_t used = 0;

    if (avail < SS_COMPILED_LL_HEADER_SIZE)
        return ss_fail(err, at, "compiled policy is truncated in its Landlock section");
    flags = u32_at(sec), npaths = u32_at(sec + 4), nports = u32_at(sec + 8);
    textlen = u32_at(sec + 12);
    plan->scoped = u64_at(sec + 16);
    if (flags & ~SS_COMPILED_LL_FLAGS_KNOWN)
        return LL_BAD("unknown flags 0x%x: corrupted", flags & ~SS_COMPILED_LL_FLAGS_KNOWN);
    if (plan->scoped & ~SS_LL_SCOPE_ALL)
        return LL_BAD("unknown scopes 0x%llx: corrupted",
                      (unsigned long long)(plan->scoped & ~SS_LL_SCOPE_ALL));
    plan->best_effort = flags & SS_COMPILED_LL_BEST_EFFORT;
    plan->filesystem = flags & SS_COMPILED_LL_FILESYSTEM;
    plan->network = flags & SS_COMPILED_LL_NETWORK;
    if (plan->network && version < 4)
        return ss_fail(err, at,
                       "compiled policy has format version %u, whose [network] does not refuse "
                       "MPTCP and listen() without a bind grant: compile it again with this "
                       "seccomp-shim",
                       version);
    if (!plan->filesystem && !plan->network && !plan->scoped)
        return LL_BAD("confines nothing: corrupted");
    if (npaths > (plan->filesystem ? SS_LL_PLAN_PATHS : 0) ||
        nports > (plan->network ? SS_LL_PLAN_PORTS : 0) ||
        (size_t)textlen + npaths > SS_LL_PLAN_TEXT)
        return LL_BAD("announces %u paths, %u ports and %u bytes of paths: corrupted", npaths,
                      nports, textlen);
    *lllen =
        SS_COMPILED_LL_HEADER_SIZE + (size_t)(npaths + nports) * SS_COMPILED_LL_RULE_SIZE + textlen;
    if (*lllen > avail)
        return ss_fail(err, at, "compiled policy is truncated in its Landlock section");
    rule = sec + SS_COMPILED_LL_HEADER_SIZE;
    text = rule + (size_t)(npaths + nports) * SS_COMPILED_LL_RULE_SIZE;
    for (uint32_t i = 0; i < npaths; i++, rule += SS_COMPILED_LL_RULE_SIZE) {
        uint64_t access = u64_at(rule);
        uint32_t pflags = u32_at(rule + 8), len = u32_at(rule + 12);
        if (!access || access & ~SS_LL_FS_ALL || pflags & ~SS_COMPILED_LL_OPTIONAL)
            return LL_BAD("path rule %u has rights 0x%llx, flags 0x%x: corrupted", i + 1,
                          (unsigned long long)access, pflags);
        if (len == 0 || len > SS_COMPILED_LL_PATH_MAX || len > textlen - used)
            return LL_BAD("path rule %u announces %u bytes: corrupted", i + 1, len);
        if (text[used] != '/' || memchr(text + used, 0, len))
            return LL_BAD("path rule %u is not an absolute path: corrupted", i + 1);
        /* used + i + len + 1 <= textlen + npaths <= SS_LL_PLAN_TEXT */
        memcpy(plan->text + used + i, text + used, len);
        plan->text[used + i + len] = 0;
        plan->paths[i].access = access;
        plan->paths[i].text = used + i;
        plan->paths[i].optional = pflags & SS_COMPILED_LL_OPTIONAL;
        used += len;
    }
    if (used != textlen)
        return LL_BAD("%u bytes of paths announced, %zu used: corrupted", textlen, used);
    for (uint32_t i = 0; i < nports; i++, rule += SS_COMPILED_LL_RULE_SIZE) {
        uint64_t access = u64_at(rule);
        uint32_t port = u32_at(rule + 8), pad = u32_at(rule + 12);
        if (!access || access & ~SS_LL_NET_ALL || port > 65535 || pad)
            return LL_BAD("port rule %u (port %u, rights 0x%llx): corrupted", i + 1, port,
                          (unsigned long long)access);
        plan->ports[i].access = access;
        plan->ports[i].port = port;
    }
    plan->npaths = npaths;
    plan->nports = nports;
    plan->active = true;
    return 0;
}

int ss_compiled_parse(const void *buf, size_t len, const char *name, enum ss_arch arch,
                      struct ss_program *prog, struct ss_landlock_plan *landlock,
                      struct ss_compiled_info *info, struct ss_error *err)
{
    struct ss_where at = {name, 0};
    struct ss_compiled_header h;
    const char *includes = (const char *)buf + sizeof h;
    size_t lllen = 0, want;

    plan_clear(landlock);
    if (!ss_compiled_sniff(buf, len))
        return 1;
    if (len < sizeof h)
        return ss_fail(err, at,
                       "compiled policy is truncated: %zu bytes, shorter than its %d-byte header",
                       len, SS_COMPILED_HEADER_SIZE);
    memcpy(&h, buf, sizeof h);
    if (check_header(&h, arch, at, err))
        return -1;
    if (len < sizeof h + h.inclen)
        return ss_fail(
            err, at, "compiled policy is truncated: %zu bytes, shorter than its include list", len);
    if (h.flags & SS_COMPILED_LANDLOCK &&
        parse_landlock((const unsigned char *)includes + h.inclen, len - sizeof h - h.inclen,
                       h.version, landlock, &lllen, at, err))
        goto bad;
    want = sizeof h + h.inclen + lllen + h.ninsns * sizeof *prog->insns;
    if (len < want) {
        ss_fail(err, at, "compiled policy is truncated: %zu of the %zu bytes its header announces",
                len, want);
        goto bad;
    }
    if (len > want) {
        ss_fail(err, at, "compiled policy has bytes after its program: corrupted");
        goto bad;
    }
    if (checksum(&h, includes, len - sizeof h) != h.checksum) {
        ss_fail(err, at, "compiled policy is corrupted: checksum mismatch");
        goto bad;
    }
    memcpy(prog->insns, includes + h.inclen + lllen, h.ninsns * sizeof *prog->insns);
    prog->len = h.ninsns;
    info->mode = h.mode == 1 ? SS_MODE_STRICT : SS_MODE_FILTER;
    info->explain = h.flags & SS_COMPILED_EXPLAIN;
    info->filter_flags = h.flags & (SS_COMPILED_LOG | SS_COMPILED_EXPLAIN)
                             ? SECCOMP_FILTER_FLAG_LOG
                             : 0; /* as ss_policy_filter_flags */
    memcpy(info->source_id, h.source_id, sizeof info->source_id);
    info->includes = includes;
    info->inclen = h.inclen;
    return 0;
bad: /* nothing half-read may be applied */
    plan_clear(landlock);
    return -1;
}

int ss_compiled_load(const char *path, enum ss_arch arch, struct ss_program *prog,
                     struct ss_landlock_plan *landlock, struct ss_compiled_info *info,
                     struct ss_error *err)
{
    size_t len;
    char *buf = ss_read_policy(path, &len, NULL, err);
    int rc;

    plan_clear(landlock);
    if (!buf)
        return -1;
    rc = ss_compiled_parse(buf, len, path, arch, prog, landlock, info, err);
    free(buf);
    info->includes = NULL, info->inclen = 0; /* they pointed into buf */
    return rc;
}

size_t ss_compiled_stem(const char *ini)
{
    size_t len = strlen(ini);

    return len > 4 && strcmp(ini + len - 4, ".ini") == 0 ? len - 4 : len;
}

char *ss_compiled_sibling_name(const char *ini)
{
    char *out;

    if (asprintf(&out, "%.*s.compiled", (int)ss_compiled_stem(ini), ini) < 0)
        return NULL;
    return out;
}

/* Who may write the sibling may choose the policy: only those who may write
 * the INI already. */
static const char *untrusted(const struct stat *ini, const struct stat *sib)
{
    if (sib->st_uid != ini->st_uid)
        return "it is owned by another user than the policy";
    if (sib->st_mode & S_IWGRP && !(ini->st_mode & S_IWGRP && sib->st_gid == ini->st_gid))
        return "its group may write it, and may not write the policy";
    if (sib->st_mode & S_IWOTH && !(ini->st_mode & S_IWOTH))
        return "anyone may write it, and not the policy";
    return NULL;
}

int ss_compiled_sibling(struct ss_sibling *s)
{
    unsigned char id[SS_SOURCE_ID_LEN];
    size_t stem = ss_compiled_stem(s->ini), blen;
    struct ss_compiled_info *info = &s->info;
    const char *reason = NULL;
    struct ss_error err;
    struct stat st;
    char *buf = NULL;
    int rc = 1;

    /* X.ini -> X.compiled as ss_compiled_sibling_name, on the stack: no
     * malloc on the way to a sibling (nor to its absence). */
    char name[stem < PATH_MAX ? stem + sizeof ".compiled" : 1];

    s->keep = NULL;
    plan_clear(s->landlock);
    if (s->why)
        s->why[0] = 0;
    if (stem >= PATH_MAX) /* no such file can be opened */
        return 1;
    memcpy(name, s->ini, stem);
    memcpy(name + stem, ".compiled", sizeof ".compiled");
    if (access(name, F_OK) != 0) /* the common case: no sibling, nothing to say */
        return 1;
    buf = ss_read_policy_into(name, s->room, s->roomsize, &blen, &st, &err);
    if (!buf)
        reason = err.msg;
    else if ((reason = untrusted(s->ini_st, &st)))
        ;
    else if (ss_compiled_parse(buf, blen, name, ss_arch_native(), s->prog, s->landlock, info,
                               &err) != 0)
        reason = ss_compiled_sniff(buf, blen) ? err.msg : "it is not a compiled policy";
    else if (ss_source_id(s->ini, s->text, s->len, info->includes, info->inclen, id) != 0 ||
             memcmp(id, info->source_id, sizeof id) != 0)
        reason = "it was compiled from another version of the policy or of a file it includes";
    else if (s->want_explain && !info->explain)
        reason = "it was compiled without explain, and explain is asked for";
    else
        rc = 0;
    /* why is asked for only when it is printed: snprintf's code costs a start
     * that does not print three page faults. */
    if (s->why && rc == 0)
        snprintf(s->why, s->whysize, "%s: used in place of %s", name, s->ini);
    else if (s->why)
        snprintf(s->why, s->whysize, "%s: ignored: %s", name, reason);
    if (rc == 0 && buf != s->room)
        s->keep = buf;
    else if (buf != s->room)
        free(buf);
    if (rc) {
        info->includes = NULL, info->inclen = 0;
        plan_clear(s->landlock); /* the INI's plan is built instead */
    }
    return rc;
}
