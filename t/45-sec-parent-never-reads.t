#!/bin/sh
# 45: the broker's parent process never reads from a client: only its
# children do
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 6

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN

# rchar of the parent's own thread: /proc/PID/io would add in the reaped
# children's reads
rchar()
{
	sed -n 's/^rchar: //p' "/proc/$BPID/task/$BPID/io"
}

strace -qq -yy -e trace=read,readv,recvfrom,recvmsg,pread64,accept,accept4 \
    -o "$W/trace" -p "$BPID" 2>"$W/strace.err" &
TRACER=$!
sleep 1
before=$(rchar)
is "a good request served" "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" \
    '{"value":"hunter2"}'
head -c 1048576 /dev/zero | tr '\0' x | send_raw >"$W/big"
is "a 1 MiB request refused by a child" "$(cat "$W/big")" \
    '{"error":"request too long"}'
after=$(rchar)
sleep 0.5
kill "$TRACER"
wait "$TRACER" 2>/dev/null

ok "the parent read under 4096 bytes meanwhile ($before -> $after)" \
    test $((after - before)) -lt 4096
accepts=$(grep -cE '^accept4?\(' "$W/trace")
ok "strace saw the parent accept the connections ($accepts)" \
    test "$accepts" -ge 2
is "the parent made no read from a socket" \
    "$(grep -E '^(read|readv|recvfrom|recvmsg|pread64)\([0-9]+<(socket|UNIX)' \
    "$W/trace")" ""
is "the broker still serves" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" '{"value":"hunter2"}'

done_testing
