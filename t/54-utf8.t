#!/bin/sh
# invalid UTF-8 anywhere in a request, and lone surrogates, are bad requests
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 65
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
BAD='{"error":"bad request"}'

# bytes: overlong "/" (2 and 3 bytes), a UTF-16 surrogate, U+110000,
# and a byte that never starts a sequence
for c in 'overlong C0 AF:\300\257' \
    'overlong E0 80 AF:\340\200\257' \
    'surrogate ED A0 80:\355\240\200' \
    'U+110000 F4 90 80 80:\364\220\200\200' \
    'F5 byte:\365\200\200\200'; do
	name=${c%%:*}
	bytes=${c#*:}
	# shellcheck disable=SC2059
	printf "{\"token\":\"%s\",\"key\":\"K$bytes\"}\n" "$T" >"$W/r"
	hostile "$name in key" "$BAD" <"$W/r"
	# shellcheck disable=SC2059
	printf "{\"token\":\"%s\",\"key\":\"K\",\"note\":\"$bytes\"}\n" "$T" \
	    >"$W/r"
	hostile "$name in an ignored member" "$BAD" <"$W/r"
done

printf '{"token":"%s","key":"K\\ud800"}\n' "$T" >"$W/r"
hostile "lone \\ud800 escape in key" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K\\udc00x"}\n' "$T" >"$W/r"
hostile "lone \\udc00 escape in key" "$BAD" <"$W/r"
printf '{"token":"%s","key":"K","note":"\\ud800"}\n' "$T" >"$W/r"
hostile "lone \\ud800 escape in an ignored member" "$BAD" <"$W/r"

done_testing
