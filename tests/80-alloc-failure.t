#!/bin/bash
# Allocation failure inside the engine fails closed (issue 7).
exec "$(dirname "$0")/../build/tests/unit/alloc_failure"
