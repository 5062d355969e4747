/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The guest's own calls: what runs inside the sandboxed process, for the
 * install sequence (install.c) and the shim. Private to preload/; the command
 * reaches them through ss_install() (seccomp-shim-contract.h). */
#ifndef SS_GUEST_H
#define SS_GUEST_H

#include "seccomp-shim-contract.h"

/* Set no_new_privs and install prog for every thread of the process
 * (SECCOMP_FILTER_FLAG_TSYNC | flags). Makes no allocation. */
int ss_install_filter(const struct ss_program *prog, unsigned flags, struct ss_error *err);

/* 0 when the kernel has seccomp filters with SECCOMP_RET_KILL_PROCESS; else
 * -1 with err saying why not (no seccomp(): an old or stripped kernel,
 * qemu-user, valgrind). One SECCOMP_GET_ACTION_AVAIL call, made after a
 * failure: libseccomp's own messages name neither. */
int ss_seccomp_available(struct ss_error *err);

/* Install SECCOMP_MODE_STRICT; refuses when the process has other threads. */
int ss_install_strict(struct ss_error *err);

/* Install the SIGSYS handler that reports a trapped kill on stderr and then
 * dies by SIGSYS. Call before the filter is installed, and again after exec
 * (handlers do not survive exec); it passes the guard below. */
int ss_explain_arm(struct ss_error *err);

/* Stack the explain guard: a second filter (so one more in Seccomp_filters)
 * that skips every rt_sigaction(SIGSYS, act != NULL) but ss_explain_arm's,
 * answering 0 without writing oldact, so the program cannot replace or ignore
 * the handler and outlive a kill, and a program resetting its signals (libuv)
 * sees no error. Install it with the policy's filter, before it. */
int ss_explain_guard(struct ss_error *err);

/* The explain report's view of the policy (explain_table.c): built by the
 * shim from the parsed policy before installing; never for a compiled one. */
struct ss_policy;
void ss_explain_table_build(const struct ss_policy *p);
/* What decided a kill (or with refused_errno, an errno refusal under explain
 * = all) of nr: "FILE:LINE: `rule`" (*by_rule) or the default
 * action's description; NULL when no table was built. Async-signal-safe. */
const char *ss_explain_decider(int nr, bool refused_errno, bool *by_rule);
/* Whether the handler may read the program's strings: the policy allows
 * process_vm_readv and getpid outright. Async-signal-safe. */
bool ss_explain_can_read(void);
/* The arguments (bit i: argi) that the policy's rules allowing syscall nr
 * compare, when it allows nr only under conditions; else 0. Async-signal-safe. */
unsigned ss_explain_checked_args(int nr);
/* Argument arg of syscall nr as a policy or a person reads it (a quoted path,
 * O_RDONLY|O_CLOEXEC, AF_INET, CLONE_*) into out; 0 when not decoded.
 * Async-signal-safe (explain_decode.c). */
size_t ss_explain_arg(char *out, size_t size, int nr, unsigned arg, unsigned long long v,
                      bool can_read);

/* The guard's program, for tests (tests/unit/verdicts.c); _at: with the
 * handler's re-issue address reissue_ip (whose calls the guard kills). */
void ss_explain_guard_program(struct ss_program *guard);
void ss_explain_guard_program_at(struct ss_program *guard, uint64_t reissue_ip);
/* Puts in front of prog a check that answers one otherwise impossible call,
 * access(identity.lo, a mode with invalid bits, identity.hi), with a fixed errno (probe.c). */
int ss_probe_stamp(struct ss_program *prog, struct ss_identity identity, struct ss_error *err);

/* True when the calling process runs under a filter ss_probe_stamp stamped
 * with identity. One access() call; no allocation, no /proc. */
bool ss_probe_check(struct ss_identity identity);

/* The seccomp mode and filter count of the calling process from
 * /proc/self/status; -1 when it cannot be read. */
int ss_self_seccomp(int *mode, int *filters);

/* The threads of the calling process from /proc/self/status; -1 when it
 * cannot be read. */
int ss_self_threads(int *threads);

/* Apply the Landlock part of a plan (landlock.c): nothing when !plan->active.
 * Fails when the kernel cannot enforce what the plan asks, unless best-effort
 * (then one warning line per dropped right on stderr). */
int ss_landlock_apply(const struct ss_landlock_plan *plan, struct ss_error *err);

/* The same, as if the kernel offered Landlock ABI abi (negative: -errno of
 * the version query). For tests of older kernels (tests/unit/landlock_abi.c):
 * rights are dropped as abi says, the real kernel enforces the rest. */
int ss_landlock_apply_abi(const struct ss_landlock_plan *plan, long abi, struct ss_error *err);

/* ---- the shim's start (plan.c, marker.c): shim.c's constructor runs them
 * in order; tests/unit/startup.c runs the same calls without installing. */

/* The policy the environment names and where it came from, for the
 * identity and the marker. */
struct ss_shim_source {
    const char *var, *value, *file; /* file: NULL for policy text */
    const char *bytes;              /* the top file's (or the text's) bytes */
    size_t len;
    bool want_explain; /* SECCOMP_SHIM_EXPLAIN=1 */
};

/* What a plan was made from. */
enum ss_shim_from { SS_FROM_COMPILED, SS_FROM_SIBLING, SS_FROM_PARSED };

/* Fills src from SECCOMP_SHIM_POLICY or SECCOMP_SHIM_INI (exactly one);
 * a relative path or a policy name becomes an absolute path, in the
 * environment too, for children exec'd after a `cd`. */
int ss_shim_source(struct ss_shim_source *src, struct ss_error *err);

/* The identity of src's policy whose files hash to source_id. */
struct ss_identity ss_shim_identity(const struct ss_shim_source *src,
                                    const unsigned char *source_id);

/* True when SECCOMP_SHIM_ACTIVE names src's policy: the identity computed
 * from its bytes (or its file, hashed as read: no heap) and the includes the
 * marker lists is the marker's, *id; *explain: the marker says explain. Only
 * the probe (ss_probe_check(*id)) says the filter is really there. */
bool ss_marker_match(const struct ss_shim_source *src, struct ss_identity *id, bool *explain);

/* Sets SECCOMP_SHIM_ACTIVE for exec'd children (static storage when it
 * fits: no malloc). includes: "PATH\n" per included file. */
int ss_marker_set(struct ss_identity identity, bool explain, const char *includes, size_t inclen,
                  struct ss_error *err);

/* The policy's install plan (and the marker, in filter mode): the policy
 * file read once, then a compiled file, the INI's compiled sibling, or the
 * INI parsed (linted and its warnings printed when warnings) and compiled.
 * *from (unless NULL) says which. Every block is freed when it returns. */
int ss_shim_plan(struct ss_install_plan *how, struct ss_shim_source *src, bool warnings,
                 enum ss_shim_from *from, struct ss_error *err);

/* In a child that inherited the filter: the explain report's lines (best
 * effort) and its handler, when the marker says explain. */
int ss_shim_inherited(struct ss_shim_source *src, bool explain, struct ss_error *err);

#endif
