/*
 * seccomp-shim.h: the policy engine of seccomp-shim.
 *
 * One header for the whole engine API. The engine turns an INI policy into a
 * model (struct ss_policy), the model into a classic BPF program for x86_64
 * (struct ss_program, compiled with libseccomp), and installs a program or the
 * kernel's strict mode in the calling process. It knows nothing about
 * LD_PRELOAD: the shim (preload/shim.c) and the command (cli/) both use it.
 *
 * Conventions:
 *  - Functions that can fail return 0 on success and -1 on failure, and fill
 *    the struct ss_error the caller passes (never NULL).
 *  - Every string a policy holds is owned by it and freed by ss_policy_free().
 *  - Nothing here prints; callers format errors with ss_error_format().
 */
#ifndef SECCOMP_SHIM_H
#define SECCOMP_SHIM_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SS_MAX_ARGS    6    /* syscall arguments a condition can name */
#define SS_PROGRAM_MAX 4096 /* BPF_MAXINSNS: the kernel's limit for one filter */
#define SS_PROBE_LEN   11   /* instructions the shim puts in front (ss_probe_stamp) */
#define SS_PROBE_ERRNO 4093 /* the stamp's answer; reserved in policies */
/* The longest program a policy may compile to: the shim adds its probe. */
#define SS_POLICY_INSNS_MAX (SS_PROGRAM_MAX - SS_PROBE_LEN)
#define SS_INCLUDE_MAX      8    /* deepest include chain */
#define SS_LINE_MAX         198  /* longest policy line (inih reads 200-byte lines) */
#define SS_ERRNO_MAX        4095 /* largest errno(E) the kernel returns */

/* ---- diagnostics ------------------------------------------------------- */

/* Where something came from. file points into the policy's interned names
 * (or a static string); line 0 means "the whole file" or "no line". */
struct ss_where {
    const char *file;
    unsigned line;
};

struct ss_error {
    char file[256]; /* "" when no file applies */
    unsigned line;  /* 0 when no line applies */
    char msg[512];
};

/* Fill err; printf-style message. Returns -1 so callers can `return ss_fail(...)`. */
int ss_fail(struct ss_error *err, struct ss_where where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "FILE:LINE: msg", "FILE: msg" or "msg" into buf; returns buf. */
char *ss_error_format(const struct ss_error *err, char *buf, size_t size);

/* ---- the model --------------------------------------------------------- */

enum ss_mode {
    SS_MODE_FILTER, /* a BPF filter built from the rules */
    SS_MODE_STRICT, /* SECCOMP_MODE_STRICT: read, write, _exit, sigreturn */
};

enum ss_action_kind {
    SS_ACT_ALLOW,
    SS_ACT_KILL_PROCESS,
    SS_ACT_KILL_THREAD,
    SS_ACT_TRAP,
    SS_ACT_LOG,
    SS_ACT_ERRNO, /* data: the errno */
    SS_ACT_TRACE, /* data: the value the tracer sees */
};

struct ss_action {
    enum ss_action_kind kind;
    uint16_t data;
};

enum ss_op {
    SS_OP_EQ,
    SS_OP_NE,
    SS_OP_LT,
    SS_OP_LE,
    SS_OP_GT,
    SS_OP_GE,
    SS_OP_MASKED_EQ, /* (arg & mask) == value */
};

struct ss_cond {
    unsigned arg; /* 0..5 */
    enum ss_op op;
    uint64_t mask; /* SS_OP_MASKED_EQ only */
    uint64_t value;
};

/* One line of [syscalls] for one syscall: `name = action [if cond && ...]`.
 * Several rules for one syscall are alternatives (any may match). */
struct ss_rule {
    int nr; /* x86_64 syscall number */
    struct ss_action action;
    unsigned ncond;
    struct ss_cond cond[SS_MAX_ARGS];
    struct ss_where where;
    const char *group; /* "@name" when the rule came from a group, else NULL */
    unsigned layer;    /* include depth: 0 for the top file, larger for included ones */
};

/* A warning of the lint: the policy is valid but probably not what was meant. */
struct ss_warning {
    struct ss_where where;
    char *msg;
};

struct ss_policy_books; /* the engine's bookkeeping (internal.h) */

struct ss_policy {
    enum ss_mode mode;
    bool has_default;
    struct ss_action default_action;
    bool explain; /* report kill actions on stderr before dying by SIGSYS */
    bool log;     /* SECCOMP_FILTER_FLAG_LOG */
    struct ss_where mode_where, default_where;

    struct ss_rule *rules; /* the resolved rules, in the order they were read */
    size_t nrules;

    struct ss_warning *warnings; /* the lint's findings */
    size_t nwarnings;

    struct ss_policy_books *books;
};

struct ss_policy *ss_policy_new(void);
void ss_policy_free(struct ss_policy *p);

/* Parse a policy file into p. Relative includes are resolved from its folder. */
int ss_parse_file(struct ss_policy *p, const char *path, struct ss_error *err);

/* Parse policy text; name is what errors call it (the shim uses "<inline>").
 * Relative includes are resolved from the current directory. */
int ss_parse_text(struct ss_policy *p, const char *text, const char *name, struct ss_error *err);

/* Parse action text such as "errno(EPERM)" (also used by the command's options). */
int ss_parse_action(const char *text, struct ss_action *out, char *why, size_t whysize);

/* "allow", "errno(EPERM)", ... into buf; returns buf. */
char *ss_action_format(struct ss_action a, char *buf, size_t size);

/* "arg0 == 2", "arg1 & 0xf == 0x1" into buf; returns buf. */
char *ss_cond_format(const struct ss_cond *c, char *buf, size_t size);

/* ---- syscall names ----------------------------------------------------- */

/* x86_64 number of name; -1 when x86_64 has no such syscall. *elsewhere is set
 * when another architecture knows the name (e.g. chown32). */
int ss_syscall_number(const char *name, bool *elsewhere);

/* x86_64 name of nr (static string), or NULL. */
const char *ss_syscall_name(int nr);

/* i386 name of nr (static string), or NULL: for decoding audit records. */
const char *ss_syscall_name_i386(int nr);

/* The known name closest to a misspelt one, or NULL when nothing is close. */
const char *ss_syscall_suggest(const char *name);

/* ---- syscall groups (@aio, @file-system, ...) ---------------------------- */

/* The x86_64 syscalls of group name ("@aio", "@" included) and of the groups
 * it contains, as numbers in ascending order: stores the first max of them in
 * nrs and returns how many there are (more than max when nrs is too small),
 * or -1 when there is no such group. Members x86_64 lacks are left out, as a
 * policy naming the group leaves them out. */
int ss_group_members(const char *name, int *nrs, size_t max);

/* The known group closest to a misspelt one ("@aio" for "@aoi"), or NULL. */
const char *ss_group_suggest(const char *name);

/* ---- compiling and installing ----------------------------------------- */

struct ss_program {
    unsigned short len;
    struct sock_filter insns[SS_PROGRAM_MAX];
};

/* Flags of the installed filter (SECCOMP_FILTER_FLAG_*), from the policy. */
unsigned ss_policy_filter_flags(const struct ss_policy *p);

/* Compile a filter-mode policy into a BPF program for x86_64. Kill actions
 * become SECCOMP_RET_TRAP when p->explain is set (see ss_explain_arm). */
int ss_compile(const struct ss_policy *p, struct ss_program *out, struct ss_error *err);

/* Write libseccomp's pseudo filter code (PFC) of the same filter ss_compile
 * builds to fd. */
int ss_export_pfc(const struct ss_policy *p, int fd, struct ss_error *err);

/* Turn explain on in a parsed policy (SECCOMP_SHIM_EXPLAIN=1, `seccomp-shim
 * run --explain`), with the checks `explain = yes` gets: no trap actions,
 * and not in strict mode (its kills are SIGKILL, nothing can report them). */
int ss_policy_enable_explain(struct ss_policy *p, struct ss_error *err);


/* ---- compiled policies (layout: seccomp-shim-contract.h) ---------------- */

/* What a compiled policy's header says, decoded. */
struct ss_compiled_info {
    enum ss_mode mode;
    bool explain;
    unsigned filter_flags; /* SECCOMP_FILTER_FLAG_* to install with */
    unsigned long long source_hash;
};

/* True when the file's first byte says "compiled, not INI" (even when what
 * follows is truncated or damaged: that must be an error, not an INI). */
bool ss_compiled_sniff(const void *start, size_t len);

/* Writes p (and prog for filter mode; NULL for strict) as a compiled policy
 * to fd. name is what errors call the output. */
int ss_compiled_write(int fd, const char *name, const struct ss_policy *p,
                      const struct ss_program *prog, struct ss_error *err);

/* Reads and validates a compiled policy from path into prog and info. Makes
 * no allocation and no call to libseccomp or inih. Returns 1 when path is not
 * a compiled policy (an INI file: nothing read into prog), 0 when loaded, -1
 * with err filled when it is one but cannot be used. */
int ss_compiled_load(const char *path, struct ss_program *prog, struct ss_compiled_info *info,
                     struct ss_error *err);


/* ---- simulating filters (bpf.c, eval.c, verify.c) ----------------------- */

struct seccomp_data; /* <linux/seccomp.h>: nr, arch, instruction_pointer, args[6] */

/* Runs prog on d as the kernel would and puts the filter's 32-bit answer
 * (SECCOMP_RET_*) in *ret. Fails, like the kernel's checker, on a program
 * that is empty, too long, does not end in a return, jumps or loads out of
 * range, reads scratch memory never written or uses an opcode seccomp
 * refuses. */
int ss_bpf_run(const struct ss_program *prog, const struct seccomp_data *d, uint32_t *ret,
               struct ss_error *err);

/* The 32-bit return value a filter for p gives for action a (kill_process
 * becomes trap under explain, errno and trace carry their data). */
uint32_t ss_action_ret(const struct ss_policy *p, struct ss_action a);

/* What the policy says for one call. */
struct ss_verdict {
    struct ss_action action;
    uint32_t ret;              /* ss_action_ret(action) */
    const struct ss_rule *rule; /* the rule that decided; NULL: the default or the arch check */
    bool bad_arch;             /* not x86_64, or an x32 number: killed before any rule */
};

/* The model's answer for (d->arch, d->nr, d->args): several rules for one
 * syscall are alternatives; when matching rules have different actions the
 * strictest (kernel precedence: kill_process > kill_thread > trap > errno >
 * trace > log > allow) applies, the first of them in file order decides. */
void ss_policy_eval(const struct ss_policy *p, const struct seccomp_data *d,
                    struct ss_verdict *out);

/* Value of a symbolic constant from the system headers (AF_INET,
 * PROT_READ, ...); -1 when unknown. */
int ss_constant_value(const char *name, long long *value);

/* Checks that prog, the filter compiled from filter-mode policy p, answers
 * as p says for the boundary values of every comparison of every rule (and a
 * sample of other calls, other architectures and x32). ss_compile calls it. */
int ss_verify(const struct ss_policy *p, const struct ss_program *prog, struct ss_error *err);

#ifdef __cplusplus
}
#endif

#endif
