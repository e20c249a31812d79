#!/bin/sh
# -s: a stale socket is replaced, a live one is not
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 13
S=$W/b.sock

good_broker -s "$S" || exit 1
served_ok "first broker"
kill -KILL "$BPID"
wait "$BPID" 2>/dev/null
BPID=
ok "SIGKILL leaves a stale socket" test -S "$S"

good_broker -s "$S"
ok "restart on the stale socket" test -n "$BPID"
served_ok "restarted broker"

timeout 10 "$CELLSECD" -E "$W/env2" -f "$W/good.json" -s "$S" \
    </dev/null >/dev/null 2>"$W/log2"
rc=$?
ok "second broker on a live socket: non-zero exit (got $rc)" \
    [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]
is "second broker on a live socket: one line on stderr" \
    "$(wc -l <"$W/log2" | tr -d ' ')" 1
sed 's/^/# /' "$W/log2"
ok "second broker on a live socket: nothing announced" test ! -e "$W/env2"
ok "second broker on a live socket: socket left in place" test -S "$S"
served_ok "first broker after the second was refused"
req K | python3 "$TOP/t/send.py" "$S" >/dev/null
ok "first broker after the second was refused: still running" \
    kill -0 "$BPID"

done_testing
