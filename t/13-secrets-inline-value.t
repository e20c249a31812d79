#!/bin/sh
# 13: a bare string and a "value" member are both served as inline values
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 4

F=$(secrets <<'EOT'
{
	"secrets": {
		"BARE": "b4re",
		"OBJ": { "value": "0bj" },
		"ESC": { "value": "\u00e9\t\u20ac" },
		"EMPTYTTL": { "ttl": 60, "value": "withttl" }
	}
}
EOT
)
start_broker -f "$F" || exit 1

is "bare string" "$("$CELLSEC" get BARE)" b4re
is "value member" "$("$CELLSEC" get OBJ)" 0bj
is "escapes decoded" "$("$CELLSEC" get ESC | hexof)" \
    "$(printf '\303\251\t\342\202\254' | hexof)"
is "value with a ttl member" "$("$CELLSEC" get EMPTYTTL)" withttl

done_testing
