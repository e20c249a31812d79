#!/bin/sh
# a request without a newline: EOF ends it, silence hits the deadline
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 12
good_broker -t 1 || exit 1
VAL="{\"value\":\"$GOOD\"}"

printf '{"token":"%s","key":"K"}' "$CELLOS_RUNTIME_SECRET_TOKEN" >"$W/r"
hostile "no newline then EOF" "$VAL" <"$W/r"

hostile "no newline and silence" "" --no-eof --timeout 10 \
    --time "$W/elapsed" <"$W/r"
e=$(cat "$W/elapsed" 2>/dev/null)
ok "no newline and silence: cut at the 1 s deadline (after ${e:-?} s)" \
    awk -v e="${e:-99}" 'BEGIN { exit !(e >= 0.8 && e < 3) }'
like "no newline and silence: logged" "$(cat "$W/log")" \
    'deadline passed'

done_testing
