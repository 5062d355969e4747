#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Allocation failure inside the engine fails closed (issue 7).
exec "$(dirname "$0")/../build/tests/unit/alloc_failure"
