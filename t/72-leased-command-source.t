#!/bin/sh
# 72: in leased mode a command source runs on each get: its stdout is the
# value; a failure is an error that names the key and why, never the
# command's output; its environment is the documented one
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 27

U=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')

cat >"$W/count" <<EOT
#!/bin/sh
n=\$(cat "$W/n" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$W/n"
printf 'call-%s\r\n' "\$n"
EOT
cat >"$W/fail" <<EOT
#!/bin/sh
echo "OUTMARK-$U"
echo "ERRMARK-$U first line" >&2
echo "ERRMARK2-$U second line" >&2
exit 3
EOT
cat >"$W/showenv" <<'EOT'
#!/bin/sh
env | grep '^CELLOS_' | sort | tr '\n' ' '
printf '| %s' "$(readlink /proc/$$/fd/0)"
EOT
chmod 755 "$W/count" "$W/fail" "$W/showenv"

F=$(secrets <<EOT
{"secrets": {
	"COUNT": {"command": ["$W/count"]},
	"FAIL": {"command": ["$W/fail"]},
	"KILL": {"command": ["/bin/sh", "-c", "echo OUTMARK-$U; kill -9 \$\$"]},
	"BIG": {"command": ["/bin/sh", "-c",
	    "head -c 1048577 /dev/zero | tr '\\\\0' x"]},
	"MIB": {"command": ["/bin/sh", "-c",
	    "head -c 1048576 /dev/zero | tr '\\\\0' y"]},
	"ENV": {"command": ["$W/showenv"], "ttl": 42},
	"P": "plain"
}}
EOT
)
# variables that must not reach a source
export CELLOS_RUNTIME_SECRET_SOCKET=/leak/sock
export CELLOS_RUNTIME_SECRET_TOKEN=leaktoken
export CELLOS_RUNTIME_OTHER=leak
export CELLOS_SECRET_DELIVERY=leak
start_broker -L -i cell-72 -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN

# stdout is the value, per request
is "stdout is the value, CR and LF trimmed" "$("$CELLSEC" get COUNT | hexof)" \
    "$(printf call-0 | hexof)"
is "run again on the next get" "$("$CELLSEC" get COUNT)" call-1

# a non-zero exit
is "exit 3: the answer" "$(request "{\"token\":\"$T\",\"key\":\"FAIL\"}")" \
    '{"error":"source for \"FAIL\" failed: command exited with status 3"}'
"$CELLSEC" get FAIL >"$W/out" 2>"$W/err"
is "exit 3: client exit 1" "$?" 1
is "exit 3: client message" "$(cat "$W/err")" \
    'cellsec: source for "FAIL" failed: command exited with status 3'
is "exit 3: nothing on stdout" "$(wc -c <"$W/out")" 0
ok "exit 3: the command's stdout is not in the message" \
    test -z "$(grep "OUTMARK-$U" "$W/err")"
ok "exit 3: the command's stderr is not in the message" \
    test -z "$(grep "ERRMARK" "$W/err")"
like "exit 3: logged with the key" "$(cat "$W/log")" \
    'key "FAIL": source for "FAIL" failed: command exited with status 3'
like "exit 3: the first line of stderr is in the log" "$(cat "$W/log")" \
    "FAIL: .*ERRMARK-$U first line"
ok "exit 3: the second line of stderr is not" \
    test -z "$(grep "ERRMARK2-$U" "$W/log")"
ok "exit 3: the command's stdout is not in the log" \
    test -z "$(grep "OUTMARK-$U" "$W/log")"
is "after a failure the broker still serves" "$("$CELLSEC" get P)" plain

# killed by a signal
is "killed: the answer" "$(request "{\"token\":\"$T\",\"key\":\"KILL\"}")" \
    '{"error":"source for \"KILL\" failed: command killed by signal 9"}'
ok "killed: the command's stdout is not in the log" \
    test -z "$(grep "OUTMARK-$U" "$W/log")"
is "after a kill the broker still serves" "$("$CELLSEC" get P)" plain

# too much output
is "over 1 MiB: the answer" "$(request "{\"token\":\"$T\",\"key\":\"BIG\"}")" \
    '{"error":"source for \"BIG\" failed: output exceeds 1 MiB"}'
is "after too much output the broker still serves" "$("$CELLSEC" get P)" \
    plain
"$CELLSEC" get MIB >"$W/out"
is "exactly 1 MiB is served: exit 0" "$?" 0
is "exactly 1 MiB is served: the value" "$(wc -c <"$W/out")" 1048576

# the environment and stdin
"$CELLSEC" get ENV >"$W/env.out"
IFS='|' read -r vars stdin <"$W/env.out"
like "CELLOS_CELL_ID is the cell" "$vars" '(^| )CELLOS_CELL_ID=cell-72 '
like "CELLOS_SECRET_KEY is the key" "$vars" '(^| )CELLOS_SECRET_KEY=ENV '
like "CELLOS_SECRET_TTL is the entry's TTL" "$vars" \
    '(^| )CELLOS_SECRET_TTL=42 '
is "no CELLOS_RUNTIME_* variable" \
    "$(printf '%s\n' "$vars" | grep -c CELLOS_RUNTIME_)" 0
is "no other CELLOS_* variable" "$vars" \
    'CELLOS_CELL_ID=cell-72 CELLOS_SECRET_KEY=ENV CELLOS_SECRET_TTL=42 '
is "stdin is /dev/null" "$stdin" ' /dev/null'
is "control: the broker had CELLOS_RUNTIME_OTHER to leave out" \
    "$(tr '\0' '\n' </proc/"$BPID"/environ | grep -c '^CELLOS_RUNTIME_O')" 1

done_testing
