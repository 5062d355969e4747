/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim's start-up path without the install, for counting its instructions
 * (tests/83-startup-budget.t runs it under callgrind, which counts only the
 * functions shim_start and shim_inherited: valgrind refuses seccomp, so the
 * shim itself cannot be measured there). The same engine calls in the same
 * order as preload/shim.c:
 *
 *   startup start FILE      the policy file read once; a compiled file, or
 *                           the INI's compiled sibling, or parse (no lint)
 *                           and compile; then the identity. Prints the path.
 *   startup lint FILE       start with the lint on (SECCOMP_SHIM_WARNINGS).
 *   startup inherited FILE  what an inherited child computes: the identity
 *                           from the file (hashed as it is read) and the
 *                           include list the parent's parse recorded (no parse). */
#include "internal.h"
#include "seccomp-shim-contract.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ss_program program;
static char room[64 << 10]; /* the shim's policy_room */
static struct ss_landlock_plan landlock;

static int fail(const struct ss_error *err)
{
    char msg[900];

    fprintf(stderr, "startup: %s\n", ss_error_format(err, msg, sizeof msg));
    return 1;
}

/* Tells programs apart (FNV-1a): the same filter with and without the lint. */
static unsigned long long program_hash(void)
{
    const unsigned char *b = (const unsigned char *)program.insns;
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < program.len * sizeof program.insns[0]; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static void print_identity(const char *path, const unsigned char *source_id)
{
    struct ss_identity id = ss_identity("SECCOMP_SHIM_POLICY", path, false, source_id);

    printf("%016llx%016llx", (unsigned long long)id.lo, (unsigned long long)id.hi);
}

__attribute__((noinline)) static int shim_start(const char *file, bool lint)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_compiled_info info;
    const char *includes, *path = "parsed";
    struct ss_policy *p;
    struct ss_error err;
    struct stat st;
    char why[700], *keep = NULL, *buf;
    size_t len, inclen;
    int rc;

    buf = ss_read_policy_into(file, room, sizeof room, &len, &st, &err);
    if (!buf)
        return fail(&err);
    rc = ss_compiled_parse(buf, len, file, &program, &landlock, &info, &err);
    if (rc < 0)
        return fail(&err);
    if (rc == 0) {
        path = "compiled";
        rc = ss_source_id(file, buf, len, "", 0, source_id);
    } else if (ss_compiled_sibling(file, buf, len, &st, false, &program, &landlock, &info,
                                   buf == room ? room + ((len + 16) & ~(size_t)15) : room,
                                   buf == room ? sizeof room - ((len + 16) & ~(size_t)15)
                                               : sizeof room,
                                   &keep, lint ? why : NULL, sizeof why) == 0) {
        path = "sibling";
        memcpy(source_id, info.source_id, sizeof source_id);
        free(keep);
        rc = 0;
    } else {
        p = ss_policy_new();
        if (!p)
            return 1;
        rc = ss_parse_buffer(p, buf, len, file, SS_PARSE_FILE | (lint ? SS_PARSE_LINT : 0), &err);
        if (rc == 0 && p->mode == SS_MODE_FILTER)
            rc = ss_compile(p, &program, &err);
        if (rc) {
            ss_policy_free(p);
            return fail(&err);
        }
        ss_policy_source(p, source_id, &includes, &inclen);
        ss_policy_free(p);
    }
    printf("%s ", path);
    print_identity(file, source_id);
    printf(" %u %016llx\n", program.len, program_hash());
    if (buf != room)
        free(buf);
    return rc;
}

__attribute__((noinline)) static int shim_inherited(const char *file, const char *list,
                                                    size_t inclen)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];

    if (ss_source_id_file(file, list, inclen, source_id))
        return 1;
    printf("inherited ");
    print_identity(file, source_id);
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    unsigned char source_id[SS_SOURCE_ID_LEN];
    const char *includes;
    struct ss_policy *p;
    struct ss_error err;
    size_t inclen;
    char *list;
    int rc;

    if (argc != 3)
        return 2;
    /* As the shim does: libseccomp probes nothing (and under valgrind its
     * probes would fail: valgrind refuses seccomp). */
    seccomp_api_set(3);
    if (strcmp(argv[1], "inherited") != 0)
        return shim_start(argv[2], strcmp(argv[1], "lint") == 0);
    p = ss_policy_new();
    if (!p || ss_parse_file(p, argv[2], &err))
        return fail(&err);
    ss_policy_source(p, source_id, &includes, &inclen);
    list = strndup(includes, inclen);
    ss_policy_free(p);
    rc = shim_inherited(argv[2], list, inclen);
    free(list);
    return rc;
}
