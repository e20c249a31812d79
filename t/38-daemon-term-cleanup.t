#!/bin/sh
# 38: in daemon mode TERM and INT stop the broker with exit 0 and remove
# the socket and its directory
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)

start_broker -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
kill -TERM "$BPID"
wait "$BPID"
is "TERM: exit 0" "$?" 0
BPID=
ok "TERM: socket removed" test ! -e "$S"
ok "TERM: directory removed" test ! -e "$(dirname "$S")"

# a background job starts with INT ignored; give cellsecd the default
start_broker_from /dev/null "$W/env" python3 -c '
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$CELLSECD" -E "$W/env" -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
is "served before INT" "$("$CELLSEC" get PW)" hunter2
kill -INT "$BPID"
wait "$BPID"
is "INT: exit 0" "$?" 0
BPID=
ok "INT: directory removed" test ! -e "$(dirname "$S")"

start_broker -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
hold 10 >/dev/null &
HOLDER=$!
wait_for has_children "$BPID"
kill -TERM "$BPID"
wait_for test ! -e "$S"
ok "TERM with a connection in flight: socket removed at once" test ! -e "$S"
wait "$BPID"
is "TERM with a connection in flight: exit 0 after it" "$?" 0
BPID=
kill "$HOLDER" 2>/dev/null

done_testing
