/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* SHA-256 (FIPS 180-4), the project's own: the shim hashes every policy it
 * starts with (its identity) and checks compiled files with it. A library's
 * SHA-256 either probes the CPU in a constructor that runs at every start of
 * every sandboxed process (nettle's fat build: CPUID, three VM exits) or is
 * reached only through private symbols that change between releases (nettle
 * 3.9 removed the one the shim used). Two block functions: portable C, and on
 * x86_64 the SHA extensions, chosen by what glibc's loader already read from
 * CPUID (<sys/platform/x86.h>, public since glibc 2.33): no probe of ours.
 * tests/93-sha256.t checks both against FIPS 180-2's vectors and hashlib;
 * docs/performance.md has the measurements behind the choice. */
#include "internal.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#include <sys/platform/x86.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
    return x >> n | x << (32 - n);
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One round on the working variables a..h, named by position: eight calls
 * with the names rotated make the shift of the eight variables free.
 * Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)) reuses the previous round's a ^ b
 * as this one's b ^ c: 4.5% fewer instructions and 5% faster than
 * (a & b) | (c & (a | b)) here. The three rotations stay side by side:
 * nested (one copy of the word) they take fewer instructions but a longer
 * chain, 10% slower on this machine without the SHA extensions. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                                           \
    do {                                                                                           \
        uint32_t t1 =                                                                              \
            h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + (g ^ (e & (f ^ g))) + K[i] + w[(i)&15];    \
        uint32_t ab = a ^ b;                                                                       \
        d += t1;                                                                                   \
        h = t1 + (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + (b ^ (ab & bc));                          \
        bc = ab;                                                                                   \
    } while (0)

void ss_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t blocks)
{
    for (; blocks--; p += 64) {
        uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6],
                        hh = h[7], bc = b ^ c;

        for (int i = 0; i < 16; i++)
            w[i] = load_be32(p + 4 * i);
            /* Unrolled whole, the indexes and K's words become constants. */
#pragma GCC unroll 8
        for (int i = 0; i < 64; i += 8) {
            if (i >= 16) /* the message schedule, in place: w[j] becomes word i + j */
#pragma GCC unroll 8
                for (int j = 0; j < 8; j++) {
                    uint32_t x = w[(i + j + 1) & 15], y = w[(i + j + 14) & 15];
                    w[(i + j) & 15] += (ror(x, 7) ^ ror(x, 18) ^ x >> 3) + w[(i + j + 9) & 15] +
                                       (ror(y, 17) ^ ror(y, 19) ^ y >> 10);
                }
            ROUND(a, b, c, d, e, f, g, hh, i);
            ROUND(hh, a, b, c, d, e, f, g, i + 1);
            ROUND(g, hh, a, b, c, d, e, f, i + 2);
            ROUND(f, g, hh, a, b, c, d, e, i + 3);
            ROUND(e, f, g, hh, a, b, c, d, i + 4);
            ROUND(d, e, f, g, hh, a, b, c, i + 5);
            ROUND(c, d, e, f, g, hh, a, b, i + 6);
            ROUND(b, c, d, e, f, g, hh, a, i + 7);
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d;
        h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }
}

#if defined(__x86_64__)
/* The SHA extensions keep the state as two vectors, ABEF and CDGH, and do
 * two rounds per sha256rnds2 with message-plus-constant words in the low half
 * of its third operand. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
blocks_shani(uint32_t h[8], const uint8_t *p, size_t blocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)h);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)(h + 4));
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    for (; blocks--; p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh, w[4];

        for (int i = 0; i < 16; i++) {
            __m128i *m = &w[i % 4], wk;

            if (i < 4)
                *m = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
            else
                *m = _mm_sha256msg2_epu32(
                    _mm_add_epi32(_mm_sha256msg1_epu32(*m, w[(i + 1) % 4]),
                                  _mm_alignr_epi8(w[(i + 3) % 4], w[(i + 2) % 4], 4)),
                    w[(i + 3) % 4]);
            wk = _mm_add_epi32(*m, _mm_loadu_si128((const __m128i *)(K + 4 * i)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    /* back to DCBA and HGFE */
    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    _mm_storeu_si128((__m128i *)h, _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128((__m128i *)(h + 4), _mm_alignr_epi8(dchg, feba, 8));
}
#endif

ss_sha256_blocks_fn *ss_sha256_blocks_fast(void)
{
#if defined(__x86_64__)
    if (CPU_FEATURE_ACTIVE(SHA) && CPU_FEATURE_ACTIVE(SSSE3) && CPU_FEATURE_ACTIVE(SSE4_1))
        return blocks_shani;
#endif
    return NULL;
}

void ss_sha256_init(struct ss_sha256 *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    ss_sha256_blocks_fn *fast = ss_sha256_blocks_fast();

    memcpy(c->h, iv, sizeof iv);
    c->len = 0;
    c->blocks = fast ? fast : ss_sha256_blocks_portable;
}

void ss_sha256_update(struct ss_sha256 *c, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t fill = c->len % 64;

    c->len += len;
    if (fill) {
        size_t take = 64 - fill < len ? 64 - fill : len;

        memcpy(c->buf + fill, p, take);
        p += take;
        len -= take;
        if (fill + take < 64)
            return;
        c->blocks(c->h, c->buf, 1);
    }
    if (len >= 64)
        c->blocks(c->h, p, len / 64);
    memcpy(c->buf, p + len / 64 * 64, len % 64);
}

void ss_sha256_digest(struct ss_sha256 *c, uint8_t out[SS_SHA256_LEN])
{
    uint64_t bits = c->len * 8;
    uint8_t pad[72] = {0x80};
    size_t padlen = (c->len % 64 < 56 ? 56 : 120) - c->len % 64;

    for (int i = 0; i < 8; i++)
        pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
    ss_sha256_update(c, pad, padlen + 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(c->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)c->h[i];
    }
}
