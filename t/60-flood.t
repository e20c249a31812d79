#!/bin/sh
# 10,000 bad requests leave the parent's memory, descriptors and children
# as they were
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 6
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
S=$CELLOS_RUNTIME_SECRET_SOCKET

# warm up: the first connections may grow the heap once
python3 "$TOP/t/flood.py" "$S" "$T" 500 >/dev/null
wait_for no_zombies "$BPID"
n0=$(fdcount "$BPID")
r0=$(rsskb "$BPID")

out=$(python3 "$TOP/t/flood.py" "$S" "$T" 10000)
is "10000 bad requests: each answered as it should be" \
    "$(printf '%s\n' "$out" | head -n 1)" \
    "sent 10000 answered 10000 wrong 0 failed 0"
printf '%s\n' "$out" | sed -n '2,$s/^/# /p'

wait_for no_zombies "$BPID"
r1=$(rsskb "$BPID")
ok "10000 bad requests: VmRSS flat ($r0 kB -> $r1 kB)" \
    [ $((r1 - r0)) -lt 256 ]
served_ok "10000 bad requests"
settled "10000 bad requests" "$n0"

done_testing
