#!/bin/sh
# 08: an unknown key gets unknown secret key "<key>", the key escaped as
# yajl writes a JSON string, inside the JSON error string
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN

is "plain key" "$(request "{\"token\":\"$T\",\"key\":\"NOPE\"}")" \
    '{"error":"unknown secret key \"NOPE\""}'
is "quote and backslash escaped" \
    "$(request "{\"token\":\"$T\",\"key\":\"a\\\"b\\\\c\"}")" \
    '{"error":"unknown secret key \"a\\\"b\\\\c\""}'
is "control bytes escaped as t, n and u00XX" \
    "$(request "{\"token\":\"$T\",\"key\":\"x\\u0001y\\tz\\n\\u001b\"}")" \
    '{"error":"unknown secret key \"x\\u0001y\\tz\\n\\u001B\""}'
is "slash and non-ASCII as they are" \
    "$(request "{\"token\":\"$T\",\"key\":\"a\\/b\\u00e9\"}")" \
    "$(printf '{"error":"unknown secret key \\"a/b\303\251\\""}')"
is "a key differing in case is unknown" \
    "$(request "{\"token\":\"$T\",\"key\":\"pw\"}")" \
    '{"error":"unknown secret key \"pw\""}'

# through the client: the message it prints is the decoded error string
"$CELLSEC" get 'a"b\c' 2>"$W/err"
is "client: exit 1" "$?" 1
is "client: quote and backslash escaped in the message" "$(cat "$W/err")" \
    'cellsec: unknown secret key "a\"b\\c"'
"$CELLSEC" get "$(printf 'x\ty')" 2>"$W/err"
is "client: tab shown escaped" "$(cat "$W/err")" \
    'cellsec: unknown secret key "x\ty"'

done_testing
