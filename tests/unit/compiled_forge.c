/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* compiled_forge FILE: every forgery of the compiled policy FILE that a
 * careful forger could make from one changed byte or a truncation, with the
 * checksum made valid again, given to the shim's reader. Each must be
 * refused, or read into a plan that is well formed (paths NUL-terminated
 * inside the plan's text); none may read out of bounds (make check-sanitize
 * runs this under AddressSanitizer) and no truncation may be accepted.
 * Prints "refused N, valid M" and exits 0, or 1 on the first failure. */
#include "internal.h"
#include "seccomp-shim-contract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ss_program program;
static struct ss_landlock_plan plan;

static void fix_checksum(unsigned char *buf, size_t len)
{
    struct ss_sha256 c;
    uint8_t d[SS_SHA256_LEN];

    memset(buf + 64, 0, 8);
    ss_sha256_init(&c);
    ss_sha256_update(&c, buf, len);
    ss_sha256_digest(&c, d);
    memcpy(buf + 64, d, 8);
}

/* A plan the guest may apply: every count and offset inside its arrays. */
static int well_formed(const struct ss_landlock_plan *p)
{
    if (p->npaths > SS_LL_PLAN_PATHS || p->nports > SS_LL_PLAN_PORTS)
        return 0;
    for (unsigned i = 0; i < p->npaths; i++)
        if (p->paths[i].text >= SS_LL_PLAN_TEXT ||
            !memchr(p->text + p->paths[i].text, 0, SS_LL_PLAN_TEXT - p->paths[i].text) ||
            p->text[p->paths[i].text] != '/')
            return 0;
    return 1;
}

/* Reads a copy of exactly len bytes (ASan sees a read past its end), with a
 * valid checksum. -1 when the reader misbehaved, else 0 (counted). */
static int try(const unsigned char *bytes, size_t len, unsigned *refused, unsigned *valid)
{
    unsigned char *copy = malloc(len ? len : 1);
    struct ss_compiled_info info;
    struct ss_error err;
    int rc;

    if (!copy)
        return -1;
    memcpy(copy, bytes, len);
    if (len >= SS_COMPILED_HEADER_SIZE)
        fix_checksum(copy, len);
    rc = ss_compiled_parse(copy, len, "forged", ss_arch_native(), &program, &plan, &info, &err);
    free(copy);
    if (rc < 0 && plan.active) {
        fprintf(stderr, "refused (%s), but the plan is left active\n", err.msg);
        return -1;
    }
    if (rc == 0 && !well_formed(&plan)) {
        fprintf(stderr, "accepted into a malformed plan\n");
        return -1;
    }
    ++*(rc == 0 ? valid : refused);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned refused = 0, valid = 0;
    unsigned char *buf;
    size_t len;
    struct ss_error err;

    if (argc != 2) {
        fprintf(stderr, "usage: compiled_forge FILE\n");
        return 2;
    }
    buf = (unsigned char *)ss_read_policy(argv[1], &len, NULL, &err);
    if (!buf) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char was = buf[i];
        static const unsigned char flips[] = {0x01, 0x80, 0xff};
        if (i >= 64 && i < 72)
            continue; /* the checksum itself */
        for (size_t f = 0; f < sizeof flips; f++) {
            buf[i] = was ^ flips[f];
            if (try(buf, len, &refused, &valid)) {
                fprintf(stderr, "byte %zu ^ 0x%02x\n", i, flips[f]);
                return 1;
            }
        }
        buf[i] = was;
    }
    for (size_t n = 0; n < len; n++) {
        unsigned before = valid;
        if (try(buf, n, &refused, &valid)) {
            fprintf(stderr, "truncated to %zu\n", n);
            return 1;
        }
        if (valid != before) {
            fprintf(stderr, "truncated to %zu bytes: accepted\n", n);
            return 1;
        }
    }
    printf("refused %u, valid %u\n", refused, valid);
    free(buf);
    return 0;
}
