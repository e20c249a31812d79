#!/bin/sh
# shellcheck disable=SC2016
# 47: no copy of a value stays in the broker's memory after its TTL has
# run out, or once shutdown has begun (a scan of /proc/PID/mem)
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

rand()
{
	od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

V=$(rand)
printf %s "$V" >"$W/needle"
F=$(secrets <<EOT
{"secrets": {"V": {"value": "$V", "ttl": 3}}}
EOT
)
start_broker -f "$F" || exit 1
memscan "$BPID" <"$W/needle"
is "control: the value is in memory before expiry" "$?" 1
is "the value served" "$("$CELLSEC" get V)" "$V"
sleep 4
is "expired" "$("$CELLSEC" get V 2>&1)" 'cellsec: secret expired'
memscan "$BPID" <"$W/needle"
is "after expiry: the value is nowhere in the parent's memory" "$?" 0
stop_broker

# shutdown: a silent client keeps a child in flight, so the parent lives
# on for up to its -t deadline after TERM
V=$(rand)
printf %s "$V" >"$W/needle"
F=$(secrets <<EOT
{"secrets": {"V": {"value": "$V"}}}
EOT
)
start_broker -t 5 -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
memscan "$BPID" <"$W/needle"
is "control: the value is in memory before TERM" "$?" 1
hold 8 >/dev/null &
HOLDER=$!
wait_for has_children "$BPID"
kill -TERM "$BPID"
wait_for test ! -e "$S"
ok "shutdown begun, the broker still running" kill -0 "$BPID"
memscan "$BPID" <"$W/needle"
is "after TERM: the value is nowhere in the parent's memory" "$?" 0
kill "$HOLDER" 2>/dev/null
stop_broker

# run mode: the command scans its parent once the TTL has run out
V=$(rand)
printf %s "$V" >"$W/needle"
F=$(secrets <<EOT
{"secrets": {"V": {"value": "$V", "ttl": 2}}}
EOT
)
timeout 20 "$CELLSECD" -f "$F" -- /bin/sh -c '
	python3 "$0/memscan.py" $PPID <"$1"
	echo "$?" >"$2.before"
	sleep 3
	python3 "$0/memscan.py" $PPID <"$1"' "$TOP/t" "$W/needle" "$W/run" \
    2>"$W/log"
is "run mode: after expiry the value is nowhere in the broker" "$?" 0
is "run mode control: found before expiry" "$(cat "$W/run.before")" 1

done_testing
