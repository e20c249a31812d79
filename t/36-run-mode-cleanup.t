#!/bin/sh
# shellcheck disable=SC2016
# 36: in run mode the socket and its directory are gone once the command
# has exited, however it ended
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
mkdir "$W/tmp"
TMPDIR="$W/tmp"
export TMPDIR

timeout 10 "$CELLSECD" -f "$F" -- /bin/sh -c \
    'printf %s "$CELLOS_RUNTIME_SECRET_SOCKET" >"$0/sock"' "$W" 2>"$W/log"
S=$(cat "$W/sock")
like "the socket was in TMPDIR" "$S" "^$W/tmp/cellsec-[^/]+/broker\\.sock\$"
ok "normal exit: socket removed" test ! -e "$S"
ok "normal exit: directory removed" test ! -e "$(dirname "$S")"

timeout 10 "$CELLSECD" -f "$F" -- /bin/sh -c \
    'printf %s "$CELLOS_RUNTIME_SECRET_SOCKET" >"$0/sock"; kill -9 $$' "$W" \
    2>"$W/log"
S=$(cat "$W/sock")
ok "command killed: directory removed" test ! -e "$(dirname "$S")"

timeout 10 "$CELLSECD" -f "$F" -- /bin/sh -c \
    'printf %s "$CELLOS_RUNTIME_SECRET_SOCKET" >"$0/sock"; exit 9' "$W" \
    2>"$W/log"
S=$(cat "$W/sock")
ok "command failed: directory removed" test ! -e "$(dirname "$S")"

timeout 10 "$CELLSECD" -f "$F" -- "$W/not-there" 2>"$W/log"
is "command not found: TMPDIR empty" "$(ls -A "$W/tmp")" ""
is "no child left behind" "$(pgrep -P $$ -c cellsecd)" 0

done_testing
