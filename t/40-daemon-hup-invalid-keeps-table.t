#!/bin/sh
# 40: a secrets file that is invalid on HUP leaves the old table in place
# and the error is logged
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

F=$(secrets <<'EOT'
{"secrets": {"PW": "old-value"}}
EOT
)
start_broker -f "$F" || exit 1

secrets <<'EOT' >/dev/null
{
	"secrets": {
		"PW": { "vaule": "new-value" }
	}
}
EOT
kill -HUP "$BPID"
logged() { grep -q 'unknown member' "$W/log"; }
ok "the error is logged" wait_for logged
like "the error names FILE:LINE:COLUMN" "$(cat "$W/log")" \
    "$F:3:[0-9]+: unknown member \"vaule\""
is "the old value still served" "$("$CELLSEC" get PW)" old-value
ok "the broker is still running" kill -0 "$BPID"

secrets <<'EOT' >/dev/null
{"secrets": {"PW": "new-value",
	"BAD": {"command": ["/bin/sh", "-c", "exit 4"]}}}
EOT
kill -HUP "$BPID"
sleep 1
is "a failing source on HUP: old value still served" "$("$CELLSEC" get PW)" \
    old-value
is "a failing source on HUP: new key not served" "$("$CELLSEC" get BAD 2>&1)" \
    'cellsec: unknown secret key "BAD"'

secrets <<'EOT' >/dev/null
{"secrets": {"PW": "new-value"}}
EOT
chmod 644 "$F"
kill -HUP "$BPID"
sleep 1
is "mode 0644 on HUP: old value still served" "$("$CELLSEC" get PW)" old-value

chmod 600 "$F"
kill -HUP "$BPID"
get_pw_is_new()
{
	[ "$("$CELLSEC" get PW 2>/dev/null)" = new-value ]
}
ok "a valid file later is taken" wait_for get_pw_is_new
ok "the broker is still running" kill -0 "$BPID"

done_testing
