#!/bin/sh
# 34: in run mode cellsecd exits with the command's status: 128 + n if it
# was killed, 127 if not found, 126 if not executable
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

F=$(secrets <<'EOT'
{"secrets": {"PW": "hunter2"}}
EOT
)
printf '#!/bin/sh\necho x\n' >"$W/noexec"
chmod 644 "$W/noexec"

run()
{
	timeout 10 "$CELLSECD" -f "$F" -- "$@" </dev/null >/dev/null 2>"$W/log"
	echo $?
}

is "exit 0" "$(run /bin/sh -c 'exit 0')" 0
is "exit 3" "$(run /bin/sh -c 'exit 3')" 3
is "exit 255" "$(run /bin/sh -c 'exit 255')" 255
is "killed by KILL: 137" "$(run /bin/sh -c 'kill -9 $$')" 137
is "killed by TERM: 143" "$(run /bin/sh -c 'kill -15 $$')" 143
is "not found: 127" "$(run "$W/no-such-command")" 127
is "not found in PATH: 127" "$(run no-such-command-zz)" 127
is "not executable: 126" "$(run "$W/noexec")" 126

done_testing
