#!/bin/sh
# 81: a connection child holds no descriptor but its connection and
# stderr, whatever the broker was started with, in daemon mode and in run
# mode (where the broker keeps its descriptors for the command)
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 5

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)

# fds pid: the child's descriptors, one "fd -> target" a line
fds()
{
	for f in /proc/"$1"/fd/*; do
		printf '%s -> %s\n' "${f##*/}" "$(readlink "$f")"
	done
}

exec 7</dev/null
start_broker -f "$F" || exit 1
hold 3 >/dev/null &
HOLDER=$!
wait_for has_children "$BPID"
C=$(children "$BPID" | awk '{ print $1 }')
sleep 0.2
got=$(fds "$C")
is "daemon mode: two descriptors" "$(printf '%s\n' "$got" | wc -l)" 2
like "daemon mode: the socket as fd 0, and stderr" "$(printf '%s\n' "$got" |
    tr '\n' ' ')" '^0 -> socket:[^ ]+ 2 -> '
kill "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
stop_broker

# run mode: the command holds a connection open while the test looks
rm -f "$W/env"
"$CELLSECD" -E "$W/env" -f "$F" -- sh -c "
	python3 '$TOP/t/hold.py' \"\$CELLOS_RUNTIME_SECRET_SOCKET\" 3 \
	    >/dev/null; [ -e /proc/self/fd/7 ]" >"$W/out" 2>"$W/log" &
BPID=$!
announced "$W/env" || exit 1

# conn pid: the child of pid that runs cellsecd, not the command
conn()
{
	for p in $(children "$1"); do
		[ "$(readlink "/proc/$p/exe")" = "$(readlink -f "$CELLSECD")" ] &&
		    echo "$p"
	done
}
has_conn()
{
	[ -n "$(conn "$BPID")" ]
}
wait_for has_conn
C=$(conn "$BPID" | head -n 1)
sleep 0.2
got=$(fds "$C")
is "run mode: two descriptors" "$(printf '%s\n' "$got" | wc -l)" 2
like "run mode: the socket as fd 0, and stderr" "$(printf '%s\n' "$got" |
    tr '\n' ' ')" '^0 -> socket:[^ ]+ 2 -> '
wait "$BPID"
is "run mode: the command got the descriptor the broker was given" "$?" 0
BPID=

done_testing
