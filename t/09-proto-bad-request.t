#!/bin/sh
# 09: every malformed request gets exactly {"error":"bad request"}
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 20

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
B='{"error":"bad request"}'

bad()
{
	is "$1" "$(request "$2")" "$B"
}

bad "missing token" '{"key":"PW"}'
bad "missing key" "{\"token\":\"$T\"}"
bad "duplicate key" "{\"token\":\"$T\",\"key\":\"PW\",\"key\":\"PW\"}"
bad "duplicate token" "{\"token\":\"$T\",\"token\":\"$T\",\"key\":\"PW\"}"
bad "nested object" "{\"token\":\"$T\",\"key\":\"PW\",\"x\":{}}"
bad "nested array" "{\"token\":\"$T\",\"key\":\"PW\",\"x\":[1]}"
bad "key an object" "{\"token\":\"$T\",\"key\":{\"k\":\"PW\"}}"
bad "token a number" '{"token":1,"key":"PW"}'
bad "trailing data" "{\"token\":\"$T\",\"key\":\"PW\"}x"
ONE="{\"token\":\"$T\",\"key\":\"PW\"}"
bad "two objects" "$ONE$ONE"
bad "empty line" ''
bad "escaped NUL in the key" "{\"token\":\"$T\",\"key\":\"PW\\u0000\"}"
bad "lone surrogate escape in the key" "{\"token\":\"$T\",\"key\":\"\\ud800\"}"
bad "array, not an object" "[\"$T\",\"PW\"]"
bad "string, not an object" '"PW"'
bad "unterminated object" "{\"token\":\"$T\",\"key\":\"PW\""
is "raw NUL in the key" \
    "$(printf '{"token":"%s","key":"PW\000"}\n' "$T" | send_raw)" "$B"
is "overlong UTF-8 C0 80 in the key" \
    "$(printf '{"token":"%s","key":"PW\300\200"}\n' "$T" | send_raw)" "$B"
is "UTF-8 past U+10FFFF in the key" \
    "$(printf '{"token":"%s","key":"\364\220\200\200"}\n' "$T" | send_raw)" "$B"
is "the broker still serves" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" '{"value":"hunter2"}'

done_testing
