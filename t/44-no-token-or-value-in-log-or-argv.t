#!/bin/sh
# shellcheck disable=SC2016
# 44: neither a token nor a value ever appears in the log, even with -v,
# nor in the argv of any process
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 12

printf 'fileVAL-Hq2m9Rx\n' >"$W/vfile"
export ENVSRC=envVAL-Lp4v7Tz
F=$(secrets <<EOT
{"secrets": {
	"INLINE": "inlineVAL-Kd8s3Wq",
	"FILE": {"file": "$W/vfile"},
	"CMD": {"command": ["/bin/sh", "-c",
	    "printf cmdVAL-Zx5c1Nb; echo on-stderr >&2"]},
	"ENV": {"env": "ENVSRC"},
	"E": {"value": "expVAL-Rt6y2Qp", "ttl": 1}
}}
EOT
)
start_broker -v -f "$F" || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
printf '%s\n' "$T" inlineVAL-Kd8s3Wq fileVAL-Hq2m9Rx cmdVAL-Zx5c1Nb \
    envVAL-Lp4v7Tz expVAL-Rt6y2Qp wrongTOKEN-Ab3d5f7 >"$W/needles"

for k in INLINE FILE CMD ENV E NOPE; do
	"$CELLSEC" get "$k" >/dev/null 2>&1
done
CELLOS_RUNTIME_SECRET_TOKEN=wrongTOKEN-Ab3d5f7 "$CELLSEC" get INLINE \
    >/dev/null 2>&1
request "{\"token\":\"$T\",\"key\":\"INLINE\",\"key\":\"x\"}" >/dev/null
ps -eo args >"$W/ps"
is "token and values in no process's argv" \
    "$(grep -cF -f "$W/needles" "$W/ps")" 0
sleep 2
"$CELLSEC" get E >/dev/null 2>&1
kill -HUP "$BPID"
sleep 0.5
stop_broker

ok "the log has lines" test -s "$W/log"
cp "$W/log" "$W/daemon.log"
is "the -v log has more than one line per connection" \
    "$(test "$(wc -l <"$W/log")" -gt 10 && echo y)" y
for n in "$T" inlineVAL-Kd8s3Wq fileVAL-Hq2m9Rx cmdVAL-Zx5c1Nb \
    envVAL-Lp4v7Tz expVAL-Rt6y2Qp; do
	case $n in
	"$T")	what=token ;;
	*)	what="value ${n%%-*}" ;;
	esac
	is "$what not in the log" "$(grep -cF -- "$n" "$W/daemon.log")" 0
done

# run mode: the command notes its token and every process's argv
timeout 10 "$CELLSECD" -f "$F" -- /bin/sh -c '
	printf "%s\n" "$CELLOS_RUNTIME_SECRET_TOKEN" >"$0/runtoken"
	"$1" get INLINE >/dev/null
	ps -eo args >"$0/runps"' "$W" "$CELLSEC" 2>"$W/log"
ok "run mode: the token was noted" test -s "$W/runtoken"
is "run mode: the token in no process's argv" \
    "$(grep -cF -f "$W/runtoken" "$W/runps")" 0
is "run mode: the token not in the log" \
    "$(grep -cF -f "$W/runtoken" "$W/log")" 0

done_testing
