#!/bin/sh
# 39: HUP in daemon mode re-reads the secrets file: changed, added and
# removed entries take effect, and TTLs start again
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

F=$(secrets <<'EOT'
{"secrets": {"PW": "old-value", "GONE": "g", "E": {"value": "e", "ttl": 1}}}
EOT
)
start_broker -f "$F" || exit 1
is "old value served" "$("$CELLSEC" get PW)" old-value
sleep 2
is "E expired before the reload" "$("$CELLSEC" get E 2>&1)" \
    'cellsec: secret expired'

secrets <<'EOT' >/dev/null
{"secrets": {"PW": "new-value", "ADDED": "a", "E": {"value": "e", "ttl": 1}}}
EOT
kill -HUP "$BPID"

get_pw_is_new()
{
	[ "$("$CELLSEC" get PW 2>/dev/null)" = new-value ]
}
ok "changed value served after HUP" wait_for get_pw_is_new
is "added key served" "$("$CELLSEC" get ADDED)" a
is "removed key unknown" "$("$CELLSEC" get GONE 2>&1)" \
    'cellsec: unknown secret key "GONE"'
is "E served again: its TTL started again" "$("$CELLSEC" get E 2>&1)" e
ok "the broker is still running" kill -0 "$BPID"
is "the token did not change" \
    "$(grep -c "$CELLOS_RUNTIME_SECRET_TOKEN" "$W/env")" 1

done_testing
