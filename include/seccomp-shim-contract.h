/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * seccomp-shim-contract.h: what the shim (preload/) and the command (cli/)
 * agree on, in one place.
 *
 *  - the environment variables that name a policy and carry state to exec'd
 *    children, and the marker format the shim leaves for them;
 *  - the exit statuses of a refusal;
 *  - the compiled-policy file layout (written by `seccomp-shim compile`, read
 *    by the shim);
 *  - the learn marker (`seccomp-shim learn` and the shim in learn mode);
 *  - the guest's install sequence (preload/), used by the shim and by
 *    `seccomp-shim run --direct`.
 *
 * Nothing else spells these names or numbers: change them here.
 */
#ifndef SECCOMP_SHIM_CONTRACT_H
#define SECCOMP_SHIM_CONTRACT_H

#include "seccomp-shim-landlock.h"
#include "seccomp-shim.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- environment ------------------------------------------------------- */

#define SS_ENV_PREFIX   "SECCOMP_SHIM_"
#define SS_ENV_POLICY   SS_ENV_PREFIX "POLICY"   /* a policy file (INI or compiled) */
#define SS_ENV_INI      SS_ENV_PREFIX "INI"      /* the policy text itself */
#define SS_ENV_ACTIVE   SS_ENV_PREFIX "ACTIVE"   /* the marker, below */
#define SS_ENV_EXPLAIN  SS_ENV_PREFIX "EXPLAIN"  /* "1": explain on */
#define SS_ENV_WARNINGS SS_ENV_PREFIX "WARNINGS" /* set: print lint warnings */
#define SS_ENV_LEARN    SS_ENV_PREFIX "LEARN"    /* the learn token, 16 hex digits */

/* What errors call a policy given as text. */
#define SS_INLINE_NAME "<inline>"

/* The marker SS_ENV_ACTIVE: "HASH:DEPTH" or "HASH:DEPTH:e" (explain), then
 * "\nPATH" for each file the policy includes (ss_policy_source's list, in its
 * order). HASH is the 128-bit policy identity (ss_identity: lo then hi) as 32
 * lower-case hex digits, DEPTH the filters the policy added (decimal, 1 to 6
 * digits). A child computes the identity from the policy's top file and the
 * listed files without parsing; when it matches and the filter answers the
 * probe (below), it installs nothing. A forged list changes what is hashed,
 * so it can only make the child install its own filter. */
#define SS_MARKER_FORMAT  "%016llx%016llx:%d%s"
#define SS_MARKER_HEX     32
#define SS_MARKER_EXPLAIN ":e"

/* ---- exit statuses (as env(1)) ------------------------------------------ */

#define SS_EXIT_POLICY   125 /* the policy (or the sandbox) cannot be set up */
#define SS_EXIT_REFUSE   126 /* the program cannot be run sandboxed */
#define SS_EXIT_NOTFOUND 127 /* the program does not exist */

/* ---- the probe stamp (preload/probe.c) ----------------------------------- */

/* access(IDENTITY.lo, SS_PROBE_MODE, IDENTITY.hi) answers ERRNO(SS_PROBE_ERRNO)
 * only under a filter stamped with IDENTITY: all 128 bits are compared (64
 * would fall to a birthday search of 2^32 hashes). access() ignores its third
 * argument; the filter sees it. SS_PROBE_LEN and SS_PROBE_ERRNO are in the
 * engine's header: policies may not use the errno, and the stamp's length
 * limits the policy's program. */
#define SS_PROBE_MODE 0x5ec0 /* not a valid access() mode: EINVAL without a filter */

/* ---- compiled policies ---------------------------------------------------- */

/*
 * A compiled policy is a 72-byte header, the include list, the Landlock
 * section (when the flags say so) and the BPF program, in the byte order of
 * x86_64 (little-endian):
 *
 *   offset size field
 *        0    8 magic        "\177SSHIMP\0" (0x7f: no INI policy starts so)
 *        8    4 version      SS_COMPILED_VERSION
 *       12    4 arch         AUDIT_ARCH_ of the target (x86_64, aarch64): the program
 *                            checks this arch
 *       16    4 flags        SS_COMPILED_LOG | SS_COMPILED_EXPLAIN | SS_COMPILED_LANDLOCK
 *       20    4 mode         0 filter, 1 strict (strict: no program)
 *       24    4 ninsns       instructions that follow (1..4081; 0 for strict)
 *       28    4 inclen       bytes of the include list (0..SS_COMPILED_INCLUDES_MAX)
 *       32   32 source_id    the source id (SHA-256, ss_policy_source) of the
 *                            policy it was compiled from
 *       64    8 checksum     the first 8 bytes of a SHA-256 of the whole file
 *                            with this field as 0
 *       72    m includes     the include list: "PATH\n" per included file,
 *                            relative to the top file's folder
 *   72+m    l landlock       with SS_COMPILED_LANDLOCK only (else l = 0), below
 * 72+m+l  8*n program        struct sock_filter[ninsns]
 *
 * The Landlock section: the policy's own rules, paths expanded to absolute
 * ones at compile time ($POLICY_DIR; a policy with $PWD or $HOME is not
 * compiled). The implicit grants (the loader, the shim, the policy file, its
 * includes) depend on where and how the policy starts: the shim adds them.
 *
 *   offset size field
 *        0    4 flags        SS_COMPILED_LL_BEST_EFFORT | _FILESYSTEM | _NETWORK
 *        4    4 npaths       path rules (0..SS_LL_PLAN_PATHS; 0 without _FILESYSTEM)
 *        8    4 nports       port rules (0..SS_LL_PLAN_PORTS; 0 without _NETWORK)
 *       12    4 textlen      bytes of all paths (the sum of their len)
 *       16    8 scoped       SS_LL_SCOPE_* ([scope])
 *       24 16*p path rules   {u64 access (SS_LL_FS_*, not 0); u32 1 when
 *                            optional (`?PATH`), else 0; u32 len (1..4095)}
 *    .+16p 16*q port rules   {u64 access (SS_LL_NET_*, not 0); u32 port
 *                            (0..65535); u32 0}
 *        .    t paths        the paths, in rule order, each len bytes starting
 *                            with '/', no NUL
 *
 * l = 24 + 16p + 16q + t, and the paths with a NUL each fit in
 * SS_LL_PLAN_TEXT: the reader fills a struct ss_landlock_plan from these
 * bytes, checking every count and length before it reads, and allocates
 * nothing. A section present confines something: _FILESYSTEM, _NETWORK or
 * a scope.
 *
 * The file is exactly 72 + m + l + 8 * n bytes. The checksum catches
 * truncation and corruption, not an attacker: who can write the file can
 * write any policy into it. source_id and the list let the shim use the file
 * in place of an INI file it is the compiled sibling of (ss_compiled_sibling).
 * Version 3 (still read) is version 4 whose program may lack what [network]
 * refuses beyond Landlock (engine/netguard.c): one with _NETWORK is refused.
 * Version 2 (still read) is version 3 without SS_COMPILED_LANDLOCK; version 1
 * had a 48-byte header with a 64-bit FNV source hash (refused: compile again).
 */
#define SS_COMPILED_MAGIC        "\177SSHIMP" /* 8 bytes with the NUL */
#define SS_COMPILED_MAGIC_LEN    8
#define SS_COMPILED_VERSION      4
#define SS_COMPILED_VERSION_MIN  2 /* the oldest version still read */
#define SS_COMPILED_HEADER_SIZE  72
#define SS_COMPILED_INCLUDES_MAX 65536
#define SS_COMPILED_LOG          0x1u /* SECCOMP_FILTER_FLAG_LOG */
#define SS_COMPILED_EXPLAIN      0x2u /* kills are TRAPs: arm the SIGSYS reporter */
#define SS_COMPILED_LANDLOCK     0x4u /* a Landlock section follows the include list (v3+) */
#define SS_COMPILED_FLAGS_KNOWN  (SS_COMPILED_LOG | SS_COMPILED_EXPLAIN | SS_COMPILED_LANDLOCK)

#define SS_COMPILED_LL_BEST_EFFORT 0x1u /* landlock = best-effort */
#define SS_COMPILED_LL_FILESYSTEM  0x2u /* [filesystem] present */
#define SS_COMPILED_LL_NETWORK     0x4u /* [network] present */
#define SS_COMPILED_LL_FLAGS_KNOWN                                                                 \
    (SS_COMPILED_LL_BEST_EFFORT | SS_COMPILED_LL_FILESYSTEM | SS_COMPILED_LL_NETWORK)
#define SS_COMPILED_LL_HEADER_SIZE 24
#define SS_COMPILED_LL_RULE_SIZE   16 /* a path rule or a port rule */
#define SS_COMPILED_LL_OPTIONAL    0x1u
#define SS_COMPILED_LL_PATH_MAX    4095

struct ss_compiled_header {
    char magic[SS_COMPILED_MAGIC_LEN];
    uint32_t version;
    uint32_t arch;
    uint32_t flags;
    uint32_t mode;
    uint32_t ninsns;
    uint32_t inclen;
    unsigned char source_id[SS_SOURCE_ID_LEN];
    uint64_t checksum;
};

_Static_assert(sizeof(struct ss_compiled_header) == SS_COMPILED_HEADER_SIZE,
               "the header layout is the file format");

/* ---- learn mode ----------------------------------------------------------- */

/* The launcher (cli/learn_spawn.c) installs the notifying filter before exec,
 * so the supervisor holds the listener from the first syscall and no fd has
 * to cross over. The shim only marks the point where it would install its
 * policy: a getpid call carrying the token of SS_ENV_LEARN in its (ignored)
 * arguments. The supervisor records nothing before that marker — the
 * loader's and the shim's own calls happen before the filter in a real run
 * too — and everything after it, in every descendant.
 *
 * Why not let the shim install the notifying filter and pass the listener
 * over a socket (SCM_RIGHTS)? Every syscall after the install, the sendmsg
 * included, waits for a supervisor that does not hold the listener yet: the
 * shim would need filter exceptions keyed on fd numbers the program may reuse
 * later, which would hide the program's own calls from the recording. */
#define SS_LEARN_MARK_NR SYS_getpid /* marker: getpid(token, ~token) */

/* The supervisor's answer to the marker: positive (never an error) and above
 * any pid (PID_MAX_LIMIT is 2^22), so neither a plain getpid nor a filter's
 * errno can produce it. */
static inline long ss_learn_answer(uint64_t token)
{
    return (long)(((token * 0x9e3779b97f4a7c15ULL) >> 2) | (1ULL << 61));
}

/* Reads a token; -1 when text is not exactly 16 hex digits. */
int ss_learn_parse_token(const char *text, uint64_t *token);

/* ---- the guest's install sequence (preload/) ------------------------------ */

/* The Landlock part of a plan: fixed-size, so that it outlives the freed
 * policy and applying it allocates nothing. Built by ss_landlock_plan_build
 * (engine/landlock.c), applied by ss_install before the seccomp filter. */
#define SS_LL_PLAN_PATHS 128   /* path rules, the implicit ones included */
#define SS_LL_PLAN_PORTS 128   /* port rules */
#define SS_LL_PLAN_TEXT  16384 /* bytes of the paths, NUL-terminated */

struct ss_landlock_plan {
    bool active;      /* a Landlock section is present: apply */
    bool best_effort; /* drop what the kernel cannot do, with a warning each */
    bool filesystem, network;
    uint64_t scoped;
    unsigned npaths, nports;
    struct {
        uint64_t access;
        unsigned text; /* offset of the path in text[] */
        bool optional;
    } paths[SS_LL_PLAN_PATHS];
    struct {
        uint64_t access;
        uint16_t port;
    } ports[SS_LL_PLAN_PORTS];
    char text[SS_LL_PLAN_TEXT];
};

/* The Landlock part of p as a plan: ss_landlock_plan_rules, then
 * ss_landlock_plan_implicit with p's include list. */
int ss_landlock_plan_build(const struct ss_policy *p, const char *shim, const char *policy_file,
                           struct ss_landlock_plan *out, struct ss_error *err);

/* The policy's own rules only (what a compiled policy stores): inactive when
 * p has no Landlock section. */
int ss_landlock_plan_rules(const struct ss_policy *p, struct ss_landlock_plan *out,
                           struct ss_error *err);

/* Adds the implicit grants to a plan holding a policy's own rules, when it
 * has [filesystem]: read and execute on the dynamic loader of the machine
 * the shim runs on and on shim (the preloaded object, NULL when none:
 * children load it again); read on policy_file (NULL when none: children read
 * it to recognise their policy) and on every file of includes ("PATH\n" each,
 * relative to policy_file's folder, or to the current directory without one).
 * Never on an INI's compiled sibling: whoever may create that name beside the
 * INI (a sticky folder) could make it a symlink to / (review); a child that
 * needs no sibling reads the INI. */
int ss_landlock_plan_implicit(struct ss_landlock_plan *out, const char *shim,
                              const char *policy_file, const char *includes, size_t inclen,
                              struct ss_error *err);

/* What to install: a filter-mode program, or strict mode. */
struct ss_install_plan {
    enum ss_mode mode;
    struct ss_program *prog; /* filter mode; stamped in place when stamp is set */
    unsigned filter_flags;   /* SECCOMP_FILTER_FLAG_* besides TSYNC */
    bool explain;            /* arm the SIGSYS reporter and stack its guard */
    bool stamp;              /* put the probe stamp for identity in front */
    struct ss_identity identity;
    const struct ss_landlock_plan *landlock; /* applied first; NULL: none */
};

/* Installs plan in the calling process, every step in the one order that is
 * safe: the Landlock domain (before any filter, which may refuse Landlock's
 * syscalls), explain's handler, the probe stamp, explain's guard (before the
 * policy, which may kill seccomp itself), then the policy's filter with
 * no_new_privs and TSYNC; or strict mode, refused when other threads exist.
 * Makes no allocation. After it returns 0 the caller must make no syscall the
 * policy may refuse. */
int ss_install(const struct ss_install_plan *plan, struct ss_error *err);

/* The shim in learn mode: checks the process is under the learning filter
 * and makes the marker call. -1 (err filled) when it must not run. */
int ss_learn_mark(const char *value, struct ss_error *err);

#ifdef __cplusplus
}
#endif

#endif
