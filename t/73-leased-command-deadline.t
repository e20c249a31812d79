#!/bin/sh
# 73: in leased mode a command that hangs is killed, with its process
# group, early enough that "command timed out" reaches the client within
# the -t deadline; the broker keeps serving
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 16

# a unique fraction in each sleep's argument marks its processes
U=$(od -An -N4 -tu4 /dev/urandom | tr -d ' \n')
cat >"$W/hang" <<EOT
#!/bin/sh
echo \$\$ >"$W/pgid"
/bin/sleep 61.$U &
/bin/sleep 62.$U
EOT
chmod 755 "$W/hang"
F=$(secrets <<EOT
{"secrets": {
	"SLEEP": {"command": ["/bin/sleep", "60.$U"]},
	"SHELL": {"command": ["$W/hang"]},
	"P": "plain"
}}
EOT
)
start_broker -L -t 2 -f "$F" || exit 1

# timed_get key: get key; status in $W/st, milliseconds taken in $W/ms
timed_get()
{
	_t0=$(ms)
	"$CELLSEC" get "$1" >"$W/out" 2>"$W/err"
	echo $? >"$W/st"
	echo $(($(ms) - _t0)) >"$W/ms"
}

# group_live pgid: the live processes of a process group
group_live()
{
	# shellcheck disable=SC2046
	live $(pgrep -g "$1")
}

group_empty()
{
	[ -z "$(group_live "$1")" ]
}

gone()
{
	! running "$1"
}

# a command that sleeps
timed_get SLEEP &
G=$!
ok "sleep: control: the command runs during the get" \
    wait_for running "sleep 60\\.$U"
wait "$G"
is "sleep: client exit 1" "$(cat "$W/st")" 1
is "sleep: the message" "$(cat "$W/err")" \
    'cellsec: source for "SLEEP" failed: command timed out'
ok "sleep: answered within the 2 s deadline (under 2.5 s)" \
    test "$(cat "$W/ms")" -lt 2500
echo "# sleep: answered in $(cat "$W/ms") ms"
ok "sleep: the command is gone" wait_for gone "sleep 60\\.$U"
is "sleep: the broker still serves" "$("$CELLSEC" get P)" plain

# a shell that leaves a sleep in the background too
rm -f "$W/pgid"
timed_get SHELL &
G=$!
ok "shell: control: the background sleep runs during the get" \
    wait_for running "sleep 61\\.$U"
ok "shell: control: the foreground sleep runs during the get" \
    wait_for running "sleep 62\\.$U"
wait "$G"
is "shell: client exit 1" "$(cat "$W/st")" 1
is "shell: the message" "$(cat "$W/err")" \
    'cellsec: source for "SHELL" failed: command timed out'
ok "shell: answered within the 2 s deadline (under 2.5 s)" \
    test "$(cat "$W/ms")" -lt 2500
echo "# shell: answered in $(cat "$W/ms") ms"
ok "shell: the background sleep is gone" wait_for gone "sleep 61\\.$U"
ok "shell: the foreground sleep is gone" wait_for gone "sleep 62\\.$U"
PG=$(cat "$W/pgid")
wait_for group_empty "$PG"
is "shell: nothing left in the command's process group" \
    "$(group_live "$PG" | tr '\n' ' ')" ""
is "shell: the broker still serves" "$("$CELLSEC" get P)" plain
is "the timeouts are logged with their key" \
    "$(grep -c 'key "S[A-Z]*": source for "S[A-Z]*" failed: command timed out' \
    "$W/log")" 2

done_testing
