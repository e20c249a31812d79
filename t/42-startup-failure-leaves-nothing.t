#!/bin/sh
# 42: any failure before the announcement exits non-zero with one line on
# stderr and leaves no socket or directory behind
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 18

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
mkdir "$W/tmp"
TMPDIR=$W/tmp
export TMPDIR

# fails desc args...: cellsecd args... must fail cleanly
fails()
{
	_what=$1
	shift
	timeout 5 "$CELLSECD" "$@" </dev/null >"$W/out" 2>"$W/err"
	_rc=$?
	ok "$_what: non-zero exit" test "$_rc" -ne 0 -a "$_rc" -ne 124
	is "$_what: one line on stderr" "$(wc -l <"$W/err")" 1
	is "$_what: nothing left in TMPDIR" "$(ls -A "$W/tmp")" ""
}

fails "bad JSON" -f "$(secrets bad.json <<'EOT'
{"secrets": {"PW": "x",}}
EOT
)"
fails "missing secrets file" -f "$W/missing.json"
fails "command source fails" -f "$(secrets bad.json <<'EOT'
{"secrets": {"PW": {"command": ["/bin/false"]}}}
EOT
)"
echo old >"$W/exists"
fails "envfile exists" -E "$W/exists" -f "$F"
fails "envfile in a missing directory" -E "$W/nodir/env" -f "$F"
fails "-s on a regular file" -s "$W/exists" -f "$F"

done_testing
