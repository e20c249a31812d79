#!/bin/sh
# one JSON object per line and nothing else
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 25
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
BAD='{"error":"bad request"}'

printf '{"token":"%s","key":"K"}garbage\n' "$T" >"$W/r"
hostile "trailing garbage" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K"}{"token":"%s","key":"K"}\n' "$T" "$T" >"$W/r"
hostile "two requests on one line" "$BAD" <"$W/r"
printf 'GET / HTTP/1.0\r\n\r\n' >"$W/r"
hostile "HTTP request line" "$BAD" <"$W/r"
printf '\n' >"$W/r"
hostile "empty line" "$BAD" <"$W/r"
printf '["%s","K"]\n' "$T" >"$W/r"
hostile "an array" "$BAD" <"$W/r"

done_testing
