#!/bin/sh
# 46: a connection child is sandboxed before it reads: seccomp filter mode,
# no new privileges, no core dumps, not dumpable
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
# as uid 65534, so that the owner of /proc/PID shows dumpability
start_broker_nobody "$F" -t 5 || exit 1

hold 4 >/dev/null &
HOLDER=$!
wait_for has_children "$BPID"
C=$(children "$BPID" | awk '{ print $1 }')
sleep 0.3
st=$(cat "/proc/$C/status")
like "the child runs as uid 65534" "$st" '^Uid:[[:space:]]+65534[[:space:]]'
like "Seccomp: 2" "$st" '^Seccomp:[[:space:]]+2$'
like "NoNewPrivs: 1" "$st" '^NoNewPrivs:[[:space:]]+1$'
like "core limit 0" "$(grep '^Max core file size' "/proc/$C/limits")" \
    '^Max core file size +0 +0 +bytes'
is "not dumpable: /proc/CHILD/status owned by root" \
    "$(stat -c %u "/proc/$C/status")" 0
ok "uid 65534 cannot read the child's memory" \
    test -z "$(nobody head -c 1 "/proc/$C/environ" 2>/dev/null)"
wait "$HOLDER"
is "the broker still serves" "$("$CELLSEC" get PW)" hunter2

done_testing
