#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The policy language's parser, table-driven (tests/unit/parser.c): constants,
# groups, includes, lint. It prints TAP itself.
exec "$(dirname "$0")/../build/tests/unit/parser"
