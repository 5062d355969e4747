#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The verifier tries one syscall number per interval on which neither the
# program nor the policy can change its answer, not every number
# (engine/nr_points.c). tests/unit/verify_intervals.c holds that to the
# oracle, the verifier trying every number: mutants of the shipped policies'
# programs and of random policies' (x86_64 and aarch64) must be refused by
# both or by neither. Fixed seed; SS_VERIFY_MUTANTS sets how many.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
exec "$ROOT/build/tests/unit/verify_intervals" -n "${SS_VERIFY_MUTANTS:-50000}" "$ROOT"/conf/*.ini
