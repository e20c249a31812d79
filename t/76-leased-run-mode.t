#!/bin/sh
# shellcheck disable=SC2016
# 76: leased mode with a command (run mode): the command gets its secrets,
# resolved at each get, and cellsecd exits with the command's status
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 10

printf 'hunter2\n' >"$W/val"
F=$(secrets <<EOT
{"secrets": {
	"K": {"file": "$W/val"},
	"C": {"command": ["/bin/sh", "-c", "echo from-command"]},
	"BAD": {"command": ["/bin/sh", "-c", "exit 3"]}
}}
EOT
)
PATH=$TOP:$PATH
export PATH

out=$(timeout 20 "$CELLSECD" -L -f "$F" -- sh -c 'cellsec get K' \
    2>"$W/log")
is "exit 0" "$?" 0
is "the command's output is the value" "$out" hunter2

out=$(timeout 20 "$CELLSECD" -L -f "$F" -- sh -c 'cellsec get C' \
    2>"$W/log")
is "a command source: exit 0" "$?" 0
is "a command source: the value" "$out" from-command

out=$(timeout 20 "$CELLSECD" -L -f "$F" -- sh -c '
	cellsec get K; echo
	printf "rotated\n" >"$0"
	cellsec get K' "$W/val" 2>"$W/log")
is "rotated during the run: exit 0" "$?" 0
is "rotated during the run: both values, in order" \
    "$(printf '%s' "$out" | tr '\n' '|')" 'hunter2|rotated'

timeout 20 "$CELLSECD" -L -f "$F" -- sh -c 'cellsec get K >/dev/null; exit 7' \
    2>"$W/log"
is "the command's exit status is cellsecd's" "$?" 7

timeout 20 "$CELLSECD" -L -f "$F" -- sh -c 'cellsec get BAD' \
    >/dev/null 2>"$W/log"
is "a failing source: the client's exit 1 is cellsecd's" "$?" 1
like "a failing source: the client's message" "$(cat "$W/log")" \
    '^cellsec: source for "BAD" failed: command exited with status 3$'

timeout 20 "$CELLSECD" -L -f "$F" -- sh -c 'kill -TERM $$' 2>"$W/log"
is "killed by TERM: 128 + 15" "$?" 143

done_testing
