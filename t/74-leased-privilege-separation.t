#!/bin/sh
# 74: in leased mode the process that parses a request is sandboxed and
# is not the one that resolves the source: the parser, a child of the
# connection child, is under seccomp; the connection child, which runs the
# command, is not, and never reads the client's bytes
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 17

# SLOW tells who its parent is, then waits for the test to let it go
cat >"$W/slow" <<EOT
#!/bin/sh
echo \$\$ >"$W/cmdpid"
echo \$PPID >"$W/resolver.new"
mv "$W/resolver.new" "$W/resolver"
i=0
while [ ! -e "$W/go" ] && [ \$i -lt 150 ]; do
	sleep 0.1
	i=\$((i + 1))
done
echo slow-value
EOT
printf '#!/bin/sh\necho quick-value\n' >"$W/quick"
chmod 755 "$W/slow" "$W/quick"
F=$(secrets <<EOT
{"secrets": {
	"SLOW": {"command": ["$W/slow"]},
	"QUICK": {"command": ["$W/quick"]}
}}
EOT
)
start_broker -L -t 30 -f "$F" || exit 1

idle()
{
	[ -z "$(children "$BPID")" ]
}

# while the command runs: its parent, the resolving process
"$CELLSEC" get SLOW >"$W/out" 2>"$W/err" &
G=$!
wait_for test -s "$W/resolver"
R=$(cat "$W/resolver")
ok "the resolving process is a child of the broker" \
    test -n "$R" -a -n "$(children "$BPID" | tr ' ' '\n' | grep -x "$R")"
is "the resolving process is not under seccomp" "$(procfield "$R" Seccomp)" 0
is "its one child is the command: the parser has exited" \
    "$(children "$R" | tr -d ' \n')" "$(cat "$W/cmdpid")"
touch "$W/go"
wait "$G"
is "the value served" "$(cat "$W/out")" slow-value

# while a client holds half a request: the parser
wait_for idle
python3 "$TOP/t/hold.py" "$CELLOS_RUNTIME_SECRET_SOCKET" 20 '{"token":"' \
    >/dev/null &
H=$!
parser()
{
	grandchildren "$BPID"
}
has_parser()
{
	[ -n "$(parser)" ]
}
sandboxed()
{
	[ "$(procfield "$(parser)" Seccomp)" = 2 ]
}
wait_for has_parser
wait_for sandboxed
C=$(children "$BPID" | tr -d ' \n')
P=$(parser | tr -d ' \n')
ok "the connection child has one child, the parser" test -n "$P" -a -n "$C"
is "the parser: Seccomp 2" "$(procfield "$P" Seccomp)" 2
is "the parser: NoNewPrivs 1" "$(procfield "$P" NoNewPrivs)" 1
is "the connection child: Seccomp 0" "$(procfield "$C" Seccomp)" 0
kill "$H"
wait "$H" 2>/dev/null

# who reads the request, who runs the command: strace the broker
wait_for idle
strace -f -qq -s 300 -e trace=%process,read -o "$W/trace" -p "$BPID" \
    2>"$W/strace.err" &
S=$!
traced()
{
	[ "$(procfield "$BPID" TracerPid)" = "$S" ]
}
if ! wait_for traced; then
	sed 's/^/# strace: /' "$W/strace.err"
	for t in 1 2 3 4 5 6 7 8 9; do
		skip "strace cannot attach to the broker ($t)"
	done
	done_testing
	exit
fi
is "traced: the value served" "$("$CELLSEC" get QUICK)" quick-value
wait_for idle
kill "$S"
wait "$S"

# pid of the read that brought the request, of the exec of the command
RD=$(grep -E '^[0-9]+ +(read\(|<\.\.\. read resumed>).*\\"key\\":\\"QUICK\\"' \
    "$W/trace" | awk '{ print $1; exit }')
X=$(grep -F "execve(\"$W/quick\"" "$W/trace" | awk '{ print $1; exit }')
# parent pid: the process whose clone or fork returned pid
parent()
{
	awk -v p="$1" '/clone|fork/ && $NF == p { print $1; exit }' "$W/trace"
}
RS=$(parent "$X")
ok "strace saw the request read" test -n "$RD"
ok "strace saw the command's exec" test -n "$X"
ok "the process that reads the request is not the one that execs" \
    test "$RD" != "$X"
ok "nor the one that forks the command" test -n "$RS" -a "$RD" != "$RS"
is "the reader is a child of the resolving process" "$(parent "$RD")" "$RS"
is "the resolving process is a child of the broker" "$(parent "$RS")" \
    "$BPID"
is "the resolving process reads no byte of the request" \
    "$(grep -E "^$RS +" "$W/trace" | grep -c token)" 0
is "the broker itself reads no byte of the request" \
    "$(grep -E "^$BPID +" "$W/trace" | grep -c token)" 0

done_testing
