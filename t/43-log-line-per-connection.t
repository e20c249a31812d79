#!/bin/sh
# 43: each connection logs one line with the key (made safe), the peer's
# uid and pid, and the outcome
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2", "E": {"value": "e", "ttl": 1}}}
EOT
)
start_broker -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
like "startup line" "$(cat "$W/log")" \
    "^cellsecd: cell cell: serving 2 secrets on $S\$"

# get key: run cellsec get key, print its pid
get()
{
	sh -c 'echo $$; exec "$0" get "$1" >/dev/null 2>&1' "$CELLSEC" "$1"
}

P=$(get PW)
like "ok line" "$(cat "$W/log")" \
    "^cellsecd: cell cell: uid 0 pid $P key \"PW\": ok\$"
P=$(get NOPE)
like "unknown key line" "$(cat "$W/log")" \
    "^cellsecd: cell cell: uid 0 pid $P key \"NOPE\": unknown secret key\$"
P=$(export CELLOS_RUNTIME_SECRET_TOKEN=00000000-0000-4000-8000-000000000000
    get PW)
like "unauthorized line" "$(cat "$W/log")" \
    "^cellsecd: cell cell: uid 0 pid $P key \"PW\": unauthorized\$"
request '{"key":"PW"}' >/dev/null
like "bad request line" "$(cat "$W/log")" \
    '^cellsecd: cell cell: uid 0 pid [0-9]+: bad request$'
sleep 2
P=$(get E)
like "expired line" "$(cat "$W/log")" \
    "^cellsecd: cell cell: uid 0 pid $P key \"E\": secret expired\$"
"$CELLSEC" get "$(printf 'a\033[2Jb\tc')" >/dev/null 2>&1
like "control bytes made safe" "$(cat "$W/log")" \
    'key "a\\033\[2Jb\\tc": unknown secret key$'
is "no raw escape byte in the log" "$(tr -dc '\033' <"$W/log" | wc -c)" 0
is "one line per connection" \
    "$(grep -cE '^cellsecd: cell cell: uid [0-9]+ pid [0-9]+' "$W/log")" 6

done_testing
