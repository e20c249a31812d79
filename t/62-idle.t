#!/bin/sh
# 200 idle connections are all cut at the -t deadline
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 6
good_broker -t 2 || exit 1
n0=$(fdcount "$BPID")

# 32 at once by default: 7 rounds of 2 s
out=$(python3 "$TOP/t/idle.py" "$CELLOS_RUNTIME_SECRET_SOCKET" 200 40)
is "200 idle connections: all closed with no answer" \
    "$(printf '%s\n' "$out" | sed 's/ min.*//')" "closed 200 data 0 open 0"
min=$(printf '%s\n' "$out" | sed -n 's/.* min \([0-9.]*\).*/\1/p')
max=$(printf '%s\n' "$out" | sed -n 's/.* max \([0-9.]*\).*/\1/p')
ok "200 idle connections: none cut before the deadline ($min s..$max s)" \
    awk -v a="${min:-0}" -v b="${max:-99}" \
    'BEGIN { exit !(a >= 1.5 && b < 25) }'
served_ok "200 idle connections"
settled "200 idle connections" "$n0"

done_testing
