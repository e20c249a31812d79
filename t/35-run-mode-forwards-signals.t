#!/bin/sh
# shellcheck disable=SC2016
# 35: in run mode TERM and HUP sent to cellsecd reach the command
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)

# forwarded SIG status: the command traps SIG, notes it, exits status
forwarded()
{
	rm -f "$W/got" "$W/ready"
	"$CELLSECD" -f "$F" -- /bin/sh -c '
	    trap "echo $1 >\"$0/got\"; exit $2" "$1"
	    : >"$0/ready"
	    while :; do sleep 0.1; done' "$W" "$1" "$2" 2>"$W/log" &
	BPID=$!
	wait_for test -e "$W/ready"
	kill -s "$1" "$BPID"
	wait "$BPID"
	_rc=$?
	BPID=
	is "$1: cellsecd exits with the command's status" "$_rc" "$2"
	is "$1: the command got it" "$(cat "$W/got" 2>/dev/null)" "$1"
}

forwarded TERM 7
forwarded HUP 8

rm -f "$W/ready"
"$CELLSECD" -f "$F" -- /bin/sh -c 'echo $$ >"$0/ready"; exec sleep 30' "$W" \
    2>"$W/log" &
BPID=$!
wait_for test -s "$W/ready"
sleep 0.2
CMDPID=$(cat "$W/ready")
kill -TERM "$BPID"
wait "$BPID"
is "TERM to an untrapping command: 143" "$?" 143
BPID=
ok "the command is gone" test ! -e "/proc/$CMDPID"

done_testing
