#!/bin/sh
# 80: systemd LoadCredential=: a root peer on "@<hex>/unit/<unit>/<id>"
# that sends only EOF gets the raw value of a "systemd": true key
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"
nobody_tree

plan 13

cred()
{
	python3 "$TOP/t/credential.py" "$CELLOS_RUNTIME_SECRET_SOCKET" "$@"
}

printf 'f1le\n' >"$W/cred"
SNAP=$(secrets snap.json <<'EOT'
{
	"secrets": {
		"DB": { "value": "sd-v4lue", "systemd": true },
		"OFF": { "value": "n0t-for-systemd", "systemd": false },
		"PLAIN": "pl4in",
		"GONE": { "value": "sh0rt", "systemd": true, "ttl": 1 }
	}
}
EOT
)
LEASED=$(secrets leased.json <<EOT
{
	"secrets": {
		"DB": { "value": "sd-v4lue", "systemd": true },
		"OFF": { "value": "n0t-for-systemd", "systemd": false },
		"PLAIN": "pl4in",
		"FILE": { "file": "$W/cred", "systemd": true }
	}
}
EOT
)

for mode in snapshot leased; do
	if [ $mode = leased ]; then
		start_broker -L -f "$LEASED" || exit 1
	else
		start_broker -f "$SNAP" || exit 1
	fi
	is "$mode: raw value, no framing" "$(cred DB | hexof)" \
	    "$(printf sd-v4lue | hexof)"
	is "$mode: systemd false gets an empty close" "$(cred OFF | hexof)" ""
	is "$mode: no systemd member gets an empty close" \
	    "$(cred PLAIN | hexof)" ""
	is "$mode: unknown key gets an empty close" "$(cred NOPE | hexof)" ""
	[ $mode = leased ] && is "leased: the file source is resolved" \
	    "$(cred FILE)" f1le
	stop_broker
done

start_broker -f "$SNAP" || exit 1
cred DB >/dev/null
sleep 2
is "expired: an empty close" "$(cred GONE | hexof)" ""
like "the log tells a credential apart" "$(cat "$W/log")" \
    'key "DB": ok \(credential\)'
is "a root peer sending a request gets JSON" \
    "$(req PLAIN "$CELLOS_RUNTIME_SECRET_TOKEN" | send_raw)" \
    '{"value":"pl4in"}'
# a peer that is not root gets the JSON protocol, whatever its address
chmod 711 "$(dirname "$CELLOS_RUNTIME_SECRET_SOCKET")"
chmod 666 "$CELLOS_RUNTIME_SECRET_SOCKET"
is "a non-root peer is not served a credential" \
    "$(nobody /usr/bin/python3 "$NB/t/credential.py" \
    "$CELLOS_RUNTIME_SECRET_SOCKET" DB)" '{"error":"unauthorized"}'
stop_broker

done_testing
