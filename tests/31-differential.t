#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Random small policies compiled and held to the model (tests/unit/
# differential.c): no filter may be accepted that disagrees with its policy.
# Fixed seed, bounded time; `make fuzz` runs it longer (FUZZ_SECONDS).
exec "$(dirname "$0")/../build/tests/unit/differential" -s "${SS_DIFFERENTIAL_SECONDS:-10}"
