#!/bin/sh
# 30: -E writes the environment lines to a new file of mode 0600 and
# refuses a file that exists
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
umask 022
"$CELLSECD" -E "$W/env" -f "$F" >"$W/stdout" 2>"$W/log" &
# shellcheck disable=SC2034
BPID=$!
wait_for grep -qs TOKEN "$W/env"
is "envfile mode 0600" "$(stat -c %a "$W/env")" 600
is "nothing on stdout" "$(hexof <"$W/stdout")" ""
like "delivery line" "$(cat "$W/env")" \
    '^CELLOS_SECRET_DELIVERY=runtimeBroker; export CELLOS_SECRET_DELIVERY;$'
re="^CELLOS_RUNTIME_SECRET_SOCKET='/[^']*/broker\\.sock'; "
like "socket line" "$(cat "$W/env")" \
    "${re}export CELLOS_RUNTIME_SECRET_SOCKET;\$"
re='^CELLOS_RUNTIME_SECRET_TOKEN=[0-9a-f-]{36}; '
like "token line" "$(cat "$W/env")" \
    "${re}export CELLOS_RUNTIME_SECRET_TOKEN;\$"
. "$W/env"
is "the sourced file works" "$("$CELLSEC" get PW)" hunter2
stop_broker

echo old >"$W/exists"
is "an existing envfile: refused" "$(timeout 5 "$CELLSECD" -E "$W/exists" \
    -f "$F" </dev/null >/dev/null 2>&1; echo $?)" 1
is "the existing file is untouched" "$(cat "$W/exists")" old
ln -s "$W/nowhere" "$W/dangling"
timeout 5 "$CELLSECD" -E "$W/dangling" -f "$F" </dev/null >/dev/null 2>&1
ok "a dangling symlink is not followed" test ! -e "$W/nowhere"

done_testing
