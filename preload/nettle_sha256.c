/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nettle's own choice of SHA-256 code lives in fat-x86_64.o, whose
 * constructor runs CPUID at every load of the shim: three VM exits, 20-28 us
 * of every sandboxed process's start on this kind of machine (`make bench`).
 * Defining the internal entry nettle's sha256.o calls keeps that object out
 * of the shim's static link (nettle 3.8's prototype, sha2-internal.h); the
 * code that runs is still nettle's, SHA-NI or its x86_64 assembly, chosen by
 * what the dynamic loader already read (no CPUID). Linked into the shim
 * only: the command uses nettle's shared library as it is.
 * tests/unit/sha256.c checks the digests against Python's hashlib. */
#include <stdint.h>

#if defined(__x86_64__)
#include <sys/platform/x86.h>

void _nettle_sha256_compress(uint32_t *state, const uint8_t *input, const uint32_t *k);
void _nettle_sha256_compress_sha_ni(uint32_t *state, const uint8_t *input, const uint32_t *k);
void _nettle_sha256_compress_x86_64(uint32_t *state, const uint8_t *input, const uint32_t *k);

void _nettle_sha256_compress(uint32_t *state, const uint8_t *input, const uint32_t *k)
{
    static int sha_ni = -1; /* idempotent: threads that race compute the same */

    if (sha_ni < 0)
        sha_ni = CPU_FEATURE_ACTIVE(SHA) && CPU_FEATURE_ACTIVE(SSSE3) && CPU_FEATURE_ACTIVE(SSE4_1);
    (sha_ni ? _nettle_sha256_compress_sha_ni : _nettle_sha256_compress_x86_64)(state, input, k);
}
#endif
