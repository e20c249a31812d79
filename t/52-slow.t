#!/bin/sh
# a request dribbled a byte at a time within the deadline is served
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 5
good_broker || exit 1

req K >"$W/r"
hostile "a byte at a time" "{\"value\":\"$GOOD\"}" --chunk 1 \
    --delay 0.02 <"$W/r"

done_testing
