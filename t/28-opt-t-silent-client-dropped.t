#!/bin/sh
# 28: -t bounds a connection: a client that sends nothing, or half a
# request, is disconnected after the deadline
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -t 1 -f "$F" || exit 1

like "silent client closed within 3 s" "$(hold 10 | head -n 1)" \
    '^closed (0\.[5-9]|[12]\.)'
like "half a request closed within 3 s" "$(hold 10 '{"token":"' | head -n 1)" \
    '^closed (0\.[5-9]|[12]\.)'
like "the deadline is logged" "$(cat "$W/log")" \
    'uid 0 pid [0-9]+: deadline passed'
is "the broker still serves" "$("$CELLSEC" get PW)" hunter2
stop_broker

start_broker -f "$F" || exit 1
like "default deadline 5 s" "$(hold 10 | head -n 1)" '^closed [4-6]\.'
is "no zombie left" "$(children "$BPID" | wc -w)" 0

done_testing
