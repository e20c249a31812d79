#!/bin/sh
# shellcheck disable=SC2016
# 33: in run mode the command gets the environment and can get secrets
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
PATH=$TOP:$PATH
export PATH

out=$(timeout 10 "$CELLSECD" -f "$F" -- sh -c 'cellsec get PW' 2>"$W/log")
is "exit 0" "$?" 0
is "the command's output is the value" "$out" hunter2

timeout 10 "$CELLSECD" -f "$F" -- sh -c 'printf "%s\n" \
    "$CELLOS_SECRET_DELIVERY" "$CELLOS_RUNTIME_SECRET_SOCKET" \
    "$CELLOS_RUNTIME_SECRET_TOKEN" "${CELLSECD_PID-unset}"' \
    >"$W/vars" 2>"$W/log"
is "CELLOS_SECRET_DELIVERY" "$(sed -n 1p "$W/vars")" runtimeBroker
like "CELLOS_RUNTIME_SECRET_SOCKET absolute" "$(sed -n 2p "$W/vars")" \
    '^/.*/broker\.sock$'
like "CELLOS_RUNTIME_SECRET_TOKEN a UUID v4" "$(sed -n 3p "$W/vars")" \
    '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

out=$(timeout 10 "$CELLSECD" -f "$F" -- /bin/echo arg1 'arg 2' 2>"$W/log")
is "arguments passed as they are" "$out" 'arg1 arg 2'
out=$(echo from-stdin | timeout 10 "$CELLSECD" -f "$F" -- /bin/cat 2>"$W/log")
is "the command keeps stdin" "$out" from-stdin

done_testing
