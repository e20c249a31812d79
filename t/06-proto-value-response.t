#!/bin/sh
# 06: a good request gets one {"value":...} line; EOF instead of a newline
# ends a request too; unknown scalar members are ignored
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2", "Q": "a\"b\\c\nd\u00e9"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN

is "response line" "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" \
    '{"value":"hunter2"}'
is "response is one line ending in a newline" \
    "$(printf '{"token":"%s","key":"PW"}\n' "$T" | send_raw | hexof)" \
    "$(printf '{"value":"hunter2"}\n' | hexof)"
is "escaped value decodes to the value" \
    "$(request "{\"token\":\"$T\",\"key\":\"Q\"}" | python3 -c '
import json, sys
sys.stdout.write(json.loads(sys.stdin.read())["value"])' | hexof)" \
    "$(printf 'a"b\\c\nd\303\251' | hexof)"
is "request ended by EOF, no newline" \
    "$(printf '{"token":"%s","key":"PW"}' "$T" | send_raw)" \
    '{"value":"hunter2"}'
R="{\"a\":\"x\",\"token\":\"$T\",\"n\":-1.5e2,\"key\":\"PW\","
R="$R\"t\":true,\"f\":false,\"z\":null}"
is "unknown string, number, boolean, null members ignored" "$(request "$R")" \
    '{"value":"hunter2"}'
is "an unknown member named like a key is ignored" \
    "$(request "{\"token\":\"$T\",\"keys\":\"Q\",\"key\":\"PW\"}")" \
    '{"value":"hunter2"}'
is "whitespace around tokens" \
    "$(request " { \"token\" : \"$T\" , \"key\" : \"PW\" } ")" \
    '{"value":"hunter2"}'

done_testing
