#!/bin/sh
# 17: an env source serves the variable's value, is an error when unset,
# and is removed and wiped from the broker's environment
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

V=env-$$-Zq81xkPw
F=$(secrets <<'EOT'
{"secrets": {
	"E": {"env": "MYSECRET"},
	"SEEN": {"command": ["/bin/sh", "-c", "printf %s \"${MYSECRET-unset}\""]}
}}
EOT
)
export MYSECRET="$V"
start_broker -f "$F" || exit 1
is "value served" "$("$CELLSEC" get E)" "$V"
tr '\0' '\n' <"/proc/$BPID/environ" >"$W/environ"
is "a command source does not see the variable" "$("$CELLSEC" get SEEN)" unset
is "value bytes wiped from /proc/PID/environ" "$(grep -cF "$V" "$W/environ")" 0
stop_broker

# shellcheck disable=SC2016
out=$("$CELLSECD" -f "$F" -- sh -c \
    'printf "%s:" "${MYSECRET-unset}"; "$0" get E' "$CELLSEC" 2>"$W/log")
is "run mode: exit 0" "$?" 0
is "run mode: the command does not inherit the variable" "$out" "unset:$V"

unset MYSECRET
is "unset at start: refused" "$(start_status -f "$F")" 1
like "unset at start: names the variable" "$(cat "$W/err")" MYSECRET

done_testing
