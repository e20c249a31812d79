#!/bin/sh
# token and key: each exactly once, each a string
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 35
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
BAD='{"error":"bad request"}'

printf '{"token":"%s","token":"%s","key":"K"}\n' "$T" "$T" >"$W/r"
hostile "duplicate token" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K","key":"K"}\n' "$T" >"$W/r"
hostile "duplicate key" "$BAD" <"$W/r"
printf '{"token":1234,"key":"K"}\n' >"$W/r"
hostile "token as number" "$BAD" <"$W/r"
printf '{"token":"%s","key":["K"]}\n' "$T" >"$W/r"
hostile "key as array" "$BAD" <"$W/r"
printf '{"token":"%s","key":{"K":1}}\n' "$T" >"$W/r"
hostile "key as object" "$BAD" <"$W/r"
printf '{"key":"K"}\n' >"$W/r"
hostile "missing token" "$BAD" <"$W/r"
printf '{"token":"%s"}\n' "$T" >"$W/r"
hostile "missing key" "$BAD" <"$W/r"

done_testing
