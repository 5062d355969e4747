#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Compiled filters run through the engine's BPF interpreter (tests/unit/
# verdicts.c): the 32-bit rewrite, masks, groups, other ABIs, the mmap range
# rules libseccomp miscompiles, the probe stamp, the interpreter's refusals.
# It prints TAP itself.
exec "$(dirname "$0")/../build/tests/unit/verdicts"
