/* The shim's side of `seccomp-shim learn` in shim mode.
 *
 * The launcher (cli/learn_spawn.c) installs the notifying filter before exec,
 * so the supervisor holds the listener from the first syscall and no fd has
 * to cross over. The shim only marks the point where it would install its
 * policy: a getpid call carrying the token of SECCOMP_SHIM_LEARN in its
 * (ignored) arguments. The supervisor records nothing before that marker —
 * the loader's and the shim's own calls happen before the filter in a real
 * run too — and everything after it, in every descendant.
 *
 * Why not let the shim install the notifying filter and pass the listener
 * over a socket (SCM_RIGHTS)? Every syscall after the install, the sendmsg
 * included, waits for a supervisor that does not hold the listener yet: the
 * shim would need filter exceptions keyed on fd numbers the program may reuse
 * later, which would hide the program's own calls from the recording. */
#ifndef SS_LEARN_SHIM_H
#define SS_LEARN_SHIM_H

#include "seccomp-shim.h"

#include <sys/syscall.h>

#define SS_LEARN_ENV     "SECCOMP_SHIM_LEARN" /* value: the token, 16 hex digits */
#define SS_LEARN_MARK_NR SYS_getpid           /* marker: getpid(token, ~token) */

/* The supervisor's answer to the marker: positive (never an error) and above
 * any pid (PID_MAX_LIMIT is 2^22), so neither a plain getpid nor a filter's
 * errno can produce it. */
static inline long ss_learn_answer(uint64_t token)
{
    return (long)(((token * 0x9e3779b97f4a7c15ULL) >> 2) | (1ULL << 61));
}

/* Reads a token; -1 when text is not exactly 16 hex digits. */
int ss_learn_parse_token(const char *text, uint64_t *token);

/* The shim in learn mode: checks the process is under the learning filter
 * and makes the marker call. -1 (err filled) when it must not run. */
int ss_learn_mark(const char *value, struct ss_error *err);

#endif
