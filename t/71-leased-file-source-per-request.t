#!/bin/sh
# 71: in leased mode a file source is read on each get and on no other
# occasion: a rewritten file is served at once, a bad file fails that get
# only, a source is not resolved at start, and the broker keeps no copy
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 33

rand()
{
	od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

# still_serves desc: the broker is alive and serves the inline value
still_serves()
{
	is "$1: the broker still serves" "$("$CELLSEC" get P 2>&1)" plain
}

printf 'first\r\n' >"$W/val"
mkdir "$W/dir"
printf 'symlinked' >"$W/target"
ln -s "$W/target" "$W/link"
{ pad 1048576; printf 'tail-marker'; } >"$W/big"
pad 1048576 >"$W/mib"
F=$(secrets <<EOT
{"secrets": {
	"K": {"file": "$W/val"},
	"L": {"file": "$W/link"},
	"D": {"file": "$W/dir"},
	"B": {"file": "$W/big"},
	"M": {"file": "$W/mib"},
	"C": {"command": ["/bin/sh", "-c", "echo at-start >&2; exit 3"]},
	"P": "plain"
}}
EOT
)

# a source that would fail at start
is "control: without -L, the failing command stops the broker at start" \
    "$(start_status -f "$F")" 1
start_broker -L -f "$F"
ok "with -L the broker starts all the same" test -n "$BPID"
"$CELLSEC" get C >/dev/null 2>"$W/err"
is "the command fails on a get instead: exit 1" "$?" 1
is "the command fails on a get instead: message" "$(cat "$W/err")" \
    'cellsec: source for "C" failed: command exited with status 3'
still_serves "after the failing command"

# read per request
is "the file is served, CR and LF trimmed" "$("$CELLSEC" get K | hexof)" \
    "$(printf first | hexof)"
printf 'second\n\r\n' >"$W/val"
is "rewritten in place: the next get serves the new value" \
    "$("$CELLSEC" get K | hexof)" "$(printf second | hexof)"
printf 'third\r' >"$W/val.new"
mv "$W/val.new" "$W/val"
is "replaced by rename: the next get serves the new value" \
    "$("$CELLSEC" get K | hexof)" "$(printf third | hexof)"
printf 'in\r\nside\n' >"$W/val"
is "only trailing CR and LF are trimmed" "$("$CELLSEC" get K | hexof)" \
    "$(printf 'in\r\nside' | hexof)"
: >"$W/val"
is "an empty file is an empty value" "$("$CELLSEC" get K | hexof)" ""
is "the same broker all along: started once" \
    "$(grep -c 'serving 7 secrets' "$W/log")" 1

# bad files: each get fails with a message naming the key
"$CELLSEC" get L >/dev/null 2>"$W/err"
is "symbolic link: exit 1" "$?" 1
like "symbolic link: named in the message" "$(cat "$W/err")" \
    '^cellsec: source for "L" failed: .*symbolic link'
ok "symbolic link: not followed, its target not in the message" \
    test -z "$(grep symlinked "$W/err")"
still_serves "after the symbolic link"
"$CELLSEC" get D >/dev/null 2>"$W/err"
is "directory: exit 1" "$?" 1
like "directory: named in the message" "$(cat "$W/err")" \
    '^cellsec: source for "D" failed: .*not a regular file'
still_serves "after the directory"
"$CELLSEC" get B >"$W/out" 2>"$W/err"
is "over 1 MiB: exit 1" "$?" 1
like "over 1 MiB: named in the message" "$(cat "$W/err")" \
    '^cellsec: source for "B" failed: .*: larger than 1 MiB$'
ok "over 1 MiB: none of the file in the message" \
    test -z "$(grep -e xxxx -e tail-marker "$W/err")"
is "over 1 MiB: nothing on stdout" "$(wc -c <"$W/out")" 0
still_serves "after the large file"
is "exactly 1 MiB is served" "$("$CELLSEC" get M | wc -c)" 1048576
rmdir "$W/dir"
printf 'now a file' >"$W/dir"
is "the path fixed: the next get serves it" "$("$CELLSEC" get D)" \
    'now a file'
like "log: the failures name their key" "$(grep -c 'key "[LDB]": source for' \
    "$W/log")" '^3$'
ok "log: nothing of a file's content" \
    test -z "$(grep -e symlinked -e xxxx -e tail-marker "$W/log")"
stop_broker

# no copy left: the leased parent never holds a file's value, while a
# snapshot parent does (the control)
V=$(rand)
printf '%s' "$V" >"$W/needle"
printf '%s\n' "$V" >"$W/val"
F=$(secrets mem.json <<EOT
{"secrets": {"V": {"file": "$W/val"}}}
EOT
)
start_broker -L -f "$F" || exit 1
is "leased: the value served" "$("$CELLSEC" get V)" "$V"
is "leased: served again" "$("$CELLSEC" get V)" "$V"
wait_for no_zombies "$BPID"
memscan "$BPID" <"$W/needle"
is "leased: after the gets, the value is nowhere in the broker's memory" \
    "$?" 0
stop_broker
start_broker -f "$F" || exit 1
is "snapshot control: the value served" "$("$CELLSEC" get V)" "$V"
memscan "$BPID" <"$W/needle"
is "snapshot control: the value is in the broker's memory" "$?" 1
printf 'rotated\n' >"$W/val"
is "snapshot control: a rewritten file is not seen" "$("$CELLSEC" get V)" \
    "$V"

done_testing
