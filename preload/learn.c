/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim in learn mode (see seccomp-shim-contract.h): it installs nothing, it marks the
 * point where it would. Fails closed when SECCOMP_SHIM_LEARN is set in a
 * process that no learning supervisor watches (no filter, or a filter of
 * someone else's that lets getpid through): such a process would run with
 * neither a policy nor a recording. */
#define _GNU_SOURCE
#include "guest.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ss_learn_parse_token(const char *text, uint64_t *token)
{
    char *end;

    if (strlen(text) != 16 || strspn(text, "0123456789abcdef") != 16)
        return -1;
    *token = strtoull(text, &end, 16);
    return 0;
}

int ss_learn_mark(const char *value, struct ss_error *err)
{
    struct ss_where none = {0};
    uint64_t token;
    int mode, filters;

    if (ss_learn_parse_token(value, &token))
        return ss_fail(
            err, none,
            SS_ENV_LEARN " must be the 16 hex digits seccomp-shim learn sets, not `%.40s`", value);
    /* Reads /proc/self/status: a real run reads its policy file and this
     * same file here, so both make the same calls (openat, read, close). */
    if (ss_self_seccomp(&mode, &filters) || mode != 2)
        return ss_fail(err, none,
                       SS_ENV_LEARN " is set but no seccomp-shim learn watches this process; "
                                    "refusing to run without a policy");
    if (syscall(SS_LEARN_MARK_NR, (long)token, (long)~token) != ss_learn_answer(token))
        return ss_fail(err, none,
                       SS_ENV_LEARN " is set but seccomp-shim learn did not answer the marker: "
                                    "this process runs under another seccomp filter, not under "
                                    "learn; refusing to run without a policy");
    return 0;
}
