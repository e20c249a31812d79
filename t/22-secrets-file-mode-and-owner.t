#!/bin/sh
# 22: a secrets file open to group or others, or owned by another user,
# is refused with exit 78
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

F=$(secrets <<'EOT'
{"secrets": {"A": "a"}}
EOT
)
chmod 644 "$F"
is "mode 0644: exit 78" "$(start_status -f "$F")" 78
like "mode 0644: message names the file" "$(cat "$W/err")" "^cellsecd: $F: "
chmod 640 "$F"
is "mode 0640: exit 78" "$(start_status -f "$F")" 78
chmod 604 "$F"
is "mode 0604: exit 78" "$(start_status -f "$F")" 78
chmod 620 "$F"
is "mode 0620: exit 78" "$(start_status -f "$F")" 78
chmod 400 "$F"
start_broker -f "$F" || exit 1
is "mode 0400: served" "$("$CELLSEC" get A)" a
stop_broker
chmod 600 "$F"
chown 65534 "$F"
is "owner 65534: exit 78" "$(start_status -f "$F")" 78
like "owner 65534: message names the file" "$(cat "$W/err")" "^cellsecd: $F: "
chown 0 "$F"
is "missing file: exit 78" "$(start_status -f "$W/missing.json")" 78

done_testing
