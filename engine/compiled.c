/* Compiled policies (layout in seccomp-shim-contract.h): the writer for `seccomp-shim
 * compile` and the validating reader the shim uses instead of inih and
 * libseccomp. The reader runs in the shim's constructor: no allocation, no
 * stdio, and it refuses anything it does not fully understand. */
#define _GNU_SOURCE
#include "internal.h"
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *b = data;

    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t checksum(const struct ss_compiled_header *h, const struct sock_filter *insns,
                         size_t ninsns)
{
    struct ss_compiled_header zeroed = *h;

    zeroed.checksum = 0;
    return fnv1a(fnv1a(0xcbf29ce484222325ULL, &zeroed, sizeof zeroed), insns,
                 ninsns * sizeof *insns);
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
    size_t n = p->mode == SS_MODE_FILTER ? prog->len : 0;

    memset(&h, 0, sizeof h);
    memcpy(h.magic, SS_COMPILED_MAGIC, SS_COMPILED_MAGIC_LEN);
    h.version = SS_COMPILED_VERSION;
    h.arch = AUDIT_ARCH_X86_64;
    h.flags = (p->log ? SS_COMPILED_LOG : 0) | (p->explain ? SS_COMPILED_EXPLAIN : 0);
    h.mode = p->mode == SS_MODE_STRICT ? 1 : 0;
    h.ninsns = n;
    h.source_hash = p->books->source_hash;
    h.checksum = checksum(&h, n ? prog->insns : NULL, n);
    if (write_all(fd, &h, sizeof h) || (n && write_all(fd, prog->insns, n * sizeof *prog->insns)))
        return ss_fail(err, (struct ss_where){name, 0}, "cannot write: %s", strerror(errno));
    return 0;
}

/* Reads up to len bytes; returns how many (less only at end of file) or -1. */
static ssize_t read_full(int fd, void *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, (char *)buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += n;
    }
    return got;
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
    if (h->version == 0)
        return ss_fail(err, at, "compiled policy has invalid format version 0");
    if (h->arch != AUDIT_ARCH_X86_64)
        return ss_fail(err, at,
                       "compiled policy is for architecture %s (0x%08x); this shim runs x86_64",
                       arch_name(h->arch), h->arch);
    if (h->flags & ~SS_COMPILED_FLAGS_KNOWN || h->reserved)
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
    return 0;
}

static int load_fd(int fd, struct ss_where at, struct ss_program *prog,
                   struct ss_compiled_info *info, struct ss_error *err)
{
    struct ss_compiled_header h;
    size_t want;
    ssize_t got;
    char extra;

    got = read_full(fd, &h, sizeof h);
    if (got < 0)
        return ss_fail(err, at, "cannot read policy: %s", strerror(errno));
    if (!ss_compiled_sniff(&h, got))
        return 1;
    if ((size_t)got < sizeof h)
        return ss_fail(err, at,
                       "compiled policy is truncated: %zd bytes, shorter than its %d-byte header",
                       got, SS_COMPILED_HEADER_SIZE);
    if (check_header(&h, at, err))
        return -1;
    want = h.ninsns * sizeof *prog->insns;
    got = want ? read_full(fd, prog->insns, want) : 0;
    if (got < 0)
        return ss_fail(err, at, "cannot read policy: %s", strerror(errno));
    if ((size_t)got < want)
        return ss_fail(err, at,
                       "compiled policy is truncated: %zd of the %zu program bytes its header "
                       "announces",
                       got, want);
    got = read_full(fd, &extra, 1);
    if (got != 0)
        return ss_fail(err, at, "compiled policy has bytes after its program: corrupted");
    if (checksum(&h, prog->insns, h.ninsns) != h.checksum)
        return ss_fail(err, at, "compiled policy is corrupted: checksum mismatch");
    prog->len = h.ninsns;
    info->mode = h.mode == 1 ? SS_MODE_STRICT : SS_MODE_FILTER;
    info->explain = h.flags & SS_COMPILED_EXPLAIN;
    info->filter_flags = h.flags & SS_COMPILED_LOG ? SECCOMP_FILTER_FLAG_LOG : 0;
    info->source_hash = h.source_hash;
    return 0;
}

int ss_compiled_load(const char *path, struct ss_program *prog, struct ss_compiled_info *info,
                     struct ss_error *err)
{
    struct ss_where at = {path, 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), rc;
    struct stat st;

    if (fd < 0)
        return ss_fail(err, at, "cannot open policy: %s", strerror(errno));
    /* Not a regular file: let the INI reader say why (and never block on a FIFO). */
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 1;
    }
    rc = load_fd(fd, at, prog, info, err);
    close(fd);
    return rc;
}
