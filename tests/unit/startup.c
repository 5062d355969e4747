/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim's start-up path without the install, for counting its instructions
 * (tests/83-startup-budget.t runs it under callgrind, which counts only the
 * functions shim_start and shim_inherited: valgrind refuses seccomp, so the
 * shim itself cannot be measured there). It calls the shim's own planning
 * code (preload/plan.c, preload/marker.c), as preload/shim.c does:
 *
 *   startup start FILE      the policy file read once; a compiled file, or
 *                           the INI's compiled sibling, or parse (no lint)
 *                           and compile; then the identity. Prints the path.
 *   startup lint FILE       start with the lint on (SECCOMP_SHIM_WARNINGS).
 *   startup inherited FILE  what an inherited child computes: the identity
 *                           from the file (hashed as it is read) and the
 *                           include list of the marker its parent set (no
 *                           parse; the probe is the kernel's, not counted). */
#include "guest.h"
#include "internal.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const struct ss_error *err)
{
    char msg[900];

    fprintf(stderr, "startup: %s\n", ss_error_format(err, msg, sizeof msg));
    return 1;
}

/* Tells programs apart (FNV-1a): the same filter with and without the lint. */
static unsigned long long program_hash(const struct ss_program *program)
{
    const unsigned char *b = (const unsigned char *)program->insns;
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < program->len * sizeof program->insns[0]; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static void print_identity(struct ss_identity id)
{
    printf("%016llx%016llx", (unsigned long long)id.lo, (unsigned long long)id.hi);
}

__attribute__((noinline)) static int start(bool lint, struct ss_install_plan *how,
                                           enum ss_shim_from *from, struct ss_error *err)
{
    struct ss_shim_source src;

    return ss_shim_source(&src, err) || ss_shim_plan(how, &src, lint, from, err) ? -1 : 0;
}

/* What callgrind counts: start as the shim's first process runs it. */
__attribute__((noinline)) static int shim_start(bool lint, struct ss_install_plan *how,
                                                enum ss_shim_from *from, struct ss_error *err)
{
    return start(lint, how, from, err);
}

__attribute__((noinline)) static bool shim_inherited(struct ss_identity *id)
{
    struct ss_shim_source src;
    struct ss_error err;
    bool explain;

    return ss_shim_source(&src, &err) == 0 && ss_marker_match(&src, id, &explain);
}

int main(int argc, char **argv)
{
    static const char *const from_name[] = {"compiled", "sibling", "parsed"};
    struct ss_install_plan how;
    enum ss_shim_from from;
    struct ss_identity id;
    struct ss_error err;

    if (argc != 3)
        return 2;
    /* As the shim's plan asks of its own copy of libseccomp (plan.c,
     * no_kernel_probes; this binary shares the system's, so the plan leaves
     * it alone): libseccomp probes nothing (and under valgrind its probes
     * would fail: valgrind refuses seccomp). */
    seccomp_api_set(3);
    unsetenv(SS_ENV_INI);
    unsetenv(SS_ENV_ACTIVE);
    setenv(SS_ENV_POLICY, argv[2], 1);
    if (strcmp(argv[1], "inherited") != 0) {
        if (shim_start(strcmp(argv[1], "lint") == 0, &how, &from, &err))
            return fail(&err);
        printf("%s ", from_name[from]);
        print_identity(how.identity);
        printf(" %u %016llx\n", how.prog->len, program_hash(how.prog));
        return 0;
    }
    /* A parent's start (not counted) leaves the marker its child finds. */
    if (start(false, &how, &from, &err))
        return fail(&err);
    if (!shim_inherited(&id))
        return 1;
    printf("inherited ");
    print_identity(id);
    printf("\n");
    return 0;
}
