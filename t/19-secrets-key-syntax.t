#!/bin/sh
# 19: keys are 1 to 255 bytes of A-Z a-z 0-9 . _ - / : @ +; any other key
# stops the broker at start with exit 78
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 11

K255=$(head -c 255 /dev/zero | tr '\0' k)
K256=$(head -c 256 /dev/zero | tr '\0' k)

F=$(secrets <<EOT
{"secrets": {"$K255": "long", "Az09._-/:@+": "punct"}}
EOT
)
start_broker -f "$F" || exit 1
is "255-byte key served" "$("$CELLSEC" get "$K255")" long
is "every allowed character" "$("$CELLSEC" get 'Az09._-/:@+')" punct
stop_broker

badkey()
{
	F=$(secrets bad.json <<EOT
{"secrets": {"OK": "fine", $2: "x"}}
EOT
)
	is "$1: exit 78" "$(start_status -f "$F")" 78
}

badkey "256-byte key" "\"$K256\""
badkey "empty key" '""'
badkey "space" '"A B"'
badkey "equals sign" '"A=B"'
badkey "quote" '"A\"B"'
badkey "non-ASCII" '"caf\u00e9"'
badkey "control byte" '"A\tB"'
badkey "backslash" '"A\\B"'
badkey "NUL" '"A\u0000B"'

done_testing
