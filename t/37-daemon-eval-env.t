#!/bin/sh
# shellcheck disable=SC2016
# 37: in daemon mode the environment is printed as sh commands on stdout,
# which is then closed, so eval "$(cellsecd -f F &)" works
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)

"$CELLSECD" -f "$F" >"$W/out" 2>"$W/log" &
BPID=$!
wait_for grep -qs CELLSECD_PID "$W/out"
sleep 0.2
ok "the lines are valid sh" sh -n "$W/out"
is "four lines" "$(wc -l <"$W/out")" 4
like "delivery line" "$(cat "$W/out")" \
    '^CELLOS_SECRET_DELIVERY=runtimeBroker; export CELLOS_SECRET_DELIVERY;$'
like "pid line" "$(cat "$W/out")" \
    "^CELLSECD_PID=$BPID; export CELLSECD_PID;\$"
is "stdout closed after: it is /dev/null" "$(readlink "/proc/$BPID/fd/1")" \
    /dev/null
stop_broker

out=$(timeout 10 sh -c '
	eval "$("$0" -f "$1" 2>/dev/null &)"
	"$2" get PW
	echo " $?"
	kill "$CELLSECD_PID"' "$CELLSECD" "$F" "$CELLSEC")
is "eval of the output works" "$?" 0
is "the evaluated environment gets the value" "$out" "hunter2 0"

out=$(TMPDIR=/tmp/it\'s timeout 10 sh -c '
	mkdir -p "$TMPDIR"
	eval "$("$0" -f "$1" 2>/dev/null &)"
	printf %s "$CELLOS_RUNTIME_SECRET_SOCKET"
	kill "$CELLSECD_PID"' "$CELLSECD" "$F")
like "a quote in the socket path survives eval" "$out" "^/tmp/it's/cellsec-"
rm -rf "/tmp/it's"

done_testing
