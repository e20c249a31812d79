#!/bin/sh
# 24: -f - reads the secrets file from stdin, exempt from the mode check
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 4

F=$(secrets <<'EOT'
{"secrets": {"PW": "fr0m-stdin"}}
EOT
)
chmod 644 "$F"
start_broker_from "$F" "$W/env" "$CELLSECD" -E "$W/env" -f - || exit 1
is "served from stdin" "$("$CELLSEC" get PW)" fr0m-stdin
stop_broker

F=$(secrets bad.json <<'EOT'
{
	"secrets": {"PW": "x"},
	"bogus": 1
}
EOT
)
timeout 5 "$CELLSECD" -E "$W/env2" -f - <"$F" 2>"$W/err"
is "error from stdin: exit 78" "$?" 78
like "error from stdin: named -:LINE:COLUMN" "$(cat "$W/err")" \
    '^cellsecd: -:3:[0-9]+: '
timeout 5 "$CELLSECD" -E "$W/env3" -f - </dev/null 2>"$W/err"
is "empty stdin: exit 78" "$?" 78

done_testing
