#!/bin/sh
# 25: -s listens on the given path, replaces a stale socket, and refuses
# a live broker or a non-socket there
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 12

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
S=$W/my.sock

start_broker -s "$S" -f "$F" || exit 1
is "the announced socket is the -s path" "$CELLOS_RUNTIME_SECRET_SOCKET" "$S"
ok "a socket at the path" test -S "$S"
is "served there" "$("$CELLSEC" get PW)" hunter2

is "a live broker there: refused" "$(start_status -s "$S" -f "$F")" 1
is "the live broker still serves" "$("$CELLSEC" get PW)" hunter2
stop_broker
ok "socket removed at exit" test ! -e "$S"
ok "its directory left alone" test -d "$W"

python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.close()' "$S"
ok "a stale socket is there" test -S "$S"
start_broker -s "$S" -f "$F" || exit 1
is "stale socket replaced and served" "$("$CELLSEC" get PW)" hunter2
stop_broker

echo precious >"$W/plain"
is "a regular file there: refused" "$(start_status -s "$W/plain" -f "$F")" 1
is "the regular file is untouched" "$(cat "$W/plain")" precious
mkdir "$W/adir"
is "a directory there: refused" "$(start_status -s "$W/adir" -f "$F")" 1

done_testing
