#!/bin/sh
# 27: with -c 1, a second client waits while one connection is served and
# is answered once it finishes, not dropped
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 5

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -c 1 -t 3 -f "$F" || exit 1

hold 10 >"$W/first" &
HOLDER=$!
wait_for has_children "$BPID"
"$CELLSEC" get PW >"$W/second" 2>&1 &
GETPID=$!
sleep 1
ok "the second client waits while the first holds the only slot" \
    kill -0 "$GETPID"
wait "$GETPID"
is "the second client: exit 0" "$?" 0
is "the second client got the value" "$(cat "$W/second")" hunter2
wait "$HOLDER"
like "the first connection was closed at its deadline" \
    "$(head -n 1 "$W/first")" \
    '^closed [2-4]\.'
is "a third client served at once" "$("$CELLSEC" get PW)" hunter2

done_testing
