#!/bin/sh
# 77: in leased mode too, -t bounds a connection: a client that sends
# nothing, or half a request, is disconnected after the deadline, and the
# parser that waited for it does not outlive the deadline
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

printf 'hunter2\n' >"$W/pw"
F=$(secrets <<EOT
{"secrets": {"PW": {"file": "$W/pw"}}}
EOT
)
start_broker -L -t 1 -f "$F" || exit 1

like "silent client closed within 3 s" "$(hold 6 | head -n 1)" \
    '^closed (0\.[5-9]|[12]\.)'
like "half a request closed within 3 s" "$(hold 6 '{"token":"' | head -n 1)" \
    '^closed (0\.[5-9]|[12]\.)'
like "the deadline is logged" "$(cat "$W/log")" \
    'uid 0 pid [0-9]+: deadline passed'
is "the broker still serves" "$("$CELLSEC" get PW)" hunter2
stop_broker

# the parser, seen while the client holds its connection open
start_broker -L -t 3 -f "$F" || exit 1
python3 "$TOP/t/hold.py" "$CELLOS_RUNTIME_SECRET_SOCKET" 30 '{"token":"' \
    >"$W/hold.out" &
H=$!
has_parser()
{
	[ -n "$(grandchildren "$BPID")" ]
}
parser_gone()
{
	[ -z "$(live "$P")" ]
}
wait_for has_parser
P=$(grandchildren "$BPID" | head -n 1)
ok "control: the parser seen while the client waits" test -n "$P"
sleep 3
wait_for parser_gone
ok "the parser is gone once the deadline has passed" parser_gone
wait_for test -s "$W/hold.out" || sleep 0.5
like "the client was disconnected" "$(head -n 1 "$W/hold.out")" '^closed '
kill "$H" 2>/dev/null
wait "$H" 2>/dev/null
idle()
{
	[ -z "$(children "$BPID")" ]
}
ok "no connection child left" wait_for idle
is "the broker still serves" "$("$CELLSEC" get PW)" hunter2

done_testing
