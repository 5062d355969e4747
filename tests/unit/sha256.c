/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The engine's SHA-256 (engine/sha256.c), with each block function it has:
 * prints "IMPL DIGEST" for each argument's bytes, for a million 'a's, and for
 * 1..300 bytes of a pattern (every block boundary), fed whole and in pieces
 * of 1, 63 and 65 bytes, for tests/93-sha256.t to compare with FIPS 180-2's
 * vectors and Python's hashlib. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print(const char *name, ss_sha256_blocks_fn *blocks, const void *data, size_t len,
                  size_t step)
{
    struct ss_sha256 c;
    uint8_t d[SS_SHA256_LEN];

    ss_sha256_init(&c);
    c.blocks = blocks;
    for (size_t at = 0; at < len; at += step)
        ss_sha256_update(&c, (const char *)data + at, len - at < step ? len - at : step);
    ss_sha256_digest(&c, d);
    printf("%s ", name);
    for (size_t i = 0; i < sizeof d; i++)
        printf("%02x", d[i]);
    putchar('\n');
}

int main(int argc, char **argv)
{
    static const size_t steps[] = {1, 63, 65, (size_t)-1};
    struct {
        const char *name;
        ss_sha256_blocks_fn *blocks;
    } impl[] = {{"portable", ss_sha256_blocks_portable}, {"fast", ss_sha256_blocks_fast()}};
    unsigned char pattern[300];
    char *million = malloc(1000000);

    if (!million)
        return 1;
    memset(million, 'a', 1000000);
    for (size_t i = 0; i < sizeof pattern; i++)
        pattern[i] = (unsigned char)(i * 7 + 3);
    for (size_t k = 0; k < sizeof impl / sizeof *impl; k++) {
        if (!impl[k].blocks) {
            printf("%s none\n", impl[k].name);
            continue;
        }
        for (int i = 1; i < argc; i++)
            print(impl[k].name, impl[k].blocks, argv[i], strlen(argv[i]), (size_t)-1);
        print(impl[k].name, impl[k].blocks, million, 1000000, 4096);
        for (size_t n = 1; n <= sizeof pattern; n++)
            for (size_t s = 0; s < sizeof steps / sizeof *steps; s++)
                print(impl[k].name, impl[k].blocks, pattern, n, steps[s]);
    }
    free(million);
    return 0;
}
