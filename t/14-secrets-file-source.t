#!/bin/sh
# 14: a file source is read at start, trailing CR and LF removed; a
# symlink, a directory or more than 1 MiB is refused at start
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 13

printf 's3cret\r\n\r\n\n' >"$W/crlf"
printf 'a\r\nb\n' >"$W/inner"
head -c 1048576 /dev/zero | tr '\0' a >"$W/big"
head -c 1048577 /dev/zero | tr '\0' a >"$W/huge"
ln -s "$W/crlf" "$W/link"
mkdir "$W/dir"

F=$(secrets <<EOT
{"secrets": {
	"CRLF": {"file": "$W/crlf"},
	"INNER": {"file": "$W/inner"},
	"BIG": {"file": "$W/big"}
}}
EOT
)
start_broker -f "$F" || exit 1
is "trailing CR and LF removed" "$("$CELLSEC" get CRLF | hexof)" \
    "$(printf 's3cret' | hexof)"
is "inner CR LF kept" "$("$CELLSEC" get INNER | hexof)" \
    "$(printf 'a\r\nb' | hexof)"
is "1 MiB file served whole" "$("$CELLSEC" get BIG | wc -c)" 1048576
printf 'changed\n' >"$W/crlf"
is "read once at start" "$("$CELLSEC" get CRLF)" s3cret
stop_broker

# refused fails: the broker refuses to start with this source for key K
refused()
{
	F=$(secrets bad.json <<EOT
{"secrets": {"OK": "fine", "K$2": {"file": "$3"}}}
EOT
)
	is "$1: exit 1" "$(start_status -f "$F")" 1
	like "$1: the message names the key" "$(cat "$W/err")" "K$2"
}

refused "symbolic link" LINK "$W/link"
refused "directory" DIR "$W/dir"
refused "more than 1 MiB" HUGE "$W/huge"
refused "missing file" MISSING "$W/missing"
is "relative path refused" "$(start_status -f "$(secrets rel.json <<'EOT'
{"secrets": {"R": {"file": "crlf"}}}
EOT
)")" 78

done_testing
