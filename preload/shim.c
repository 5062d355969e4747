/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The LD_PRELOAD guest: reads the policy named by the environment, compiles
 * it, frees everything and installs it before the program's main. Any error
 * ends the process with status 125 before main: it never runs unsandboxed.
 * Deciding what to install is plan.c's (tests/unit/startup.c runs the same
 * calls); the exec-chain marker is marker.c's. This file is the order of the
 * steps and the way out. */
#define _GNU_SOURCE
#include "guest.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void __attribute__((noreturn)) die(const struct ss_error *err)
{
    char msg[900], line[1024];
    int n =
        snprintf(line, sizeof line, "seccomp-shim: %s\n", ss_error_format(err, msg, sizeof msg));

    if (n > (int)sizeof line - 1)
        n = sizeof line - 1;
    if (write(STDERR_FILENO, line, n) < 0) {
        /* nothing more to do: the exit status still says it */
    }
    _exit(SS_EXIT_POLICY);
}

__attribute__((constructor)) static void seccomp_shim_init(void)
{
    bool explain = false, warnings = getenv(SS_ENV_WARNINGS) != NULL;
    struct ss_shim_source src;
    struct ss_install_plan how;
    struct ss_identity marked;
    struct ss_error err;

    if (getenv(SS_ENV_LEARN)) { /* seccomp-shim learn: mark, install nothing */
        if (getenv(SS_ENV_POLICY) || getenv(SS_ENV_INI))
            ss_fail(&err, (struct ss_where){0}, SS_ENV_LEARN " and a policy are both set; set one");
        else if (ss_learn_mark(getenv(SS_ENV_LEARN), &err) == 0)
            return;
        die(&err);
    }
    if (ss_shim_source(&src, &err))
        die(&err);
    /* Trust but verify: a copied marker must not switch the sandbox off, in
     * an unfiltered process or under someone else's filter. Only the filter
     * the shim stamped with this identity answers the probe. */
    if (ss_marker_match(&src, &marked, &explain) && ss_probe_check(marked)) {
        if (ss_shim_inherited(&src, explain, &err))
            die(&err);
        return;
    }
    if (ss_shim_plan(&how, &src, warnings, NULL, &err))
        die(&err);
    if (ss_install(&how, &err))
        die(&err);
}
