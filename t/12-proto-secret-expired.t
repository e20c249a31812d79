#!/bin/sh
# 12: once its TTL has run out a secret gets {"error":"secret expired"}
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"E": {"value": "short", "ttl": 1}, "L": "long"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN

is "served before its TTL" "$(request "{\"token\":\"$T\",\"key\":\"E\"}")" \
    '{"value":"short"}'
sleep 2
is "expired after its TTL" "$(request "{\"token\":\"$T\",\"key\":\"E\"}")" \
    '{"error":"secret expired"}'
is "another secret still served" \
    "$(request "{\"token\":\"$T\",\"key\":\"L\"}")" '{"value":"long"}'
"$CELLSEC" get E >"$W/out" 2>"$W/err"
is "client: exit 1" "$?" 1
is "client: message" "$(cat "$W/err")" 'cellsec: secret expired'
is "client: nothing on stdout" "$(hexof <"$W/out")" ""

done_testing
