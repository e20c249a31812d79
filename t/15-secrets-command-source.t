#!/bin/sh
# 15: a command source's stdout, less trailing CR/LF, is the value; a
# command that fails at start stops the broker with exit 1 naming the key
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 12

F=$(secrets <<'EOT'
{"secrets": {
	"P": {"command": ["/usr/bin/printf", "v4lue\r\n\n"]},
	"S": {"command": ["/bin/sh", "-c", "echo out; echo err >&2"]},
	"A": {"command": ["/bin/sh", "-c", "printf '%s|' \"$@\"", "sh",
	    "a b", "$HOME", "*"]},
	"I": {"command": ["/bin/sh", "-c", "cat; echo done"]}
}}
EOT
)
start_broker -f "$F" || exit 1
is "stdout, trailing CR and LF removed" "$("$CELLSEC" get P | hexof)" \
    "$(printf 'v4lue' | hexof)"
is "stderr is not part of the value" "$("$CELLSEC" get S)" out
# shellcheck disable=SC2016
is "argv passed as is, no shell" "$("$CELLSEC" get A)" 'a b|$HOME|*|'
is "stdin is empty" "$("$CELLSEC" get I)" "done"
stop_broker

F=$(secrets bad.json <<'EOT'
{"secrets": {"OK": "fine",
	"FAILING": {"command": ["/bin/sh", "-c", "echo why >&2; exit 3"]}}}
EOT
)
is "non-zero exit at start: exit 1" "$(start_status -f "$F")" 1
like "non-zero exit at start: names the key" "$(cat "$W/err")" FAILING
like "non-zero exit at start: names the status" "$(cat "$W/err")" 3

F=$(secrets bad.json <<'EOT'
{"secrets": {"KILLED": {"command": ["/bin/sh", "-c", "kill -9 $$"]}}}
EOT
)
is "killed by a signal at start: exit 1" "$(start_status -f "$F")" 1
like "killed by a signal at start: names the key" "$(cat "$W/err")" KILLED

F=$(secrets bad.json <<'EOT'
{"secrets": {"GONE": {"command": ["/nonexistent/cmd"]}}}
EOT
)
is "missing command at start: exit 1" "$(start_status -f "$F")" 1
like "missing command at start: names the key" "$(cat "$W/err")" GONE

F=$(secrets bad.json <<'EOT'
{"secrets": {"REL": {"command": ["sh", "-c", "echo x"]}}}
EOT
)
is "relative argv[0]: exit 78" "$(start_status -f "$F")" 78

done_testing
