#!/bin/sh
# 20: an unknown member at the top level or in an entry is refused with
# exit 78 and a FILE:LINE:COLUMN message
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets top.json <<'EOT'
{
	"ttl": 5,
	"celll": "x",
	"secrets": { "A": "a" }
}
EOT
)
is "top level: exit 78" "$(start_status -f "$F")" 78
like "top level: FILE:3:COLUMN, naming the member" "$(cat "$W/err")" \
    "^cellsecd: $F:3:[0-9]+: .*celll"

F=$(secrets entry.json <<'EOT'
{
	"secrets": {
		"A": { "value": "a",
		       "vaule": "b" }
	}
}
EOT
)
is "entry: exit 78" "$(start_status -f "$F")" 78
like "entry: FILE:4:COLUMN: unknown member" "$(cat "$W/err")" \
    "^cellsecd: $F:4:[0-9]+: unknown member \"vaule\"\$"
is "entry: one line on stderr" "$(wc -l <"$W/err")" 1

F=$(secrets deep.json <<'EOT'
{"secrets": {"A": {"command": ["/bin/echo", {"x": 1}]}}}
EOT
)
is "object inside a command array: exit 78" "$(start_status -f "$F")" 78

done_testing
