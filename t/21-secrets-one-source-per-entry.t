#!/bin/sh
# 21: an entry has exactly one of value, file, command, env
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 5

entry()
{
	F=$(secrets bad.json <<EOT
{"secrets": {"OK": "fine", "K": $2}}
EOT
)
	is "$1: exit 78" "$(start_status -f "$F")" 78
}

entry "value and file" '{"value": "a", "file": "/etc/hostname"}'
entry "command and env" '{"command": ["/bin/echo"], "env": "HOME"}'
entry "no source" '{"ttl": 5}'
entry "value not a string" '{"value": 5}'
entry "command not an array" '{"command": "/bin/echo"}'

done_testing
