#!/bin/sh
# 11: checks run in order: form, token, key, expiry
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2", "E": {"value": "gone", "ttl": 1}}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
X=00000000-0000-4000-8000-000000000000

is "bad token and unknown key: unauthorized" \
    "$(request "{\"token\":\"$X\",\"key\":\"NOPE\"}")" \
    '{"error":"unauthorized"}'
is "bad token and duplicate key: bad request" \
    "$(request "{\"token\":\"$X\",\"key\":\"PW\",\"key\":\"PW\"}")" \
    '{"error":"bad request"}'
is "bad token and missing key: bad request" \
    "$(request "{\"token\":\"$X\"}")" '{"error":"bad request"}'
is "bad token and trailing data: bad request" \
    "$(request "{\"token\":\"$X\",\"key\":\"PW\"} x")" \
    '{"error":"bad request"}'
sleep 2
is "bad token and expired key: unauthorized" \
    "$(request "{\"token\":\"$X\",\"key\":\"E\"}")" '{"error":"unauthorized"}'
is "good token, unknown key after expiry: unknown" \
    "$(request "{\"token\":\"$T\",\"key\":\"NOPE\"}")" \
    '{"error":"unknown secret key \"NOPE\""}'

done_testing
