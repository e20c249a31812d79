#!/bin/sh
# t/valgrind.sh: the client and the broker under valgrind memcheck (TAP)
#
# usage: sh t/valgrind.sh
# Builds a dynamically linked copy in a temp dir (memcheck cannot replace
# malloc in a static binary).  The broker's connection children run under
# valgrind too (it follows fork); their seccomp filter kills valgrind's own
# system calls unless the broker is built or run without it, which this
# script reports as it finds it.
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

VG="valgrind -q --leak-check=full --error-exitcode=99"

plan 13

mkdir "$W/build"
cp -p "$TOP"/*.c "$TOP"/*.h "$TOP"/Makefile "$W/build"/
if ! (cd "$W/build" && make LDSTATIC= CFLAGS="-O1 -g -DNO_SECCOMP" all) >"$W/build.log" 2>&1; then
	echo "Bail out! cannot build a dynamic copy:"
	sed 's/^/# /' "$W/build.log"
	exit 1
fi
CELLSECD=$W/build/cellsecd
CELLSEC=$W/build/cellsec

# client: a good get, an error response, no broker
good_broker || exit 1
$VG --log-file="$W/vg-client.%p" "$CELLSEC" get K >"$W/out" 2>"$W/err"
is "client, good get: exit 0 (99 is a valgrind error)" "$?" 0
is "client, good get: value printed" "$(cat "$W/out")" "$GOOD"
$VG --log-file="$W/vg-client.%p" "$CELLSEC" get NOPE >/dev/null 2>&1
is "client, error response: exit 1" "$?" 1
CELLOS_RUNTIME_SECRET_SOCKET=$W/none.sock \
    $VG --log-file="$W/vg-client.%p" "$CELLSEC" get K >/dev/null 2>&1
is "client, no broker: exit 2" "$?" 2
stop_broker

# broker: valgrind on the daemon and, across fork, each connection child
cat >"$W/vgd" <<EOF2
#!/bin/sh
exec $VG --child-silent-after-fork=no --log-file="$W/vg-broker.%p" \\
    "$CELLSECD" "\$@"
EOF2
chmod +x "$W/vgd"
CELLSECD=$W/vgd
good_broker -v || exit 1
vpid=$BPID
req K | sendraw --timeout 30
answer_is "broker: good request served" "{\"value\":\"$GOOD\"}"
printf 'garbage\n' | sendraw --timeout 30
answer_is "broker: bad request answered" '{"error":"bad request"}'
req NOPE | sendraw --timeout 30
answer_is "broker: unknown key answered" \
    '{"error":"unknown secret key \"NOPE\""}'
kill "$vpid"
wait "$vpid"
is "broker: clean stop, exit 0 (99 is a valgrind error)" "$?" 0
BPID=
grep -E 'killed by|signal' "$W/log" | sed 's/^/# log: /'

n=$(find "$W" -name 'vg-broker.*' | wc -l)
ok "broker: the daemon and 3 children ran under valgrind ($n logs)" \
    [ "$n" -ge 4 ]
errs=$(cat "$W"/vg-broker.* 2>/dev/null | grep -E '^==[0-9]+== [A-Z]' |
    grep -Ev 'HEAP SUMMARY|LEAK SUMMARY|ERROR SUMMARY: 0 |All heap|in use at')
is "broker: no valgrind report" "$(printf '%s' "$errs" | head -n 1)" ""
[ -n "$errs" ] && printf '%s\n' "$errs" | head -n 20 | sed 's/^/# /'
is "broker: no process died of a signal" \
    "$(cat "$W"/vg-broker.* | grep -c 'Process terminating')" 0
is "client: no valgrind report" \
    "$(cat "$W"/vg-client.* 2>/dev/null | head -n 1)" ""
cat "$W"/vg-client.* 2>/dev/null | head -n 20 | sed 's/^/# /'
is "broker: no child killed (log)" \
    "$(grep -c 'killed by signal' "$W/log")" 0

done_testing
