#!/bin/sh
# a NUL byte, raw or escaped, in the token or the key is a bad request
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 20
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
BAD='{"error":"bad request"}'

printf '{"token":"%s\000","key":"K"}\n' "$T" >"$W/r"
hostile "raw NUL in token" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K\000"}\n' "$T" >"$W/r"
hostile "raw NUL in key" "$BAD" <"$W/r"
printf '{"token":"%s\\u0000","key":"K"}\n' "$T" >"$W/r"
hostile "\\u0000 in token" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K\\u0000"}\n' "$T" >"$W/r"
hostile "\\u0000 in key" "$BAD" <"$W/r"

done_testing
