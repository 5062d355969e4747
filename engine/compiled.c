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
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Catches damage, not an attacker (who can write the file can write any
 * policy into it): the first 8 bytes of a SHA-256 of the file with the
 * checksum field as 0. */
static uint64_t checksum(const struct ss_compiled_header *h, const void *includes,
                         const struct sock_filter *insns, size_t ninsns)
{
    struct ss_compiled_header zeroed = *h;
    struct sha256_ctx c;
    uint64_t sum;

    zeroed.checksum = 0;
    sha256_init(&c);
    sha256_update(&c, sizeof zeroed, (const uint8_t *)&zeroed);
    sha256_update(&c, h->inclen, includes);
    sha256_update(&c, ninsns * sizeof *insns, (const uint8_t *)insns);
    sha256_digest(&c, sizeof sum, (uint8_t *)&sum);
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

int ss_compiled_write(int fd, const char *name, const struct ss_policy *p,
                      const struct ss_program *prog, struct ss_error *err)
{
    struct ss_compiled_header h;
    size_t n = p->mode == SS_MODE_FILTER ? prog->len : 0, inclen;
    const char *includes;

    memset(&h, 0, sizeof h);
    memcpy(h.magic, SS_COMPILED_MAGIC, SS_COMPILED_MAGIC_LEN);
    h.version = SS_COMPILED_VERSION;
    h.arch = ss_arch_audit(p->arch);
    h.flags = (p->log ? SS_COMPILED_LOG : 0) | (p->explain ? SS_COMPILED_EXPLAIN : 0);
    h.mode = p->mode == SS_MODE_STRICT ? 1 : 0;
    h.ninsns = n;
    ss_policy_source(p, h.source_id, &includes, &inclen);
    if (inclen > SS_COMPILED_INCLUDES_MAX)
        return ss_fail(err, (struct ss_where){name, 0},
                       "the policy's include list is longer than %d bytes",
                       SS_COMPILED_INCLUDES_MAX);
    h.inclen = inclen;
    h.checksum = checksum(&h, includes, n ? prog->insns : NULL, n);
    if (write_all(fd, &h, sizeof h) || write_all(fd, includes, inclen) ||
        (n && write_all(fd, prog->insns, n * sizeof *prog->insns)))
        return ss_fail(err, (struct ss_where){name, 0}, "cannot write: %s", strerror(errno));
    return 0;
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
static int check_header(const struct ss_compiled_header *h, struct ss_where at,
                        struct ss_error *err)
{
    if (memcmp(h->magic, SS_COMPILED_MAGIC, SS_COMPILED_MAGIC_LEN))
        return ss_fail(err, at, "not a policy: neither INI text nor a compiled policy (bad magic)");
    if (h->version > SS_COMPILED_VERSION)
        return ss_fail(err, at,
                       "compiled policy has format version %u; this shim reads version %d: "
                       "compile it again with this seccomp-shim",
                       h->version, SS_COMPILED_VERSION);
    if (h->version < SS_COMPILED_VERSION)
        return ss_fail(err, at,
                       "compiled policy has the old format version %u; this shim reads version "
                       "%d: compile it again with this seccomp-shim",
                       h->version, SS_COMPILED_VERSION);
    /* The target: in the shim the architecture it runs on. */
    if (h->arch != ss_arch_audit(ss_arch_target()))
        return ss_fail(err, at, "compiled policy is for architecture %s (0x%08x); this %s %s",
                       arch_name(h->arch), h->arch,
                       ss_arch_target() == ss_arch_native() ? "shim runs" : "command targets",
                       ss_arch_name(ss_arch_target()));
    if (h->flags & ~SS_COMPILED_FLAGS_KNOWN)
        return ss_fail(err, at, "compiled policy has unknown flags 0x%x: corrupted or too new",
                       h->flags & ~SS_COMPILED_FLAGS_KNOWN);
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

int ss_compiled_parse(const void *buf, size_t len, const char *name, struct ss_program *prog,
                      struct ss_compiled_info *info, struct ss_error *err)
{
    struct ss_where at = {name, 0};
    struct ss_compiled_header h;
    const char *includes = (const char *)buf + sizeof h;
    size_t want;

    if (!ss_compiled_sniff(buf, len))
        return 1;
    if (len < sizeof h)
        return ss_fail(err, at,
                       "compiled policy is truncated: %zu bytes, shorter than its %d-byte header",
                       len, SS_COMPILED_HEADER_SIZE);
    memcpy(&h, buf, sizeof h);
    if (check_header(&h, at, err))
        return -1;
    want = sizeof h + h.inclen + h.ninsns * sizeof *prog->insns;
    if (len < want)
        return ss_fail(err, at,
                       "compiled policy is truncated: %zu of the %zu bytes its header announces",
                       len, want);
    if (len > want)
        return ss_fail(err, at, "compiled policy has bytes after its program: corrupted");
    memcpy(prog->insns, includes + h.inclen, h.ninsns * sizeof *prog->insns);
    if (checksum(&h, includes, prog->insns, h.ninsns) != h.checksum)
        return ss_fail(err, at, "compiled policy is corrupted: checksum mismatch");
    prog->len = h.ninsns;
    info->mode = h.mode == 1 ? SS_MODE_STRICT : SS_MODE_FILTER;
    info->explain = h.flags & SS_COMPILED_EXPLAIN;
    info->filter_flags = h.flags & SS_COMPILED_LOG ? SECCOMP_FILTER_FLAG_LOG : 0;
    memcpy(info->source_id, h.source_id, sizeof info->source_id);
    info->includes = includes;
    info->inclen = h.inclen;
    return 0;
}

int ss_compiled_load(const char *path, struct ss_program *prog, struct ss_compiled_info *info,
                     struct ss_error *err)
{
    size_t len;
    char *buf = ss_read_policy(path, &len, NULL, err);
    int rc;

    if (!buf)
        return -1;
    rc = ss_compiled_parse(buf, len, path, prog, info, err);
    free(buf);
    info->includes = NULL, info->inclen = 0; /* they pointed into buf */
    return rc;
}

char *ss_compiled_sibling_name(const char *ini)
{
    size_t len = strlen(ini);
    char *out;

    if (len > 4 && strcmp(ini + len - 4, ".ini") == 0)
        len -= 4;
    if (asprintf(&out, "%.*s.compiled", (int)len, ini) < 0)
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

int ss_compiled_sibling(const char *ini, const void *text, size_t len, const struct stat *ini_st,
                        bool want_explain, struct ss_program *prog, struct ss_compiled_info *info,
                        char *room, size_t roomsize, char **keep, char *why, size_t whysize)
{
    unsigned char id[SS_SOURCE_ID_LEN];
    size_t stem = strlen(ini), blen;
    const char *reason = NULL;
    struct ss_error err;
    struct stat st;
    char *buf = NULL;
    int rc = 1;

    /* X.ini -> X.compiled as ss_compiled_sibling_name, on the stack: no
     * malloc on the way to a sibling (nor to its absence). */
    if (stem > 4 && strcmp(ini + stem - 4, ".ini") == 0)
        stem -= 4;
    char name[stem < PATH_MAX ? stem + sizeof ".compiled" : 1];

    *keep = NULL;
    if (why)
        why[0] = 0;
    if (stem >= PATH_MAX) /* no such file can be opened */
        return 1;
    memcpy(name, ini, stem);
    memcpy(name + stem, ".compiled", sizeof ".compiled");
    if (access(name, F_OK) != 0) /* the common case: no sibling, nothing to say */
        return 1;
    buf = ss_read_policy_into(name, room, roomsize, &blen, &st, &err);
    if (!buf)
        reason = err.msg;
    else if ((reason = untrusted(ini_st, &st)))
        ;
    else if (ss_compiled_parse(buf, blen, name, prog, info, &err) != 0)
        reason = ss_compiled_sniff(buf, blen) ? err.msg : "it is not a compiled policy";
    else if (ss_source_id(ini, text, len, info->includes, info->inclen, id) != 0 ||
             memcmp(id, info->source_id, sizeof id) != 0)
        reason = "it was compiled from another version of the policy or of a file it includes";
    else if (want_explain && !info->explain)
        reason = "it was compiled without explain, and explain is asked for";
    else
        rc = 0;
    /* why is asked for only when it is printed: snprintf's code costs a start
     * that does not print three page faults. */
    if (why && rc == 0)
        snprintf(why, whysize, "%s: used in place of %s", name, ini);
    else if (why)
        snprintf(why, whysize, "%s: ignored: %s", name, reason);
    if (rc == 0 && buf != room)
        *keep = buf;
    else if (buf != room)
        free(buf);
    if (rc)
        info->includes = NULL, info->inclen = 0;
    return rc;
}
