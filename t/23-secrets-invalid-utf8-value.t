#!/bin/sh
# 23: a value that is not valid UTF-8 or holds a NUL byte is refused
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

printf 'ab\377cd' >"$W/ff"
printf 'ab\000cd' >"$W/nul"
printf 'ab\300\200' >"$W/overlong"

src()
{
	F=$(secrets bad.json <<EOT
{"secrets": {"OK": "fine", "$2": $3}}
EOT
)
	is "$1: exit 1" "$(start_status -f "$F")" 1
	like "$1: names the key" "$(cat "$W/err")" "$2"
}

src "file with byte FF" FFKEY "{\"file\": \"$W/ff\"}"
src "file with a NUL byte" NULKEY "{\"file\": \"$W/nul\"}"
src "file with overlong C0 80" OVERKEY "{\"file\": \"$W/overlong\"}"
src "command printing a surrogate" SURKEY \
    '{"command": ["/usr/bin/printf", "\\355\\240\\200"]}'

printf '{"secrets": {"RAW": "a\377b"}}\n' >"$W/raw.json"
chmod 600 "$W/raw.json"
is "raw invalid UTF-8 in the secrets file: exit 78" \
    "$(start_status -f "$W/raw.json")" 78

done_testing
