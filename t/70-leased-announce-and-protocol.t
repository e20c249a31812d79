#!/bin/sh
# 70: with -L the broker announces runtimeLeasedBroker and speaks the
# protocol of snapshot mode: the same answers, checked in the same order
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 22

printf 'hunter2\n' >"$W/pw"
F=$(secrets <<EOT
{"secrets": {
	"PW": {"file": "$W/pw"},
	"E": {"file": "$W/pw", "ttl": 1},
	"I": "inline"
}}
EOT
)

# the announcement, daemon mode and run mode, snapshot mode as a control
start_broker -L -f "$F" || exit 1
is "daemon mode: the env file says runtimeLeasedBroker" \
    "$(grep '^CELLOS_SECRET_DELIVERY=' "$W/env")" \
    'CELLOS_SECRET_DELIVERY=runtimeLeasedBroker; export CELLOS_SECRET_DELIVERY;'
is "daemon mode: the shell sees it" "$CELLOS_SECRET_DELIVERY" \
    runtimeLeasedBroker
T=$CELLOS_RUNTIME_SECRET_TOKEN
X=00000000-0000-4000-8000-000000000000

# shellcheck disable=SC2016
out=$(timeout 10 "$CELLSECD" -L -f "$F" -- /bin/sh -c \
    'printf %s "$CELLOS_SECRET_DELIVERY"' 2>"$W/runlog")
is "run mode: the command sees runtimeLeasedBroker" "$out" \
    runtimeLeasedBroker
# shellcheck disable=SC2016
out=$(timeout 10 "$CELLSECD" -f "$F" -- /bin/sh -c \
    'printf %s "$CELLOS_SECRET_DELIVERY"' 2>"$W/runlog")
is "run mode control: without -L, runtimeBroker" "$out" runtimeBroker

# the protocol, before the TTL of E has run out
is "a file source served" "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" \
    '{"value":"hunter2"}'
is "an inline value served" "$(request "{\"token\":\"$T\",\"key\":\"I\"}")" \
    '{"value":"inline"}'
is "wrong token: unauthorized" \
    "$(request "{\"token\":\"$X\",\"key\":\"PW\"}")" '{"error":"unauthorized"}'
is "wrong token and unknown key: unauthorized" \
    "$(request "{\"token\":\"$X\",\"key\":\"NOPE\"}")" \
    '{"error":"unauthorized"}'
is "unknown key" "$(request "{\"token\":\"$T\",\"key\":\"NOPE\"}")" \
    '{"error":"unknown secret key \"NOPE\""}'
is "unknown key escaped as a JSON string" \
    "$(request "{\"token\":\"$T\",\"key\":\"a\\\"b\\\\c\\n\"}")" \
    '{"error":"unknown secret key \"a\\\"b\\\\c\\n\""}'
is "missing key: bad request" "$(request "{\"token\":\"$T\"}")" \
    '{"error":"bad request"}'
is "wrong token and duplicate key: bad request" \
    "$(request "{\"token\":\"$X\",\"key\":\"PW\",\"key\":\"PW\"}")" \
    '{"error":"bad request"}'
is "trailing data: bad request" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"} x")" '{"error":"bad request"}'
is "more than 4096 bytes: request too long" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\",\"x\":\"$(pad 4096)\"}")" \
    '{"error":"request too long"}'

# once the TTL of E has run out
sleep 2
is "expired" "$(request "{\"token\":\"$T\",\"key\":\"E\"}")" \
    '{"error":"secret expired"}'
is "wrong token and expired key: unauthorized" \
    "$(request "{\"token\":\"$X\",\"key\":\"E\"}")" '{"error":"unauthorized"}'
is "a secret with a longer TTL, same file: still served" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" '{"value":"hunter2"}'
"$CELLSEC" get E >"$W/out" 2>"$W/err"
is "client: exit 1 on an expired secret" "$?" 1
is "client: its message" "$(cat "$W/err")" 'cellsec: secret expired'
like "log: the expired key" "$(cat "$W/log")" \
    'cellsecd: cell cell: uid 0 pid [0-9]+ key "E": secret expired$'
like "log: the unknown key" "$(cat "$W/log")" \
    'cellsecd: cell cell: uid 0 pid [0-9]+ key "NOPE": unknown secret key$'
like "log: the bad request" "$(cat "$W/log")" \
    'cellsecd: cell cell: uid 0 pid [0-9]+: bad request$'

done_testing
