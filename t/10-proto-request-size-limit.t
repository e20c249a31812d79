#!/bin/sh
# 10: 4096 bytes, newline included, is served; 4097 gets request too long
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
V='{"value":"hunter2"}'
L='{"error":"request too long"}'

# padded n: a request of exactly n bytes before any newline, padded with
# an ignored unknown member
padded()
{
	_base="{\"token\":\"$T\",\"key\":\"PW\",\"pad\":\"\"}"
	_pad=$(($1 - ${#_base}))
	printf '{"token":"%s","key":"PW","pad":"%s"}' "$T" \
	    "$(head -c "$_pad" /dev/zero | tr '\0' x)"
}

is "4096 bytes with the newline: length" "$( (padded 4095; echo) | wc -c)" 4096
is "4096 bytes with the newline: served" \
    "$( (padded 4095; echo) | send_raw)" "$V"
is "4097 bytes with the newline: too long" \
    "$( (padded 4096; echo) | send_raw)" "$L"
is "4096 bytes ended by EOF: served" "$(padded 4096 | send_raw)" "$V"
is "4097 bytes ended by EOF: too long" "$(padded 4097 | send_raw)" "$L"
is "1 MiB line: too long" "$( (padded 1048576; echo) | send_raw)" "$L"
is "the broker still serves" \
    "$(request "{\"token\":\"$T\",\"key\":\"PW\"}")" "$V"

done_testing
