/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * seccomp-shim.h: the policy engine of seccomp-shim.
 *
 * One header for the whole engine API. The engine turns an INI policy into a
 * model (struct ss_policy), the model into a classic BPF program for x86_64
 * (struct ss_program, compiled with libseccomp), and installs a program or the
 * kernel's strict mode in the calling process. It knows nothing about
 * LD_PRELOAD: the shim (preload/shim.c) and the command (cli/) both use it.
 *
 * Internal to the project: not installed, no ABI promise (docs/design.md,
 * The source tree, says why).
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
#include <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SS_MAX_ARGS    6    /* syscall arguments a condition can name */
#define SS_PROGRAM_MAX 4096 /* BPF_MAXINSNS: the kernel's limit for one filter */
#define SS_PROBE_LEN   15   /* instructions the shim puts in front (ss_probe_stamp) */
#define SS_PROBE_ERRNO 4093 /* the stamp's answer; reserved in policies */
/* The longest program a policy may compile to: the shim adds its probe. */
#define SS_POLICY_INSNS_MAX (SS_PROGRAM_MAX - SS_PROBE_LEN)
#define SS_INCLUDE_MAX      8    /* deepest include chain */
#define SS_SYSCALL_SLOTS    1024 /* syscall numbers a policy may name: 0 .. 1024 - 1 */
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

/* The architecture the engine resolves syscall names, groups and constants
 * for and compiles filters for (engine/arch.c). Each has a secondary ABI a
 * filter kills (x86_64: i386 and x32; aarch64: arm). */
enum ss_arch {
    SS_ARCH_X86_64,
    SS_ARCH_AARCH64,
};
#define SS_ARCH_COUNT 2

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
    bool builtin;      /* added by the engine, in no file: the refusal of terminal
                        * input (tty.c); where names the top file, line 0 */
};

/* A warning of the lint: the policy is valid but probably not what was meant. */
struct ss_warning {
    struct ss_where where;
    char *msg;
};

/* Landlock ([filesystem], [network], [scope]; bits: seccomp-shim-landlock.h).
 * Grants from every file of an include tree are unioned; a section present
 * in any of them turns its confinement on. */
struct ss_landlock_path {
    char *path;            /* absolute, after $HOME, $PWD and $POLICY_DIR */
    uint64_t access;       /* SS_LL_FS_* */
    bool optional;         /* written `?PATH`: skipped when it does not exist */
    const char *start_var; /* "$PWD", "$HOME" or "$POLICY_DIR": not fixed at compile time */
    struct ss_where where;
};

struct ss_landlock_port {
    uint16_t port;
    uint64_t access; /* SS_LL_NET_* */
    struct ss_where where;
};

struct ss_landlock {
    bool filesystem, network; /* the section is present: refuse what is not granted */
    uint64_t scoped;          /* SS_LL_SCOPE_* asked for in [scope] */
    struct ss_where filesystem_where, network_where, scope_where;
    bool best_effort;           /* `landlock = best-effort` in [policy] */
    unsigned best_effort_layer; /* include depth it was set at, +1 (0: not set) */
    struct ss_where best_effort_where;
    struct ss_landlock_path *paths;
    size_t npaths, paths_cap;
    struct ss_landlock_port *ports;
    size_t nports, ports_cap;
    /* What [network] refuses beyond Landlock (engine/netguard.c): TCP that
     * Landlock does not see (socket_nr), listen() without a bind grant. */
    bool guard_socket, guard_listen;
    int socket_nr, listen_nr; /* the target's */
};

struct ss_policy_books; /* the engine's bookkeeping (internal.h) */

struct ss_policy {
    enum ss_mode mode;
    bool has_default;
    struct ss_action default_action;
    bool explain;     /* report kill actions on stderr before dying by SIGSYS */
    bool explain_all; /* explain = all: errno actions are reported too, then
                       * answered as they would be (traps carrying the errno) */
    bool log;         /* SECCOMP_FILTER_FLAG_LOG */
    bool tty_inject;  /* tty_inject = allow: no built-in refusal of TIOCSTI and
                       * TIOCLINUX (tty.c); the policy's rules decide */
    struct ss_where mode_where, default_where;

    struct ss_rule *rules; /* the resolved rules, in the order they were read */
    size_t nrules;

    struct ss_warning *warnings; /* the lint's findings */
    size_t nwarnings;

    struct ss_landlock landlock; /* the Landlock sections */

    /* The first `include = NAME` found through the policy folders, not beside
     * its file (line 0: none): what it means can change when a file of that
     * name appears earlier in them, which a compiled sibling cannot see. */
    struct ss_where include_searched;

    enum ss_arch arch; /* the target it was parsed for: its rules' numbers and constants */

    struct ss_policy_books *books;
};

/* A policy for architecture arch (ss_arch_native(): the machine's): parsing
 * into it resolves names, groups and constants for arch, compiling builds
 * arch's filter. */
struct ss_policy *ss_policy_new(enum ss_arch arch);
void ss_policy_free(struct ss_policy *p);

/* Parse a policy file into p, lint included. Relative includes are resolved
 * from its folder. */
int ss_parse_file(struct ss_policy *p, const char *path, struct ss_error *err);

/* Parse policy text, lint included; name is what errors call it (the shim
 * uses "<inline>"). Relative includes are resolved from the current directory. */
int ss_parse_text(struct ss_policy *p, const char *text, const char *name, struct ss_error *err);

#define SS_PARSE_LINT 0x1u /* run the lint (p->warnings); without it, no warning at all */
#define SS_PARSE_FILE 0x2u /* text is the file name's bytes: includes relative to its folder */

/* Parse len bytes of text (no NUL needed) named name. The shim's entry point:
 * it parses the very buffer it hashed, and lints only when asked (the
 * hardening's warnings are lint; the hardening itself is the compiler's). */
int ss_parse_buffer(struct ss_policy *p, const char *text, size_t len, const char *name,
                    unsigned flags, struct ss_error *err);

/* Reads a whole policy file (INI or compiled) into a NUL-terminated buffer the
 * caller frees; only regular files of at most 1 MiB (a FIFO is never waited
 * for). *st, when st is not NULL, is the file's fstat. NULL with err filled. */
char *ss_read_policy(const char *path, size_t *len, struct stat *st, struct ss_error *err);
/* The same into room (size bytes) when the file and its NUL fit there: the
 * result is then room, else memory the caller frees. */
char *ss_read_policy_into(const char *path, char *room, size_t size, size_t *len, struct stat *st,
                          struct ss_error *err);

/* Parse action text such as "errno(EPERM)" (also used by the command's options). */
int ss_parse_action(enum ss_arch arch, const char *text, struct ss_action *out, char *why,
                    size_t whysize);

/* The one writer of policy text (rule_text.c). Each returns buf. */

/* "allow", "kill_process", ... "errno", "trace": the action's name. */
const char *ss_action_name(enum ss_action_kind kind);

/* "==", "<=", ... and "&==" for SS_OP_MASKED_EQ. */
const char *ss_op_text(enum ss_op op);

/* "allow", "errno(1)", ... into buf. */
char *ss_action_format(struct ss_action a, char *buf, size_t size);

/* "arg0 == 0x2", "arg1 & 0xf == 0x1" into buf. */
char *ss_cond_format(const struct ss_cond *c, char *buf, size_t size);

/* What differs legitimately between the writers of rules. */
enum {
    SS_TEXT_CONSTANTS = 1, /* the constants of == != and masks by name (AF_UNIX) */
    SS_TEXT_DECIMAL = 2,   /* values (not masks) below 0x10000 in decimal, not hex */
    SS_TEXT_ERRNO = 4,     /* errno(EPERM), not errno(1) */
    SS_TEXT_SYMBOLIC = SS_TEXT_CONSTANTS | SS_TEXT_ERRNO,
};

/* Names and constants below are architecture a's (the policy's: p->arch). */

/* A condition of x86_64 syscall nr (-1: none) as flags say. */
char *ss_cond_text(enum ss_arch a, int nr, const struct ss_cond *c, unsigned flags, char *buf,
                   size_t size);

/* "COND && COND" ("" for none). */
char *ss_conds_text(enum ss_arch a, int nr, const struct ss_cond *c, unsigned n, unsigned flags,
                    char *buf, size_t size);

/* The key of nr's rules: its name where that reads back as nr, else the
 * number (in buf: syscalls newer than libseccomp). */
const char *ss_rule_key(enum ss_arch a, int nr, char *buf, size_t size);

/* The rule as a policy line, "KEY = ACTION if COND && COND"; KEY NULL: nr's
 * name where it reads back as nr, else the number. */
char *ss_rule_text(enum ss_arch arch, const char *key, int nr, struct ss_action a,
                   const struct ss_cond *c, unsigned n, unsigned flags, char *buf, size_t size);

/* ss_rule_text of r. */
char *ss_rule_format(enum ss_arch a, const struct ss_rule *r, unsigned flags, char *buf,
                     size_t size);

/* How reports quote what decided a call: "FILE:LINE: `RULE`" (symbolic), and
 * "the default action (FILE:LINE: `default = A`)". */
char *ss_rule_quote(enum ss_arch a, const struct ss_rule *r, char *buf, size_t size);
char *ss_default_quote(const struct ss_policy *p, struct ss_action a, char *buf, size_t size);

/* A seccomp filter's return value: the policy's action name ("kill_process";
 * NULL when none), or text, "errno(1)" or with verb "returns errno 1". */
const char *ss_ret_action_name(uint32_t ret);
char *ss_ret_format(uint32_t ret, bool verb, char *buf, size_t size);

/* Symbolic forms a policy accepts back unchanged in meaning (symbolic.c):
 * argument arg of x86_64 syscall nr as the constant of its family (socket
 * arg0 AF_UNIX, ioctl arg1 TCGETS, clone arg0 CLONE_NEWNS|CLONE_NEWUSER) or
 * else hex; a condition with such values (== != and masks only); errno(E)
 * with E's name. Each returns buf. */
char *ss_value_format(enum ss_arch a, int nr, unsigned arg, uint64_t value, char *buf, size_t size);
char *ss_cond_format_symbolic(enum ss_arch a, int nr, const struct ss_cond *c, char *buf,
                              size_t size);
char *ss_action_format_symbolic(enum ss_arch arch, struct ss_action a, char *buf, size_t size);

/* True when a and b do the same: same kind, and the same errno or trace
 * value for the kinds that carry one. */
bool ss_action_equal(struct ss_action a, struct ss_action b);

/* True when a and b test the same: same argument, comparison and value, and
 * the same mask for `&` comparisons. */
bool ss_cond_equal(const struct ss_cond *a, const struct ss_cond *b);

/* True when two condition lists (of rules) are equal one by one, in order. */
bool ss_conds_equal(const struct ss_cond *a, unsigned na, const struct ss_cond *b, unsigned nb);

/* ---- which policy is this ------------------------------------------------ */

/* The source id: SHA-256 of the top file's bytes and of every file it
 * includes, each with its path relative to the top file's folder (engine/source.c). */
#define SS_SOURCE_ID_LEN 32

/* After a successful parse: p's source id, and its include list ("PATH\n" per
 * included file in the order read, paths relative to the top file's folder;
 * owned by p, length *inclen, "" when none). */
void ss_policy_source(const struct ss_policy *p, unsigned char id[SS_SOURCE_ID_LEN],
                      const char **includes, size_t *inclen);

/* The same source id without parsing: from the top file's bytes (top_name:
 * its path, NULL for policy text) and an include list as ss_policy_source
 * gives it (the last newline may be missing), reading each listed file. -1 when one cannot be read
 * or the list is malformed (the caller then cannot vouch for anything). */
int ss_source_id(const char *top_name, const void *top, size_t len, const char *includes,
                 size_t inclen, unsigned char id[SS_SOURCE_ID_LEN]);
/* The same for the file at path, read in chunks (no heap): what an exec'd
 * child checks before it reads its policy whole. -1 also when the file is not
 * one ss_read_policy would read. */
int ss_source_id_file(const char *path, const char *includes, size_t inclen,
                      unsigned char id[SS_SOURCE_ID_LEN]);

/* What the shim stamps its filter with: 128 bits of a SHA-256 over the
 * variable that names the policy, its value, the explain flag and the source id. */
struct ss_identity {
    uint64_t lo, hi;
};
struct ss_identity ss_identity(const char *var, const char *value, bool explain,
                               const unsigned char source_id[SS_SOURCE_ID_LEN]);

/* ---- Landlock ---------------------------------------------------------- */

/* True when the policy has a [filesystem], [network] or [scope] section. */
bool ss_policy_has_landlock(const struct ss_policy *p);

enum ss_landlock_kind { SS_LL_KIND_FS, SS_LL_KIND_NET, SS_LL_KIND_SCOPE };

/* The policy's name of right number bit (0..) of a kind ("read_file",
 * "connect", "signals") and the ABI that introduced it; NULL past the last. */
const char *ss_landlock_right(enum ss_landlock_kind kind, unsigned bit, int *abi);

/* "read_file,read_dir" (or "-") into buf; returns buf. */
char *ss_landlock_format(enum ss_landlock_kind kind, uint64_t access, char *buf, size_t size);
/* The [filesystem] key a line granting exactly access was written with
 * (read, write, exec, make_dev or a single right); NULL when none is. */
const char *ss_landlock_key_name(uint64_t access);

/* Lint: warns about write grants covering path (the policy file, the shim,
 * named by what), which would let the program change what its children load. */
int ss_landlock_lint_protect(struct ss_policy *p, const char *path, const char *what);

/* ---- target architectures --------------------------------------------- */

/* enum ss_arch: with the model, above. */

/* The architecture the engine was built for: the default target. There is
 * no process-wide target: a policy records its own (ss_policy_new,
 * ss_policy.arch), and every name, group and constant function below takes
 * the architecture it answers for. */
enum ss_arch ss_arch_native(void);

/* "x86_64", "aarch64"; its AUDIT_ARCH_ value (= libseccomp's SCMP_ARCH_). */
const char *ss_arch_name(enum ss_arch a);
uint32_t ss_arch_audit(enum ss_arch a);

/* The architecture named name (x86_64, amd64, aarch64, arm64); -1 when
 * the engine has none of that name. */
int ss_arch_from_name(const char *name, enum ss_arch *a);

/* ---- syscall names ----------------------------------------------------- */

/* Every function below answers for the architecture it is given ("x86_64"
 * in the comments stands for it); the one without _arch for the native one
 * (the shim, explain's handler, learn: what runs on this machine). */

/* x86_64 number of name; -1 when x86_64 has no such syscall. *elsewhere is set
 * when another architecture knows the name (e.g. chown32). */
int ss_syscall_number_arch(enum ss_arch a, const char *name, bool *elsewhere);
int ss_syscall_number(const char *name, bool *elsewhere);

/* x86_64 number of name as libseccomp knows it or, for syscalls newer than
 * libseccomp, as the engine's table does (the kernel headers and
 * data/syscalls-x86_64-newer.txt); -1 when neither knows it. *by_number is
 * set when only the table knows it (the parser takes those names too, and
 * so does every libseccomp the project builds with). *elsewhere as for
 * ss_syscall_number. Either pointer may be NULL. */
int ss_syscall_lookup_arch(enum ss_arch a, const char *name, bool *elsewhere, bool *by_number);
int ss_syscall_lookup(const char *name, bool *elsewhere, bool *by_number);

/* Whether the engine's own tables (x86_64, i386, aarch64) have the name:
 * unlike libseccomp's, they are the same on every release the project
 * builds on, so what import keeps does not depend on libseccomp's version. */
bool ss_syscall_in_tables(const char *name);

/* x86_64 name of nr (static string), or NULL. */
const char *ss_syscall_name_arch(enum ss_arch a, int nr);
const char *ss_syscall_name(int nr);

/* i386 name of nr (static string), or NULL: for decoding audit records. */
const char *ss_syscall_name_i386(int nr);

/* The known name closest to a misspelt one, or NULL when nothing is close. */
const char *ss_syscall_suggest_arch(enum ss_arch a, const char *name);

/* ---- what syscall arguments mean ---------------------------------------- */

/* The kinds of argument of data/syscall-args.txt (its kind lines, in order):
 * explain decodes, symbolic.c names, learn keeps and records by kind. */
enum ss_arg_kind {
    SS_ARG_NONE = -1, /* an argument the table does not list */
    SS_ARG_PATH,
    SS_ARG_DIRFD,
    SS_ARG_OPEN_FLAGS,
    SS_ARG_OPEN_HOW,
    SS_ARG_CLONE_FLAGS,
    SS_ARG_PROT,
    SS_ARG_MMAP_FLAGS,
    SS_ARG_MADVISE,
    SS_ARG_AF,
    SS_ARG_SOCK_TYPE,
    SS_ARG_SOCKOPT_LEVEL,
    SS_ARG_IOCTL,
    SS_ARG_PRCTL,
    SS_ARG_FCNTL,
    SS_ARG_FUTEX_OP,
    SS_ARG_SIGNAL,
    SS_ARG_MEMFD_FLAGS,
    SS_ARG_GETRANDOM_FLAGS,
    SS_ARG_MLOCKALL_FLAGS,
    SS_ARG_PERSONALITY,
    SS_ARG_MOUNT_FLAGS,
    SS_ARG_PTRACE_REQUEST,
    SS_ARG_NUMBER,
};

/* What a call does to the file a path argument names (learn --filesystem). */
enum ss_path_use {
    SS_PATH_LOOKUP, /* only looks it up (stat, chdir, chmod): nothing to record */
    SS_PATH_OPEN,   /* what the call's open flags (or struct open_how) ask */
    SS_PATH_CREAT,  /* creat: write, and create in its folder */
    SS_PATH_WRITE,
    SS_PATH_EXEC,
    SS_PATH_CREATE, /* makes or removes a name in its folder */
};

/* One argument of the table: nr is the x86_64 number, -1 when x86_64 has no
 * such syscall. tight: it says what the call does (learn --tight keeps it). */
struct ss_arg {
    int nr;
    unsigned arg;
    enum ss_arg_kind kind;
    enum ss_path_use use;
    bool tight;   /* learn --tight keeps its values as conditions */
    bool decides; /* it says what the call can do: learning keeps it in every mode */
};

/* The constants that name values of kind (its NAMES in data/syscall-args.txt)
 * on arch, in name order: each call returns the next from *i (start at 0) and
 * its value; NULL after the last. Async-signal-safe (static tables, string
 * compares): explain's SIGSYS handler writes its arguments with them. */
const char *ss_arg_constant_at_arch(enum ss_arch arch, enum ss_arg_kind kind, size_t *i,
                                    long long *value);
const char *ss_arg_constant_at(enum ss_arg_kind kind, size_t *i, long long *value);

/* The table's i-th argument into *a; false past the last. */
bool ss_arg_at_arch(enum ss_arch arch, size_t i, struct ss_arg *a);
bool ss_arg_at(size_t i, struct ss_arg *a);

/* Argument arg of x86_64 syscall nr (kind SS_ARG_NONE when not listed).
 * Async-signal-safe: the explain handler calls it. */
struct ss_arg ss_arg_of_arch(enum ss_arch a, int nr, unsigned arg);
struct ss_arg ss_arg_of(int nr, unsigned arg);

/* ---- syscall groups (@aio, @file-system, ...) ---------------------------- */

/* The x86_64 syscalls of group name ("@aio", "@" included) and of the groups
 * it contains, as numbers in ascending order: stores the first max of them in
 * nrs and returns how many there are (more than max when nrs is too small),
 * or -1 when there is no such group. Members x86_64 lacks are left out, as a
 * policy naming the group leaves them out. */
int ss_group_members_arch(enum ss_arch a, const char *name, int *nrs, size_t max);
int ss_group_members(const char *name, int *nrs, size_t max);

/* The i-th group's name ("@aio") and in *help what it is for; NULL past the
 * last (for listing them: `seccomp-shim syscalls --groups`, completions). */
const char *ss_group_at(size_t i, const char **help);

/* The known group closest to a misspelt one ("@aio" for "@aoi"), or NULL. */
const char *ss_group_suggest(const char *name);

/* ---- compiling and installing ----------------------------------------- */

struct ss_program {
    unsigned short len;
    struct sock_filter insns[SS_PROGRAM_MAX];
};

/* True when p answers syscall nr with allow whatever its arguments (a rule
 * `nr = allow` without conditions, or no rule and a default of allow). */
bool ss_policy_allows_outright(const struct ss_policy *p, int nr);

/* When p allows syscall nr only under conditions, the arguments its allowing
 * rules compare (bit i: argi); else 0. A line that would allow more calls of
 * nr names these arguments, never the syscall whole (explain, audit). */
unsigned ss_policy_checked_args(const struct ss_policy *p, int nr);

/* The rules a filter for p is compiled from, in a new array of *n rules the
 * caller frees (NULL when out of memory): p's rules in order, those stricter
 * than what a call would otherwise get comparing int arguments on their low
 * 32 bits (`==` becomes `& 0xffffffff ==`: the kernel reads an int from the
 * low half of the register, the caller sets the upper half); with
 * companions, then the engine's rules that close the escapes to laxer rules
 * a mask cannot (engine/harden.c); p's built-in rules last. p->rules stays
 * as written. */
struct ss_rule *ss_policy_filter_rules(const struct ss_policy *p, bool companions, size_t *n);

/* Flags of the installed filter (SECCOMP_FILTER_FLAG_*), from the policy. */
unsigned ss_policy_filter_flags(const struct ss_policy *p);

/* What a compile emits besides the policy (which names its own target
 * architecture: ss_policy.arch, given to ss_policy_new). The
 * zero value is ss_compile's. */
struct ss_compile_options {
    /* libseccomp alone, as a container runtime compiles an OCI profile:
     * rules equal to the default are dropped and no syscall's rules are
     * compiled by the engine, so the verifier tells when libseccomp's filter
     * differs from the policy. May not return for some rule pairs (libseccomp
     * 2.5.4 loops): callers put a time limit on it. */
    bool libseccomp_only;
    /* The seccomp features the kernel is assumed to have, as a libseccomp API
     * level (seccomp_api_set; 3: Linux 4.14, KILL_PROCESS and LOG) instead of
     * libseccomp probing the running kernel with seccomp(2), which a sandbox
     * (or valgrind) may refuse; 0: libseccomp probes. libseccomp keeps the
     * level for the rest of the process. */
    unsigned assume_api;
};

/* Compile a filter-mode policy into a BPF program for p->arch. Kill actions
 * become SECCOMP_RET_TRAP when p->explain is set (see ss_explain_arm).
 * ss_compile: with the default options. */
int ss_compile_with(const struct ss_policy *p, const struct ss_compile_options *o,
                    struct ss_program *out, struct ss_error *err);
int ss_compile(const struct ss_policy *p, struct ss_program *out, struct ss_error *err);

/* Write libseccomp's pseudo filter code (PFC) of the same filter
 * ss_compile_with(p, o) builds to fd. */
int ss_export_pfc(const struct ss_policy *p, const struct ss_compile_options *o, int fd,
                  struct ss_error *err);

/* Turn explain on in a parsed policy (SECCOMP_SHIM_EXPLAIN=1, `seccomp-shim
 * run --explain`), with the checks `explain = yes` gets: no trap actions,
 * and not in strict mode (its kills are SIGKILL, nothing can report them). */
int ss_policy_enable_explain(struct ss_policy *p, struct ss_error *err);

/* ---- compiled policies (layout: seccomp-shim-contract.h) ---------------- */

struct ss_landlock_plan; /* seccomp-shim-contract.h */

/* What a compiled policy's header says, decoded. */
struct ss_compiled_info {
    enum ss_mode mode;
    bool explain;
    unsigned filter_flags; /* SECCOMP_FILTER_FLAG_* to install with */
    unsigned char source_id[SS_SOURCE_ID_LEN];
    const char *includes; /* its include list, in the parsed buffer (ss_compiled_parse) */
    size_t inclen;
};

/* True when the file's first byte says "compiled, not INI" (even when what
 * follows is truncated or damaged: that must be an error, not an INI). */
bool ss_compiled_sniff(const void *start, size_t len);

/* Writes p (and prog for filter mode; NULL for strict; and p's Landlock
 * rules) as a compiled policy to fd. name is what errors call the output. */
int ss_compiled_write(int fd, const char *name, const struct ss_policy *p,
                      const struct ss_program *prog, struct ss_error *err);

/* 0 when p can be compiled; -1 (err: FILE:LINE and why) when its Landlock
 * sections name a path that depends on the start ($PWD, $HOME), which a
 * compiled policy cannot freeze. */
int ss_compiled_check(const struct ss_policy *p, struct ss_error *err);

/* Validates the len bytes of buf, a file named name, as a compiled policy,
 * copies its program into prog and fills landlock with its Landlock rules
 * (inactive when it has none; the caller adds the implicit grants with
 * ss_landlock_plan_implicit). Makes no allocation and no call to libseccomp
 * or inih. Returns 1 when buf is not a compiled policy (INI text), 0 when
 * loaded, -1 with err filled when it is one but cannot be used (landlock is
 * then inactive). A policy compiled for another architecture than arch is
 * one that cannot be used. */
int ss_compiled_parse(const void *buf, size_t len, const char *name, enum ss_arch arch,
                      struct ss_program *prog, struct ss_landlock_plan *landlock,
                      struct ss_compiled_info *info, struct ss_error *err);

/* Reads path and ss_compiled_parse()s it (info->includes is not kept). A file
 * that cannot be read is -1. */
int ss_compiled_load(const char *path, enum ss_arch arch, struct ss_program *prog,
                     struct ss_landlock_plan *landlock, struct ss_compiled_info *info,
                     struct ss_error *err);

/* The compiled sibling of an INI file: X.ini -> X.compiled (X -> X.compiled);
 * malloc'd, NULL when out of memory. `seccomp-shim compile X.ini` writes it. */
char *ss_compiled_sibling_name(const char *ini);

/* What ss_compiled_sibling looks at, and what it fills. */
struct ss_sibling {
    /* The INI file: its name, the len bytes the caller read from it as text,
     * its fstat; and whether explain is asked for. */
    const char *ini;
    const void *text;
    size_t len;
    const struct stat *ini_st;
    bool want_explain;
    /* Where a sibling is loaded (as ss_compiled_parse; landlock inactive
     * when not loaded). */
    struct ss_program *prog;
    struct ss_landlock_plan *landlock;
    /* The sibling is read into room when it fits (roomsize bytes), else into
     * memory left in keep for the caller to free (NULL otherwise). */
    char *room;
    size_t roomsize;
    char *keep;
    /* Filled when loaded; includes then points into room or keep. */
    struct ss_compiled_info info;
    /* Unless NULL: what happened to a sibling that exists ("" when none does). */
    char *why;
    size_t whysize;
};

/* Loads the compiled sibling of the INI file s->ini when it can stand in
 * for the INI: owned by the INI's owner, writable by nobody who may not write
 * the INI, valid, compiled from these very bytes and the files they include
 * now, and with explain when want_explain. Returns 0 when loaded; 1 when not
 * (never an error: the INI is there). */
int ss_compiled_sibling(struct ss_sibling *s);

/* ---- policies by name ---------------------------------------------------- */

#define SS_POLICY_DIRS 3

/* The folders a policy name is looked up in, first one first: the user's
 * ($XDG_CONFIG_HOME/seccomp-shim, else ~/.config/seccomp-shim), the system's
 * (/etc/seccomp-shim) and the installed ones (PREFIX/share/seccomp-shim/
 * policies). buf holds the first; returns how many there are. */
size_t ss_policy_dirs(const char *dirs[SS_POLICY_DIRS], char *buf, size_t size);

/* True when s is a policy name, not a path: no slash, not starting with a dot. */
bool ss_policy_is_name(const char *s);

/* The first NAME.ini (NAME itself when it ends in .ini or .compiled) in the
 * policy folders, into out: 0, or -1 (errno ENOENT) when there is none. */
int ss_policy_find(const char *name, char *out, size_t size);

/* What a policy argument names: arg itself when it is a path or an existing
 * file in the current directory, else the policy it names in the folders
 * (into buf), else arg (whose open then says why). */
const char *ss_policy_resolve_arg(const char *arg, char *buf, size_t size);

/* The NAMEs of dir's *.ini files, sorted (malloc'd; NULL with *n 0 when
 * none), and freeing them. */
char **ss_policy_names(const char *dir, size_t *n);
void ss_policy_names_free(char **names, size_t n);

/* The policy name closest to name (at most two edits away) in the policy
 * folders, the first folder with one first, into out: 0, or -1 when none. */
int ss_policy_suggest(const char *name, char *out, size_t size);

/* For a policy name that is neither a file here nor in the policy folders:
 * err says so, naming the folders searched and the closest name; -1. */
int ss_policy_not_found(const char *name, struct ss_error *err);

/* ---- syscall families (learn) -------------------------------------------- */

/* The family of x86_64 syscall nr: the syscalls that do what it does in
 * another way (stat, fstat, lstat, newfstatat, statx; dup, dup2, dup3), the
 * ones the lint treats as one (engine/families.c). Stores the first max
 * members, nr included, in nrs in ascending order and returns how many there
 * are; 0 when nr belongs to no family. */
int ss_syscall_family(enum ss_arch a, int nr, int *nrs, size_t max);

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
    uint32_t ret;               /* ss_action_ret(action) */
    const struct ss_rule *rule; /* the rule that decided; NULL: the default or the arch check */
    bool bad_arch;              /* not x86_64, or an x32 number: killed before any rule */
    bool network;               /* refused by [network] before any rule (TCP Landlock misses) */
};

/* The model's answer for (d->arch, d->nr, d->args): several rules for one
 * syscall are alternatives; when matching rules have different actions the
 * strictest (kernel precedence: kill_process > kill_thread > trap > errno >
 * trace > log > allow) applies, the first of them in file order decides.
 * The rules as the filter has them (ss_policy_filter_rules); out->rule is
 * the rule of p they come from. */
void ss_policy_eval(const struct ss_policy *p, const struct seccomp_data *d,
                    struct ss_verdict *out);

/* Value of a symbolic constant (AF_INET, PROT_READ, ...) on architecture a;
 * -1 when unknown. */
int ss_constant_value_arch(enum ss_arch a, const char *name, long long *value);

/* Checks that prog, the filter compiled from filter-mode policy p, answers
 * as p says for the boundary values of every comparison of every rule, the
 * hardening's included (and a sample of other calls, other architectures and
 * x32). ss_compile calls it. */
int ss_verify(const struct ss_policy *p, const struct ss_program *prog, struct ss_error *err);

#ifdef __cplusplus
}
#endif

#endif
