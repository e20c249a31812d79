#!/bin/sh
# 04: cellsec exits 64 with a usage line on a wrong command line
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 10

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
start_broker -f "$F" || exit 1

usage()
{
	"$CELLSEC" "$@" >"$W/out" 2>"$W/err"
	_rc=$?
	is "cellsec $*: exit 64" "$_rc" 64
	like "cellsec $*: usage line" "$(cat "$W/err")" '^usage: cellsec get key$'
}

usage
usage put PW
usage get
usage get PW extra
usage -x get PW

done_testing
