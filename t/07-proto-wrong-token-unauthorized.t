#!/bin/sh
# 07: any token but the broker's gets {"error":"unauthorized"}
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
U='{"error":"unauthorized"}'

like "the token is a UUID v4" "$T" \
    '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
is "another UUID" "$(request \
    '{"token":"00000000-0000-4000-8000-000000000000","key":"PW"}')" "$U"
is "empty token" "$(request '{"token":"","key":"PW"}')" "$U"
short=${T%?}
is "token less its last character" \
    "$(request "{\"token\":\"$short\",\"key\":\"PW\"}")" "$U"
is "token with one character more" \
    "$(request "{\"token\":\"${T}0\",\"key\":\"PW\"}")" "$U"
upper=$(printf '%s' "$T" | tr a-f A-F)
is "token in upper case" \
    "$(request "{\"token\":\"$upper\",\"key\":\"PW\"}")" "$U"
is "the right token still works" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" '{"value":"hunter2"}'

done_testing
