#!/bin/sh
# 02: an error response makes cellsec print "cellsec: <message>" and exit 1
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1

"$CELLSEC" get NOPE >"$W/out" 2>"$W/err"
is "unknown key: exit 1" "$?" 1
is "unknown key: message on stderr" "$(cat "$W/err")" \
    'cellsec: unknown secret key "NOPE"'
is "unknown key: nothing on stdout" "$(hexof <"$W/out")" ""

CELLOS_RUNTIME_SECRET_TOKEN=00000000-0000-4000-8000-000000000000 \
    "$CELLSEC" get PW >"$W/out" 2>"$W/err"
is "wrong token: exit 1" "$?" 1
is "wrong token: message on stderr" "$(cat "$W/err")" 'cellsec: unauthorized'
is "wrong token: nothing on stdout" "$(hexof <"$W/out")" ""

done_testing
