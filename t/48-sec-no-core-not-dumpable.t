#!/bin/sh
# 48: the broker itself has RLIMIT_CORE 0 and is not dumpable
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 5

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
# started with an unlimited core size, which the broker must lower
start_broker_from /dev/null "$W/env" prlimit --core=unlimited "$CELLSECD" \
    -E "$W/env" -f "$F" || exit 1
like "root broker: core limit 0" \
    "$(grep '^Max core file size' "/proc/$BPID/limits")" \
    '^Max core file size +0 +0 +bytes'
stop_broker

# as uid 65534, a dumpable process's /proc/PID would be owned by 65534
start_broker_nobody "$F" || exit 1
like "the broker runs as uid 65534" "$(cat "/proc/$BPID/status")" \
    '^Uid:[[:space:]]+65534[[:space:]]'
is "not dumpable: /proc/PID/status owned by root" \
    "$(stat -c %u "/proc/$BPID/status")" 0
ok "uid 65534 cannot read the broker's environ" \
    test -z "$(nobody head -c 1 "/proc/$BPID/environ" 2>/dev/null)"
like "uid 65534 broker: core limit 0" \
    "$(grep '^Max core file size' "/proc/$BPID/limits")" \
    '^Max core file size +0 +0 +bytes'

done_testing
