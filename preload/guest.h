/* The guest's own calls: what runs inside the sandboxed process, for the
 * install sequence (install.c) and the shim. Private to preload/; the command
 * reaches them through ss_install() (seccomp-shim-contract.h). */
#ifndef SS_GUEST_H
#define SS_GUEST_H

#include "seccomp-shim-contract.h"

/* Set no_new_privs and install prog for every thread of the process
 * (SECCOMP_FILTER_FLAG_TSYNC | flags). Makes no allocation. */
int ss_install_filter(const struct ss_program *prog, unsigned flags, struct ss_error *err);

/* Install SECCOMP_MODE_STRICT; refuses when the process has other threads. */
int ss_install_strict(struct ss_error *err);

/* Install the SIGSYS handler that reports a trapped kill on stderr and then
 * dies by SIGSYS. Call before the filter is installed, and again after exec
 * (handlers do not survive exec); it passes the guard below. */
int ss_explain_arm(struct ss_error *err);

/* Stack the explain guard: a second filter (so one more in Seccomp_filters)
 * that refuses with EPERM every rt_sigaction(SIGSYS, act != NULL) but
 * ss_explain_arm's, so the program cannot replace or ignore the handler and
 * outlive a kill. Install it with the policy's filter, before it. */
int ss_explain_guard(struct ss_error *err);

/* The guard's program, for tests (tests/unit/verdicts.c). */
void ss_explain_guard_program(struct ss_program *guard);
/* Puts in front of prog a check that answers one otherwise impossible call,
 * access(identity, a mode with invalid bits), with a fixed errno (probe.c). */
int ss_probe_stamp(struct ss_program *prog, unsigned long long identity, struct ss_error *err);

/* True when the calling process runs under a filter ss_probe_stamp stamped
 * with identity. One access() call; no allocation, no /proc. */
bool ss_probe_check(unsigned long long identity);

/* The seccomp mode and filter count of the calling process from
 * /proc/self/status; -1 when it cannot be read. */
int ss_self_seccomp(int *mode, int *filters);

#endif
