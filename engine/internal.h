/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the engine's files share and the public header does not promise. */
#ifndef SS_POLICY_INTERNAL_H
#define SS_POLICY_INTERNAL_H

#include "seccomp-shim.h"

/* engine/ answers for the policy's architecture (p->arch), never the
 * machine's by default: the native wrappers (native.c) are for callers that
 * only look at this machine. */
#pragma GCC poison ss_syscall_name ss_syscall_number ss_syscall_lookup ss_arg_at ss_arg_of
#pragma GCC poison ss_group_members ss_arg_constant_at

/* SHA-256 (sha256.c). blocks is the block function ss_sha256_init chose:
 * the CPU's SHA extensions where glibc says they are there, else portable C
 * (tests set it to compare the two). */
#define SS_SHA256_LEN 32
typedef void ss_sha256_blocks_fn(uint32_t h[8], const uint8_t *p, size_t blocks);
struct ss_sha256 {
    uint32_t h[8];
    uint64_t len;
    ss_sha256_blocks_fn *blocks;
    uint8_t buf[64];
};
void ss_sha256_init(struct ss_sha256 *c);
void ss_sha256_update(struct ss_sha256 *c, const void *data, size_t len);
void ss_sha256_digest(struct ss_sha256 *c, uint8_t out[SS_SHA256_LEN]);
ss_sha256_blocks_fn ss_sha256_blocks_portable;
/* The CPU's block function, or NULL where there is none. */
ss_sha256_blocks_fn *ss_sha256_blocks_fast(void);

/* A policy's source id in progress: a SHA-256. */
struct ss_source {
    struct ss_sha256 sha;
};

void ss_source_init(struct ss_source *s);
/* One file: its path relative to the top file's folder ("" for the top file). */
void ss_source_add(struct ss_source *s, const char *rel, const void *bytes, size_t len);
void ss_source_done(struct ss_source *s, unsigned char id[SS_SOURCE_ID_LEN]);

/* Length of top's folder with its slash ("d/" of "d/top.ini"); 0 for NULL
 * (policy text) or a name without a folder. */
size_t ss_source_prefix(const char *top);
/* The compiled sibling's name is ini's first ss_compiled_stem(ini) bytes
 * (ini without ".ini"), then ".compiled" (compiled.c). */
size_t ss_compiled_stem(const char *ini);

/* path relative to top's folder: path without that prefix, when it has it. */
const char *ss_source_rel(const char *top, const char *path);

/* What a policy keeps for the engine alone (struct ss_policy points to it). */
struct ss_policy_books {
    size_t rules_cap, warnings_cap;

    /* Rules for names x86_64 lacks (chown32, umount): in no filter, kept for
     * a warning when one was meant to refuse something. */
    struct ss_skipped {
        const char *name; /* interned */
        struct ss_action action;
        struct ss_where where;
    } * skipped;
    size_t nskipped, skipped_cap;

    /* Unconditional rules that only conditional ones replaced: kept for a
     * warning when calls outside the conditions fall to a laxer default. */
    struct ss_rule *replaced;
    size_t nreplaced, replaced_cap;

    /* Lines that accept warnings by name (`; accept-warning: NAME`). */
    struct ss_accepted {
        struct ss_where where;
        unsigned kinds, used; /* enum ss_warning_kind bits */
    } * accepted;
    size_t naccepted, accepted_cap;

    char **names; /* interned file names, for struct ss_where */
    size_t nnames, names_cap;

    struct ss_source source; /* every file parsed (source.c) */
    char *includes;          /* "PATH\n" per included file */
    size_t inclen, inccap;
    unsigned char id[SS_SOURCE_ID_LEN]; /* the source id, when the parse is done */
};

/* A stable copy of name owned by p; NULL when out of memory. */
const char *ss_intern(struct ss_policy *p, const char *name);

/* A new zeroed rule at the end of p->rules; NULL when out of memory. The
 * pointer is valid until the next call. */
struct ss_rule *ss_policy_add_rule(struct ss_policy *p);

/* Records a rule for a syscall x86_64 lacks (see struct ss_skipped). */
int ss_policy_skip(struct ss_policy *p, const char *name, struct ss_action action,
                   struct ss_where where);

int ss_policy_warn(struct ss_policy *p, struct ss_where where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Warnings a policy line may accept by name with `; accept-warning: NAME...`
 * in its comment (seccomp-shim.ini(5)); every other warning stays. */
enum ss_warning_kind { SS_WARN_INT_COMPARE = 1u << 0, SS_WARN_OVERLAP = 1u << 1 };

/* The kinds a comment's text (after `;` or `#`) accepts into *kinds (0: it is
 * no acknowledgement); -1 with why filled for an unknown name. */
int ss_accept_comment(const char *text, size_t len, unsigned *kinds, char *why, size_t whysize);

/* Records that the line at where accepts the warnings of kinds. */
int ss_policy_accept(struct ss_policy *p, struct ss_where where, unsigned kinds);

/* ss_policy_warn for a warning of kind: nothing when its line accepts it. */
int ss_policy_warn_kind(struct ss_policy *p, struct ss_where where, enum ss_warning_kind kind,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Lint: a warning for each accepted name its line did not draw (stale). */
int ss_policy_lint_accepted(struct ss_policy *p);

/* Adds a parsed file to p's source id (and, for an included file, to its
 * include list); rel as ss_source_add takes it. -1 when out of memory. */
int ss_policy_add_source(struct ss_policy *p, const char *rel, const void *bytes, size_t len,
                         bool included);

/* The checks that need the whole policy: conflicts, missing default, strict mode. */
int ss_policy_check(struct ss_policy *p, struct ss_error *err);

/* Parse the value of a [syscalls] key: "ACTION [if COND && ...]". */
int ss_parse_rule_spec(enum ss_arch arch, const char *text, struct ss_action *action,
                       struct ss_cond *cond, unsigned *ncond, char *why, size_t whysize);

/* The x86_64 syscalls of group name ("@aio") and of the groups it contains,
 * as a bitmap indexed by number; -1 when there is no such group. */
int ss_group_syscalls(enum ss_arch a, const char *name, unsigned char set[SS_SYSCALL_SLOTS / 8]);

/* Layering, run when the file whose rules start at p->rules[first] has been
 * parsed (its own rules have r->layer == layer, its includes' are deeper):
 * for each syscall the file names, its rules replace the included ones, and
 * its rules for the syscall alone replace its group rules for it. lint: say
 * when a group line takes a syscall from a stricter included rule. */
int ss_policy_resolve(struct ss_policy *p, size_t first, unsigned layer, bool lint);

/* A family of x86_64 syscalls that do one thing in different ways (families.c). */
struct ss_family {
    const char *what; /* "opening files", "what chmod does" */
    int nrs[12];
    size_t n;
    char what_buf[48];
};

/* Calls fn for each family, the named ones first; stops at the first
 * nonzero return and returns -1 then, else 0. */
int ss_each_family(enum ss_arch a, int (*fn)(void *ctx, const struct ss_family *f), void *ctx);

/* The target's forms of a legacy syscall it lacks (mkdir -> mkdirat,
 * fork -> clone, clone3), preferred first: stores at most max numbers in nrs
 * and returns how many (0: name is not such a syscall, families.c). */
int ss_syscall_siblings(enum ss_arch a, const char *name, int *nrs, size_t max);

/* The lint: appends warnings (never errors) about a valid policy. */
int ss_policy_lint(struct ss_policy *p);

/* The 32-bit hardening (harden.c): what the filter makes of the rules as
 * written. Comparisons of rules stricter than what a call would otherwise
 * get hold for 32-bit int arguments whatever the upper half of the register;
 * companions close the escapes to laxer rules. The model keeps the rules as
 * written; the compiler, the verifier and the model's verdict use these. */
struct ss_hardened {
    struct ss_rule *rules; /* p's own rules hardened, the companions, p's built-in rules */
    size_t *from;          /* for each, its rule's index in p->rules */
    size_t n, nown, ncompanions;
};
/* p's rules (of syscall nr only when nr >= 0), hardened into h, with the
 * companions when asked; -1 when out of memory. */
int ss_harden(const struct ss_policy *p, int nr, bool companions, struct ss_hardened *h);
void ss_hardened_free(struct ss_hardened *h);
/* The hardening's warnings, where it cannot make a rule hold (and about
 * rules that are replaced or skipped): lint of the rules as written. */
int ss_policy_harden_lint(struct ss_policy *p);

/* Adds the built-in rules that refuse ioctl TIOCSTI and TIOCLINUX (pushing
 * input into a terminal), unless p->tty_inject or the policy refuses them
 * already (tty.c), judged on the hardened rules. After the lint: they are
 * the engine's. */
int ss_policy_refuse_tty_inject(struct ss_policy *p);

/* Warns about conditional rules for one syscall with different actions that
 * one call can match at once (overlap.c). */
int ss_policy_lint_overlap(struct ss_policy *p);

/* The Landlock sections (landlock.c), for parse.c. */

/* A section header: true when name is one of Landlock's (and marks it present). */
bool ss_landlock_section(struct ss_policy *p, const char *name, struct ss_where where);
bool ss_landlock_is_section(const char *name);

/* A line of [filesystem], [network] or [scope]; file_real is the realpath of
 * the policy file (for $POLICY_DIR), NULL for policy text. */
int ss_landlock_key(struct ss_policy *p, const char *section, const char *name, const char *value,
                    struct ss_where where, const char *file_real, char *why, size_t whysize);

/* The value of `landlock = required | best-effort` in [policy] (parse.c
 * settles which file's is in force, as for the other settings). */
int ss_landlock_setting(const char *value, bool *best_effort, char *why, size_t whysize);

/* When the whole policy has been read: the Landlock lint. */
int ss_landlock_finish(struct ss_policy *p, struct ss_error *err);

void ss_landlock_free(struct ss_landlock *l);

/* What [network] refuses beyond Landlock's rights, whatever the rules say
 * (netguard.c). Init: once the whole policy is read. ss_net_guard: whether
 * it refuses d, and with which action. ss_net_guard_values: up to 4 values
 * of argument arg of syscall nr where its answer changes, into out; how
 * many. ss_net_guard_emit: puts the same test in front of prog; -1 when it
 * does not fit. */
void ss_net_guard_init(struct ss_policy *p);
struct seccomp_data;
bool ss_net_guard(const struct ss_policy *p, const struct seccomp_data *d, struct ss_action *a);
size_t ss_net_guard_values(const struct ss_policy *p, int nr, unsigned arg, uint64_t *out);
int ss_net_guard_emit(const struct ss_policy *p, struct ss_program *prog);
/* What the guard in front of the program does, as PFC comments; -1 on a write error. */
int ss_net_guard_pfc(const struct ss_policy *p, int fd);

/* The i-th constant (in name order) and its value on a; NULL past the last. */
const char *ss_constant_at(enum ss_arch a, size_t i, long long *value);

/* The constants of a kind of argument (data/syscall-args.txt): prefixes,
 * "!P" leaving out names starting with P; *flags: a value may be an OR of
 * single-bit names; *min: smaller values stay numbers. NULL: no names. */
const char *ss_arg_names(enum ss_arg_kind kind, bool *flags, unsigned long long *min);

/* The known constant closest to name, or NULL. */
const char *ss_constant_suggest(const char *name);

/* The entry of a table closest to name (at most two edits away), or NULL.
 * Each of the n entries, stride bytes apart from base, starts with its name:
 * a `const char *` (by_pointer) or the characters themselves. Empty and NULL
 * names are skipped. */
const char *ss_closest(const char *name, const void *base, size_t n, size_t stride,
                       bool by_pointer);

/* Kernel precedence of an action when filters disagree; higher is stricter
 * (eval.c). */
int ss_action_strictness(struct ss_action a);

/* Whether argument value v satisfies c; whether the call d satisfies every
 * condition of r (eval.c). */
bool ss_cond_match(const struct ss_cond *c, uint64_t v);
struct seccomp_data;
bool ss_rule_match(const struct ss_rule *r, const struct seccomp_data *d);

/* ss_policy_eval over the rules p->rules[which[0..n-1]] (in file order),
 * all of them when which is NULL (eval.c). */
void ss_policy_eval_among(const struct ss_policy *p, const size_t *which, size_t n,
                          const struct seccomp_data *d, struct ss_verdict *out);

/* ss_bpf_run in two steps: the kernel's static checks, once per program;
 * then runs, 0 or -1 when the run reads scratch memory not written (bpf.c). */
int ss_bpf_check(const struct ss_program *prog, struct ss_error *err);
int ss_bpf_exec(const struct ss_program *prog, const struct seccomp_data *d, uint32_t *ret);

/* Syscall numbers where a filter's or a policy's answer can change, and
 * the walk over them and the intervals between them (nr_points.c). */
#define SS_NR_POINTS_HIGH 512
struct ss_nr_points {
    unsigned char low[SS_SYSCALL_SLOTS / 8]; /* points below SS_SYSCALL_SLOTS */
    unsigned nhigh;
    uint32_t high[SS_NR_POINTS_HIGH]; /* the points above, sorted */
};
/* Adds point v; -1 when there is no room for it. */
int ss_nr_point(struct ss_nr_points *pts, uint32_t v);
/* Adds the constants prog compares nr with; false when prog does anything
 * else with nr (then they are not all the points). prog passed ss_bpf_check. */
bool ss_nr_compared_only(const struct ss_program *prog, struct ss_nr_points *pts);
/* Calls visit with 0, each point, and each interval's ends and middle, in
 * increasing order, up to UINT32_MAX; stops at and returns visit's first
 * non-zero answer. */
int ss_nr_walk(const struct ss_nr_points *pts, int (*visit)(void *, uint32_t), void *arg);

/* ss_verify of rules already hardened (p->rules: ss_harden's), as ss_compile
 * runs it. */
int ss_verify_hardened(const struct ss_policy *p, const struct ss_program *prog,
                       struct ss_error *err);

/* ss_verify trying every number below SS_SYSCALL_SLOTS and a sample above,
 * besides the intervals' numbers: the oracle the interval proof is tested
 * against (tests/unit/verify_intervals.c). */
int ss_verify_every_number(const struct ss_policy *p, const struct ss_program *prog,
                           struct ss_error *err);

/* ss_compile without the rewrite of the rule shapes libseccomp gets wrong
 * (compile.c), for the tests that show the verifier catching them. */

#endif
