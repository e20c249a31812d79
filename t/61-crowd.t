#!/bin/sh
# 2,000 connections from 64 clients at once against -c 4: all answered
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 6
good_broker -c 4 || exit 1
n0=$(fdcount "$BPID")

out=$(python3 "$TOP/t/crowd.py" "$CELLOS_RUNTIME_SECRET_SOCKET" \
    "$CELLOS_RUNTIME_SECRET_TOKEN" K "$GOOD" 64 2000 "$BPID")
is "2000 requests from 64 clients: all answered, none refused" \
    "$(printf '%s\n' "$out" | head -n 1 | sed 's/ maxchildren.*//')" \
    "ok 2000 wrong 0 failed 0"
printf '%s\n' "$out" | sed -n '2,$s/^/# /p'
m=$(printf '%s\n' "$out" | sed -n '1s/.*maxchildren //p')
ok "2000 requests from 64 clients: at most 4 children (saw ${m:-?})" \
    [ "${m:-99}" -le 4 ]
served_ok "2000 requests from 64 clients"
settled "2000 requests from 64 clients" "$n0"

done_testing
