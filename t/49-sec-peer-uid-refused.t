#!/bin/sh
# 49: a peer of another uid gets unauthorized even with the token and a
# socket opened up by hand, and it is logged
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"
nobody_tree

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
chmod 755 "$(dirname "$S")"
chmod 666 "$S"

nobody "$CELLSEC" get PW >"$W/out" 2>"$W/err"
is "uid 65534 with the token: exit 1" "$?" 1
is "uid 65534 with the token: unauthorized" "$(cat "$W/err")" \
    'cellsec: unauthorized'
is "uid 65534 with the token: no value" "$(cat "$W/out")" ""
like "logged as unauthorized (uid)" "$(cat "$W/log")" \
    '^cellsecd: cell cell: uid 65534 pid [0-9]+: unauthorized \(uid\)$'
is "uid 65534, raw request: unauthorized" \
    "$(printf '{"token":"%s","key":"PW"}\n' "$CELLOS_RUNTIME_SECRET_TOKEN" |
    nobody /usr/bin/python3 "$NB/t/send.py" "$S")" '{"error":"unauthorized"}'
is "uid 65534, malformed request: unauthorized, not parsed" \
    "$(printf '{"key":\n' | nobody /usr/bin/python3 "$NB/t/send.py" "$S")" \
    '{"error":"unauthorized"}'
is "root still served" "$("$CELLSEC" get PW)" hunter2

done_testing
