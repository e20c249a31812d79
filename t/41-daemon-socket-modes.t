#!/bin/sh
# 41: without -s the socket is broker.sock in a new directory
# $TMPDIR/cellsec-XXXXXXXX of mode 0700, the socket of mode 0600, whatever
# the umask
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
mkdir "$W/tmp"
TMPDIR=$W/tmp
export TMPDIR
umask 000
start_broker -f "$F" || exit 1
umask 077
S=$CELLOS_RUNTIME_SECRET_SOCKET
D=$(dirname "$S")
like "socket path" "$S" "^$W/tmp/cellsec-[A-Za-z0-9]{8}/broker\\.sock\$"
is "directory mode 0700 under umask 000" "$(stat -c %a "$D")" 700
is "socket mode 0600 under umask 000" "$(stat -c %a "$S")" 600
is "directory owned by the broker's uid" "$(stat -c %u "$D")" "$(id -u)"
is "only the socket in the directory" "$(ls -A "$D")" broker.sock
stop_broker
is "TMPDIR empty after stop" "$(ls -A "$W/tmp")" ""

done_testing
