/* The compiled-policy file format: one place defines it, for the writer
 * (`seccomp-shim compile`) and the reader (the shim).
 *
 * A compiled policy is a 48-byte header followed by the BPF program, both in
 * the byte order of x86_64 (little-endian):
 *
 *   offset size field
 *        0    8 magic        "\177SSHIMP\0" (0x7f: no INI policy starts so)
 *        8    4 version      SS_COMPILED_VERSION
 *       12    4 arch         AUDIT_ARCH_X86_64: the program checks this arch
 *       16    4 flags        SS_COMPILED_LOG | SS_COMPILED_EXPLAIN
 *       20    4 mode         0 filter, 1 strict (strict: no program)
 *       24    4 ninsns       instructions that follow (1..4096; 0 for strict)
 *       28    4 reserved     0
 *       32    8 source_hash  FNV-1a of the policy text it was compiled from
 *       40    8 checksum     FNV-1a of the header (checksum field as 0) and
 *                            the program
 *       48  8*n program      struct sock_filter[ninsns]
 *
 * The file is exactly 48 + 8 * ninsns bytes. The checksum catches truncation
 * and corruption (any single changed byte, for certain), not an attacker: who
 * can write the file can write any policy into it.
 */
#ifndef SS_COMPILED_H
#define SS_COMPILED_H

#include "seccomp-shim.h"

#define SS_COMPILED_MAGIC       "\177SSHIMP" /* 8 bytes with the NUL */
#define SS_COMPILED_MAGIC_LEN   8
#define SS_COMPILED_VERSION     1
#define SS_COMPILED_HEADER_SIZE 48
#define SS_COMPILED_LOG         0x1u /* SECCOMP_FILTER_FLAG_LOG */
#define SS_COMPILED_EXPLAIN     0x2u /* kills are TRAPs: arm the SIGSYS reporter */
#define SS_COMPILED_FLAGS_KNOWN (SS_COMPILED_LOG | SS_COMPILED_EXPLAIN)

struct ss_compiled_header {
    char magic[SS_COMPILED_MAGIC_LEN];
    uint32_t version;
    uint32_t arch;
    uint32_t flags;
    uint32_t mode;
    uint32_t ninsns;
    uint32_t reserved;
    uint64_t source_hash;
    uint64_t checksum;
};

_Static_assert(sizeof(struct ss_compiled_header) == SS_COMPILED_HEADER_SIZE,
               "the header layout is the file format");

/* What the header says, decoded. */
struct ss_compiled_info {
    enum ss_mode mode;
    bool explain;
    unsigned filter_flags; /* SECCOMP_FILTER_FLAG_* to install with */
    unsigned long long source_hash;
};

/* True when the file's first byte says "compiled, not INI" (even when what
 * follows is truncated or damaged: that must be an error, not an INI). */
bool ss_compiled_sniff(const void *start, size_t len);

/* Writes p (and prog for filter mode; NULL for strict) in the format above
 * to fd. name is what errors call the output. */
int ss_compiled_write(int fd, const char *name, const struct ss_policy *p,
                      const struct ss_program *prog, struct ss_error *err);

/* Reads and validates a compiled policy from path into prog and info. Makes
 * no allocation and no call to libseccomp or inih. Returns 1 when path is not
 * a compiled policy (an INI file: nothing read into prog), 0 when loaded, -1
 * with err filled when it is one but cannot be used. */
int ss_compiled_load(const char *path, struct ss_program *prog, struct ss_compiled_info *info,
                     struct ss_error *err);

#endif
