#!/bin/sh
# clients that hang up before the answer do not hurt the broker
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 7
good_broker -v || exit 1
n0=$(fdcount "$BPID")

i=0
while [ $i -lt 50 ]; do
	req K | sendraw --hangup
	printf '{"tok' | sendraw --hangup
	i=$((i + 1))
done
served_ok "100 hang-ups"
settled "100 hang-ups" "$n0"
sig=$(grep -Ei 'signal|core|crash|abort' "$W/log")
is "100 hang-ups: no child died of SIGPIPE" \
    "$(printf '%s\n' "$sig" | grep -c 'signal 13$')" 0
if [ -z "$sig" ]; then
	pass "100 hang-ups: no child died of any signal"
else
	fail "100 hang-ups: no child died of any signal"
	printf '%s\n' "$sig" | sort | sed 's/[0-9][0-9]* killed/N killed/' |
	    uniq -c | sed 's/^/# log: /'
fi
n=$(grep -c 'key "K": ok$' "$W/log")
ok "100 hang-ups: the 50 whole requests were logged (saw $n)" [ "$n" -ge 50 ]

done_testing
