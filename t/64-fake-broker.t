#!/bin/sh
# cellsec refuses an answer that is not a whole valid response
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 19
F=$W/fake.sock
TOKEN=01234567-89ab-4cde-8f01-23456789abcd

# fake desc reply: serve reply once, run cellsec get K against it
fake()
{
	printf '%s' "$2" >"$W/reply"
	rm -f "$F" "$W/ready"
	python3 "$TOP/t/fakebroker.py" "$F" "$W/reply" "$W/ready" &
	_fp=$!
	wait_for test -e "$W/ready"
	CELLOS_RUNTIME_SECRET_SOCKET=$F CELLOS_RUNTIME_SECRET_TOKEN=$TOKEN \
	    "$CELLSEC" get K >"$W/out" 2>"$W/err"
	_rc=$?
	kill "$_fp" 2>/dev/null
	wait "$_fp" 2>/dev/null
	is "$1: exit 2" "$_rc" 2
	[ "$_rc" -eq 2 ] || sed 's/^/# stderr: /' "$W/err"
	is "$1: nothing on stdout" "$(od -An -c "$W/out")" ""
	like "$1: an error on stderr" "$(cat "$W/err")" '^cellsec: .'
}

fake 'half a line {"val' '{"val'
fake "empty close" ""
fake "not JSON" 'HTTP/1.0 200 OK
'
fake "value not a string" '{"value":1}
'
fake "value then garbage" '{"value":"x"}x
'
fake "half an error line" '{"error":"unauth'

rm -f "$F"
CELLOS_RUNTIME_SECRET_SOCKET=$F CELLOS_RUNTIME_SECRET_TOKEN=$TOKEN \
    "$CELLSEC" get K >/dev/null 2>&1
is "no broker at all: exit 2" "$?" 2

done_testing
