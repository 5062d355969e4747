/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What `learn` and `from-strace` share: the tally of the syscalls seen, the
 * policy writer both print with, the strace line reader and the launcher of
 * a program under the learning filter. */
#ifndef SS_LEARN_H
#define SS_LEARN_H

#include "cli.h"
#include "learn_fs.h"

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* The values one tight syscall's deciding argument took. */
struct tally_values {
    int nr;
    unsigned arg; /* which argument is recorded */
    struct tally_value {
        uint64_t value;
        unsigned long long count;
    } * v;
    size_t n, cap;
};

struct tally {
    unsigned long long count[SS_SYSCALL_SLOTS];
    unsigned long long
        foreign; /* syscalls no x86_64 policy can allow (i386, x32, nr >= SS_SYSCALL_SLOTS) */
    bool tight;
    struct tally_values tight_args[32]; /* --tight's and learn_conditioned's */
    size_t ntight;
    /* The flags of clone3 calls as glibc passes them to clone when clone3
     * fails with ENOSYS, which a learned policy makes it do: seccomp
     * cannot check clone3's flags (they are in a struct), clone's it can. */
    struct tally_values clone3_as_clone;
    unsigned long long clone3_unread; /* clone3 calls whose flags could not be read */
};

/* Zeroes t and prepares the per-argument lists: learn_conditioned's, and
 * with tight those of --tight. */
void tally_init(struct tally *t, bool tight);
void tally_free(struct tally *t);

/* Counts one call of nr (x86_64) whose arguments were args (NULL: unknown).
 * -1 when out of memory. */
int tally_add(struct tally *t, int nr, const uint64_t *args);

/* Records the clone flags (arg0) that glibc would pass for one clone3 call.
 * -1 when out of memory. */
int tally_add_clone3(struct tally *t, uint64_t clone_flags);

/* The clone flags glibc passes when a clone3 call with these flags and
 * exit_signal fails with ENOSYS (flags | exit_signal, as an int): 1 with
 * *value set, 0 when the call has no clone equivalent. */
int tally_clone3_flags(uint64_t flags, uint64_t exit_signal, uint64_t *value);

/* The argument of nr whose values t records (learn_conditioned's, --tight's);
 * -1 for none. */
int tally_arg(const struct tally *t, int nr);

/* ---- generalization (generalize.c) ------------------------------------- */

#define GENERALIZED_NOT    (-2) /* not added */
#define GENERALIZED_ALWAYS (-1) /* added to every generalized policy */

/* The syscalls a generalized policy allows beyond those seen: from[nr] is
 * the syscall seen that brought nr (or GENERALIZED_*), why[nr] the reason
 * from data/learn-generalize.def (NULL: a family engine/families.c derives). */
struct generalized {
    int from[SS_SYSCALL_SLOTS];
    const char *why[SS_SYSCALL_SLOTS];
    unsigned n;
};

void learn_generalize(const struct tally *t, struct generalized *g);

/* True when t saw nr (clone also when clone3 calls would fall back to it). */
bool learn_seen(const struct tally *t, int nr);
/* False for a syscall a learned policy may not allow whole beyond what t
 * saw: one whose argument is recorded, clone3, and under --tight openat2. */
bool learn_may_add(const struct tally *t, int nr);
/* The calls no learned policy allows unless the run made them: mount,
 * namespace, ptrace, module, bpf, kexec, keyring, process_vm_*. */
bool learn_never_widen(int nr);
/* The argument every learned line of nr keeps to the values seen, in every
 * mode: the one data/syscall-args.txt marks `decides` (socket's family,
 * clone's flags, what a learn_never_widen call did); -1 for the others. */
int learn_conditioned(int nr);

/* CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
 * CLONE_NEWPID | CLONE_NEWNET: what clone may not ask for unless the run
 * did (CLONE_NEWTIME is clone3's and unshare's only). */
#define LEARN_CLONE_NEW_ANY 0x7e020000
/* clone's condition in learned and suggested lines: no namespace flag. */
#define LEARN_CLONE_NO_NS                                                                          \
    (&(const struct ss_cond){.arg = 0, .op = SS_OP_MASKED_EQ, .mask = LEARN_CLONE_NEW_ANY})

/* ---- the policy writer (policy_writer.c) -------------------------------- */

struct policy_options {
    struct ss_action def; /* [policy] default */
    bool exact;           /* the calls seen only: no generalization */
    int argc;             /* the command line the header names */
    char **argv;
    const char *note;               /* a comment line for the header, or NULL */
    const struct learn_fs *fs;      /* --filesystem/--network: what to write after [syscalls] */
    const struct scan_result *scan; /* what the binary can call (scan.h); NULL: the run only */
    struct learn_fs_options fs_options;
};

struct policy_stats {
    unsigned seen;        /* syscalls seen */
    unsigned lines;       /* rule lines written */
    unsigned generalized; /* of them, lines added by generalization */
    unsigned scanned;     /* of them, lines from the binary (scan) */
};

/* ---- from the binary (scan_learn.c) ------------------------------------ */

struct scan_result;
/* The lines for what the binary can call and the run did not show (nor
 * skip[nr], nor covered[nr], which it then sets): allowed, each saying where
 * it came from, except learn_never_widen's calls (a comment says they were
 * left out), clone only without namespace flags and clone3 errno(ENOSYS). */
void scan_write_lines(FILE *out, const struct tally *t, const struct scan_result *r,
                      const bool *skip, bool *covered, struct policy_stats *st);

/* Writes the policy: a header naming the command line and the date, the
 * note, [policy] with the default action and [syscalls] with the allow lines
 * of the syscalls seen (sorted, with how often each was seen), then unless
 * exact the lines generalization adds (each saying where it came from), then
 * the few lines any allowlist needs, then the Landlock sections o->fs asks
 * for. stats may be NULL. */
int policy_write(FILE *out, const struct tally *t, const struct policy_options *o,
                 struct policy_stats *stats);

/* "; WHAT:", the command line and the date, as comment lines. */
void policy_write_origin(FILE *out, const char *what, int argc, char **argv);

/* One allow line for nr under the conditions c (their constants by name
 * when the line stays within the parser's length), with the comment seen
 * (NULL: none). */
void policy_write_line(FILE *out, const char *key, int nr, const struct ss_cond *c, unsigned n,
                       const char *seen);

/* The [syscalls] lines alone, leaving out the syscalls skip[nr] names (NULL:
 * none): what `learn --append` adds to a policy. */
int policy_write_rules(FILE *out, const struct tally *t, const struct policy_options *o,
                       const bool *skip, struct policy_stats *stats);

/* ---- the calls a policy refuses (refused.c) ----------------------------- */

struct ss_verdict;

/* One kind of refused call: its syscall, what refused it and the values of
 * the arguments a line allowing it compares (args, bit N: argN). */
struct refused_call {
    struct seccomp_data d; /* the first such call */
    unsigned args;
    const struct ss_rule *rule; /* the rule that refused it; NULL: the default */
    struct ss_action action;
    bool bad_arch, network; /* refused before any rule (struct ss_verdict) */
    unsigned long long count;
};

struct refused {
    const struct ss_policy *p;
    unsigned checked[SS_SYSCALL_SLOTS]; /* bit N: p's rules for the syscall compare argN */
    struct refused_call *c;
    size_t n, cap;
};

void refused_init(struct refused *r, const struct ss_policy *p);
void refused_free(struct refused *r);
/* True when v refuses the call (neither allow nor log). */
bool refused_refuses(const struct ss_verdict *v);
/* Judges d by r->p and keeps it when refused, once per syscall, verdict and
 * values of the arguments r->checked and extra_args name. -1 when out of memory. */
int refused_add(struct refused *r, const struct seccomp_data *d, unsigned extra_args);
/* Writes, sorted, the line allowing each kind of call r->p refused by its
 * default (no rule matched) whose syscall want[nr] names: `NAME = allow if
 * argN == VALUE && ...` over the call's arguments r keeps (none: the
 * syscall whole); with seen, a comment saying how often. Returns how many
 * lines, -1 when out of memory. */
int refused_write_lines(const struct refused *r, FILE *out, const bool *want, bool seen);

/* ---- learn --append (learn_append.c) ----------------------------------- */

struct learn_append {
    const char *path;
    char *text; /* the policy's bytes, kept as they are */
    size_t len;
    struct ss_policy *p;
    struct ss_action def;         /* its default */
    bool named[SS_SYSCALL_SLOTS]; /* the syscalls it names in any way: left alone */
    struct refused refused;       /* the calls of the run it refuses */
    bool tight;                   /* learn --tight: the block's clone3 is errno(ENOSYS) */
};

/* Reads and checks the policy to append to: an allowlist (a default that
 * refuses). 0, or -1 after printing why. */
int append_open(struct learn_append *a, const char *path);
void append_free(struct learn_append *a);

/* Judges one call of the run by the policy (and with extra_args, bit N,
 * keeps argN's value too). -1 when out of memory. */
int append_judge(struct learn_append *a, const struct seccomp_data *d, unsigned extra_args);
/* True when the policy, or with tight the block, sends clone3 to glibc's
 * fallback (errno(ENOSYS)): clone is then judged with the flags clone3
 * asked for, not clone3. */
bool append_clone3_falls_back(const struct learn_append *a);

/* Writes the policy followed by a marked block with the lines for what t saw
 * (and generalization adds) that it does not name, and for each call it
 * names but refused by its default for an argument value, the line allowing
 * that value; no block when nothing is new (st->lines == 0). 0, or -1 after
 * printing why: also when a call of the run would still be refused by the
 * default (nothing is written then). */
int append_write(const struct learn_append *a, FILE *out, const struct tally *t,
                 const struct policy_options *o, struct policy_stats *st);

/* ---- strace output ------------------------------------------------------ */

enum strace_line_kind {
    STRACE_SYSCALL, /* a call (complete or `<unfinished ...>`): count it */
    STRACE_OTHER,   /* resumed calls, signals, exits, blank lines: nothing to count */
    STRACE_BAD,     /* unreadable: why says what is wrong */
};

/* Reads one line of `strace [-f] [-t|-tt|-ttt] [-y] ...` output (without its
 * newline); for a call, *args is the text after its `(`. */
enum strace_line_kind strace_parse_line(const char *line, int *nr, const char **args, char *why,
                                        size_t whysize);

/* Counts the call nr whose strace text after `(` is args in t, with the value
 * of the argument t records for nr (tally_arg; clone3's flags as clone's).
 * 0; 1 when that argument cannot be read (why says why: nothing is counted);
 * -1 when out of memory (strace_args.c). */
int strace_record(struct tally *t, int nr, const char *args, char *why, size_t whysize);

/* ---- the learning launcher ---------------------------------------------- */

struct learn_child {
    pid_t pid;
    int listener;    /* the user-notification fd of the child's filter */
    int exec_err;    /* after a failed start: the errno of finding or executing
                      * the program (cli_exec_status), 0 when something else failed */
    bool busy;       /* after a failed start: another supervisor's filter is in place */
    bool quiet_busy; /* set by the caller: say nothing then (it falls back) */
};

/* Starts argv (found as execvp would) with environment envp under a filter
 * that notifies every syscall from its execve on. 0, or -1 after printing why. */
int learn_spawn(char **argv, char **envp, struct learn_child *out);

/* A call learn_spawn_notify sends to the supervisor: nr, or with arg0_only
 * nr when its first argument's low 32 bits are arg0. */
struct learn_notify {
    int nr;
    bool arg0_only;
    uint32_t arg0;
};

/* learn_spawn, but only the n calls listed are notified; every other call,
 * and every call of another ABI, is allowed by this filter (the program's
 * own policy, stacked later, still decides). */
int learn_spawn_notify(char **argv, char **envp, const struct learn_notify *calls, size_t n,
                       struct learn_child *out);

/* Answers one notification of learn_supervise: resp comes preset to let the
 * call continue (SECCOMP_USER_NOTIF_FLAG_CONTINUE); the answer may change it. */
struct seccomp_notif;
struct seccomp_notif_resp;
typedef void (*learn_answer_fn)(void *ctx, int listener, const struct seccomp_notif *req,
                                struct seccomp_notif_resp *resp);

/* Answers c's notifications with answer until no process uses the filter.
 * 0, or -1 after printing why (then c is killed). *wstatus: CMD's wait
 * status (supervise.c). */
int learn_supervise(const struct learn_child *c, learn_answer_fn answer, void *ctx, int *wstatus);

/* CMD's environment in shim mode: the shim preloaded in learn mode with token,
 * none of the variables that would give it a policy. NULL when out of memory. */
char **learn_shim_environment(const char *shim, uint64_t token);
void learn_free_shim_environment(char **env);

/* Ends like CMD ended: its exit status, or death by its signal. */
int learn_end_like(int wstatus);

/* run --complain (complain.c): runs cmd letting every call through, judged
 * by p's model, and reports on stderr what p would have refused; from the
 * shim's start, or with direct from the exec. Ends like cmd (or returns an
 * exit status after printing why). */
int run_complain(const struct ss_policy *p, const struct ss_landlock_plan *plan, bool direct,
                 char **cmd);

/* ---- run --explain: Landlock refusals (landlock_judge.c, run_explain.c) -- */

struct ll_grant {
    char *real;                          /* the granted path, resolved */
    uint64_t access;                     /* what the kernel enforces of its rights */
    const struct ss_landlock_path *line; /* its policy line; NULL: an implicit grant */
};

struct ll_judge {
    const struct ss_landlock_plan *plan;
    const struct ss_policy *p; /* the lines; NULL for a compiled policy */
    uint64_t fs, net, scoped;  /* the rights the kernel confines (0: none) */
    pid_t root;                /* CMD: the sandbox is it and what it starts */
    bool would;                /* --complain: nothing is enforced, say "would" */
    struct ll_grant *g;
    size_t n;
};

/* Resolves plan's paths; p (may be NULL) names their lines. 0, or -1 when
 * out of memory. Nothing is confined without Landlock in the kernel. */
int ll_judge_init(struct ll_judge *j, const struct ss_landlock_plan *plan,
                  const struct ss_policy *p);
void ll_judge_free(struct ll_judge *j);
/* The SS_LL_FS_* rights granted on real (resolved), or the SS_LL_NET_*
 * rights granted on port; rights the kernel does not confine count as granted. */
uint64_t ll_judge_fs(const struct ll_judge *j, const char *real);
uint64_t ll_judge_port(const struct ll_judge *j, unsigned port);
/* Judges one notified call (run_explain.c): reports it when the plan refuses
 * it. Files: open*, creat, mk*, unlink*, rmdir, rename*, link*, symlink*,
 * truncate, exec*; TCP connect and bind; kill, tkill, tgkill. */
struct seccomp_notif;
void ll_judge_call(const struct ll_judge *j, const struct seccomp_notif *req);
/* The report of a refusal on stderr, in explain's style: what (missing
 * rights on real, or in the folder real: in_folder), by which call (of the
 * path what, when not NULL), the section, the lines, and the line to add. */
void ll_report_fs(const struct ll_judge *j, pid_t pid, const char *call, const char *what,
                  const char *real, bool in_folder, uint64_t missing);
void ll_report_port(const struct ll_judge *j, pid_t pid, const char *call, unsigned port,
                    uint64_t missing);
void ll_report_signal(const struct ll_judge *j, pid_t pid, const char *call, int sig, pid_t target);

/* run --explain through the shim: CMD (found at path) runs with the shim in
 * its environment (already set), supervised: Landlock refusals of plan are
 * reported, and a death by SIGSYS that explain's handler did not report is
 * said. Returns CMD's status; falls back to exec when the kernel cannot
 * supervise (after a warning). */
int run_explain(const struct ss_landlock_plan *plan, const struct ss_policy *p, const char *path,
                char **cmd);

/* 0 when the kernel has seccomp user notification with FLAG_CONTINUE-capable
 * ioctls; otherwise prints why and returns -1. */
int learn_kernel_check(void);

#endif
