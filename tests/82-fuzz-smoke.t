#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A short run of the libFuzzer target (parse + compile under ASan and UBSan)
# from the seed corpus and every input that once crashed it. `make fuzz` runs
# it longer (FUZZ_SECONDS, default 60).
. "$(dirname "$0")/lib.sh"

run make -s -C "$ROOT" build/fuzz/policy_fuzz
is "$STATUS" 0 "the fuzz target builds (clang, libFuzzer, ASan, UBSan)"
mkdir "$TMP/corpus"
cd "$TMP" || exit 1
run "$ROOT/build/fuzz/policy_fuzz" -max_total_time="${FUZZ_SMOKE_SECONDS:-10}" -max_len=4096 \
    -timeout=10 -artifact_prefix="$TMP/" "$TMP/corpus" "$ROOT/conf" "$ROOT/tests/bad" \
    "$ROOT/tests/fuzz/regressions"
is "$STATUS" 0 "no crash, leak, undefined behaviour or timeout"
like "$ERR" "Done [0-9]+ runs" "the fuzzer ran to its time limit"
is "$(ls "$TMP" | grep -c -E '^(crash|leak|timeout|oom)-')" 0 "no crashing input saved"
done_testing
