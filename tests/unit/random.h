/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The unit tests' deterministic random numbers (splitmix64): a fixed seed
 * in state gives the same run everywhere. */
#ifndef SS_TEST_RANDOM_H
#define SS_TEST_RANDOM_H

#include <stdint.h>

static uint64_t state;

static uint64_t rnd(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned pick(unsigned n)
{
    return rnd() % n;
}

#endif
