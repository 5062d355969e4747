/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim's SHA-256: nettle's code behind preload/nettle_sha256.c's choice
 * of compression function, linked as in the shim (nettle statically). Prints
 * the digest of each argument's bytes, and of 1..300 bytes of a pattern (every
 * block boundary), for tests/93-sha256.t to compare with Python's hashlib. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

static void print(const void *data, size_t len)
{
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];

    sha256_init(&c);
    sha256_update(&c, len, data);
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        printf("%02x", d[i]);
    putchar('\n');
}

int main(int argc, char **argv)
{
    unsigned char pattern[300];

    for (int i = 1; i < argc; i++)
        print(argv[i], strlen(argv[i]));
    for (size_t i = 0; i < sizeof pattern; i++)
        pattern[i] = (unsigned char)(i * 7 + 3);
    for (size_t n = 1; n <= sizeof pattern; n++)
        print(pattern, n);
    return 0;
}
