#!/bin/bash
# import under allocation failure: whichever allocation fails, import either
# writes the policy it writes with enough memory or fails with status 1 and
# a message; never a crash, never a policy that lost a line or a condition.
. "$(dirname "$0")/lib.sh"
FAIL=$B/tests/libfailmalloc.so

# One conditional allow for 330 syscalls: about 10 KB of policy, so the text
# in memory grows several times while it is written. No long strings: jansson
# ignores allocation failures while it reads them and may lose characters.
names=$("$CLI" syscalls | awk '$2 < 330 { printf "%s\"%s\"", (n++ ? "," : ""), $1 }')
printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": [%s], %s}]}\n' "$names" \
    '"action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 7, "op": "SCMP_CMP_EQ"}]' \
    >"$TMP/profile.json"

"$CLI" import -o "$TMP/ref.ini" "$TMP/profile.json"
ok $? "import with enough memory"
n=$(LD_PRELOAD=$FAIL "$CLI" import -o "$TMP/count.ini" "$TMP/profile.json" 2>&1 >/dev/null |
    sed -n 's/^allocations: //p')
[ "${n:-0}" -gt 100 ]
ok $? "the allocations counted ($n)"

crashed= damaged= silent=
for ((i = 1; i <= ${n:-0}; i++)); do
    rm -f "$TMP/out.ini"
    FAIL_AT=$i LD_PRELOAD=$FAIL "$CLI" import -o "$TMP/out.ini" "$TMP/profile.json" \
        >/dev/null 2>"$TMP/err"
    st=$?
    if [ $st -gt 1 ]; then
        crashed="$crashed $i($st)"
    elif [ $st = 0 ] && ! cmp -s "$TMP/out.ini" "$TMP/ref.ini"; then
        damaged="$damaged $i"
    elif [ $st = 1 ] && ! [ -s "$TMP/err" ]; then
        silent="$silent $i"
    fi
done
is "$crashed" "" "no allocation failure crashes import"
is "$damaged" "" "no allocation failure makes import write a damaged policy"
is "$silent" "" "every failure says why"

done_testing
