#!/bin/sh
# request length: 4096 bytes is served, one more is too long, 1 MiB too
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 16
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
VAL="{\"value\":\"$GOOD\"}"
LONG='{"error":"request too long"}'

# the 68 bytes around the pad, newline included
printf '{"token":"%s","key":"K","pad":"%s"}\n' "$T" "$(pad 4028)" \
    >"$W/r4096"
printf '{"token":"%s","key":"K","pad":"%s"}\n' "$T" "$(pad 4029)" \
    >"$W/r4097"
is "4096-byte request is 4096 bytes" "$(wc -c <"$W/r4096" | tr -d ' ')" 4096

hostile "4096 bytes exactly" "$VAL" <"$W/r4096"
hostile "4097 bytes" "$LONG" <"$W/r4097"

{ pad 1048575; echo; } >"$W/r1m"
hostile "1 MiB" "$LONG" <"$W/r1m"

done_testing
