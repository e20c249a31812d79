#!/bin/sh
# 26: -u lets a second user connect; a root broker gives that user the
# socket directory and socket
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"
nobody_tree

plan 14

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -u 65534 -f "$F" || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
D=$(dirname "$S")
is "directory owned by uid 65534" "$(stat -c %u "$D")" 65534
is "socket owned by uid 65534" "$(stat -c %u "$S")" 65534
is "directory mode 0700" "$(stat -c %a "$D")" 700
is "socket mode 0600" "$(stat -c %a "$S")" 600
is "uid 65534 gets the value" "$(nobody "$CELLSEC" get PW)" hunter2
nobody "$CELLSEC" get PW >/dev/null 2>&1
is "uid 65534: exit 0" "$?" 0
is "root still gets the value" "$("$CELLSEC" get PW)" hunter2
stop_broker

start_broker -u nobody -f "$F" || exit 1
is "-u by name: directory owned by nobody" \
    "$(stat -c %u "$(dirname "$CELLOS_RUNTIME_SECRET_SOCKET")")" 65534
is "-u by name: uid 65534 gets the value" "$(nobody "$CELLSEC" get PW)" hunter2
stop_broker

is "-u unknown user: usage error" \
    "$(start_status -u no-such-user-zz -f "$F")" 64

# a broker that is not root opens the socket to all; the uid check
# refuses everyone but itself, root and the -u user
chmod 711 "$W"
mkdir "$W/nb"
chown 65534:65534 "$W/nb"
start_broker_from "$F" "$W/nb/env" setpriv --reuid=65534 --regid=65534 \
    --clear-groups "$CELLSECD" -E "$W/nb/env" -u 65533 -f - || exit 1
as()
{
	_uid=$1
	shift
	setpriv --reuid="$_uid" --regid="$_uid" --clear-groups "$@"
}
is "non-root broker: the -u user gets the value" \
    "$(as 65533 "$CELLSEC" get PW)" hunter2
as 65532 "$CELLSEC" get PW >/dev/null 2>"$W/err"
is "non-root broker: another uid reaches it but is refused" "$?" 1
is "non-root broker: refused as unauthorized" "$(cat "$W/err")" \
    'cellsec: unauthorized'
is "non-root broker: its own uid gets the value" \
    "$(nobody "$CELLSEC" get PW)" hunter2

done_testing
