#!/bin/sh
# 32: a wrong command line gets exit 64 and a usage message, and leaves
# nothing behind
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 23

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
mkdir "$W/tmp"

usage()
{
	_what=$1
	shift
	TMPDIR=$W/tmp timeout 5 "$CELLSECD" "$@" </dev/null >/dev/null \
	    2>"$W/err"
	is "$_what: exit 64" "$?" 64
	like "$_what: usage message" "$(cat "$W/err")" '^usage: cellsecd '
}

usage "no arguments"
usage "unknown option" -x -f "$F"
usage "missing -f" -i cell
usage "-f without argument" -f
usage "-c not a number" -c abc -f "$F"
usage "-c 0" -c 0 -f "$F"
usage "-c negative" -c -1 -f "$F"
usage "-c trailing junk" -c 4x -f "$F"
usage "-t not a number" -t abc -f "$F"
usage "-t negative" -t -5 -f "$F"
usage "-t trailing junk" -t 1s -f "$F"
is "nothing left in TMPDIR" "$(ls -A "$W/tmp")" ""

done_testing
