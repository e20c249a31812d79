#!/bin/sh
# 01: cellsec get writes exactly the value's bytes, no newline, and exits 0
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {
	"PW": "hunter2",
	"ML": "line1\nline2\n",
	"U": "caf\u00e9 \"q\" \\ /"
}}
EOT
)
start_broker -f "$F" || exit 1

is "value bytes, no newline added" "$("$CELLSEC" get PW | hexof)" \
    "$(printf 'hunter2' | hexof)"
"$CELLSEC" get PW >/dev/null 2>"$W/err"
is "exit status 0" "$?" 0
is "nothing on stderr" "$(cat "$W/err")" ""
is "embedded and trailing newlines kept" "$("$CELLSEC" get ML | hexof)" \
    "$(printf 'line1\nline2\n' | hexof)"
is "escapes and UTF-8 decoded to raw bytes" \
    "$("$CELLSEC" get U | hexof)" \
    "$(printf 'caf\303\251 "q" \\ /' | hexof)"
is "stdout empty on a failed get" \
    "$("$CELLSEC" get NOPE 2>/dev/null | hexof)" ""

done_testing
