#!/bin/sh
# deep nesting: a bad request within 4096 bytes, too long past them
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 20
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
BAD='{"error":"bad request"}'

brackets()
{
	head -c "$1" /dev/zero | tr '\0' '['
}

{ brackets 4000; echo; } >"$W/r"
hostile "4000 [ alone" "$BAD" <"$W/r"
{
	printf '{"token":"%s","key":"K","x":' "$T"
	brackets 4000
	echo
} >"$W/r"
hostile "4000 [ in a member" "$BAD" <"$W/r"
objects()
{
	printf '{"token":"%s","key":"K"' "$T"
	i=0
	while [ $i -lt 500 ]; do
		printf ',"a":{'
		i=$((i + 1))
	done
	echo
}

objects >"$W/r"
hostile "500 nested objects" "$BAD" <"$W/r"
# 10,000 bytes is past the 4096-byte limit, which is checked first
{ brackets 10000; echo; } >"$W/r"
hostile "10000 [" '{"error":"request too long"}' <"$W/r"

done_testing
