#!/bin/sh
# 31: -q drops the per-request log lines, -v adds lines
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2", "E": {"value": "e", "ttl": 1}}}
EOT
)

# scenario opts...: three connections, an expiry, a stop; the log in $W/log
scenario()
{
	start_broker "$@" -f "$F" || exit 1
	"$CELLSEC" get PW >/dev/null 2>&1
	"$CELLSEC" get NOPE >/dev/null 2>&1
	request '{"key":"PW"}' >/dev/null
	sleep 2
	stop_broker
}

scenario
cp "$W/log" "$W/log.default"
is "default: one line per connection" \
    "$(grep -cE 'uid [0-9]+ pid [0-9]+' "$W/log.default")" 3

scenario -q
is "-q: no per-request lines" "$(grep -cE 'uid [0-9]+ pid [0-9]+' "$W/log")" 0
is "-q: fewer lines than the default" \
    "$(test "$(wc -l <"$W/log")" -lt "$(wc -l <"$W/log.default")" && echo y)" y

scenario -v
is "-v: the per-request lines still there" \
    "$(grep -cE 'uid [0-9]+ pid [0-9]+' "$W/log")" 3
is "-v: more lines than the default" \
    "$(test "$(wc -l <"$W/log")" -gt "$(wc -l <"$W/log.default")" && echo y)" y
like "-v: the expiry is logged" "$(cat "$W/log")" 'secret "E" expired'

done_testing
