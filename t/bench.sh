#!/bin/sh
# t/bench.sh: the measures of spec section 7, side by side in one run,
# printed as one table. `make bench` builds the programs, then runs this.
# Not a test: a missed target is a FAIL in its row, and the exit status
# is still 0. BENCH_SECS (per load run) and BENCH_ROUNDS set the length.

set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
CELLSECD=${CELLSECD:-$TOP/cellsecd}
CELLSEC=${CELLSEC:-$TOP/cellsec}
T=$TOP/t
SECS=${BENCH_SECS:-4}
ROUNDS=${BENCH_ROUNDS:-3}
VALUE=bench-value-0123456789abcdefghij
PIDS=

unset CELLOS_SECRET_DELIVERY CELLOS_RUNTIME_SECRET_SOCKET \
    CELLOS_RUNTIME_SECRET_TOKEN CELLSECD_PID

for f in "$CELLSECD" "$CELLSEC" "$T/loadgen" "$T/floor" "$T/miniclient"; do
	if [ ! -x "$f" ]; then
		echo "bench: $f: not built (run make bench)" >&2
		exit 1
	fi
done
W=$(mktemp -d "${TMPDIR:-/tmp}/cellsec-bench.XXXXXX") || exit 1

# shellcheck disable=SC2317
cleanup()
{
	for p in $PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# stop pid: end a process this script started
stop()
{
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	PIDS=$(echo "$PIDS" | sed "s/ $1\$//; s/ $1 / /")
}

# secrets n file: a secrets file of n inline values, keys K0 to Kn-1
secrets()
{
	( umask 077; awk -v n="$1" -v v="$VALUE" 'BEGIN {
		printf "{\"cell\": \"bench\", \"ttl\": 3600, \"secrets\": {"
		for (i = 0; i < n; i++)
			printf "%s\n\"K%d\": \"%s\"", i ? "," : "", i, v
		print "\n}}"
	}' >"$2" )
}

# broker envfile secrets: start cellsecd in daemon mode, logging to
# /dev/null as a user's would, and source what it announces; sets BPID
broker()
{
	"$CELLSECD" -E "$1" -c 64 -f "$2" 2>/dev/null &
	BPID=$!
	PIDS="$PIDS $BPID"
	i=0
	while ! grep -q TOKEN "$1" 2>/dev/null; do
		if ! kill -0 "$BPID" 2>/dev/null || [ "$i" -ge 500 ]; then
			echo "bench: cellsecd -f $2 did not start:" >&2
			timeout 2 "$CELLSECD" -E "$W/retry.env" -f "$2" \
			    2>&1 >/dev/null | sed 's/^/bench: /' >&2
			exit 1
		fi
		sleep 0.01
		i=$((i + 1))
	done
	# shellcheck source=/dev/null
	. "$1"
}

# startup secrets: microseconds from the fork of cellsecd to its envfile
# appearing; the spin is all builtins, so it adds no fork of its own
startup()
{
	rm -f "$W/start.env"
	t0=$(date +%s%N)
	"$CELLSECD" -E "$W/start.env" -f "$1" 2>/dev/null &
	p=$!
	PIDS="$PIDS $p"
	while [ ! -s "$W/start.env" ] && kill -0 "$p" 2>/dev/null; do
		:
	done
	t1=$(date +%s%N)
	[ -s "$W/start.env" ] && echo $(((t1 - t0) / 1000))
	stop "$p"
}

# tenruns cmd...: nanoseconds for ten runs of cmd
tenruns()
{
	t0=$(date +%s%N)
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		"$@" >/dev/null
	done
	t1=$(date +%s%N)
	echo "$((t1 - t0))"
}

# ms: microseconds on stdin to milliseconds
ms()
{
	awk '$1 != "-" { $1 = sprintf("%.1f", $1 / 1000) } 1'
}

# median: the median of the numbers on stdin, or - if none
median()
{
	sort -n | awk '{ a[NR] = $1 }
	    END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'
}

# field name file...: every value of name=... in the files
field()
{
	_f=$1
	shift
	sed -n "s/.*$_f=\([0-9.]*\).*/\1/p" "$@" 2>/dev/null
}

# load name socket token key c: one timed loadgen run, appended to name.c
load()
{
	"$T/loadgen" -s "$2" -T "$3" -k "$4" -c "$5" -d "$SECS" \
	    -e "$VALUE" >>"$W/$1.$5" 2>>"$W/loadgen.err"
}

# verdict value op target: PASS or FAIL
verdict()
{
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		if (v == "-") ok = 0
		else if (op == ">=") ok = v + 0 >= t + 0
		else if (op == "<=") ok = v + 0 <= t + 0
		else ok = v + 0 < t + 0
		print ok ? "PASS" : "FAIL"
	}'
}

# ratio a b: a / b to two places, or - if either is missing
ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || b + 0 == 0) print "-"
		else printf "%.2f\n", a / b
	}'
}

# row what value reference ratio op target [note]
row()
{
	if [ "$4" = "" ]; then
		v=$(verdict "$2" "$5" "$6")
		r=-
	else
		v=$(verdict "$4" "$5" "$6")
		r=$4
	fi
	printf '%-36s %9s %9s %6s %8s  %s%s\n' "$1" "$2" "$3" "$r" \
	    "$5 $6" "$v" "${7:+ $7}"
}

# loadrow what name ref c rps-target p99-target [ref-name]: the rows of
# one load point, p99 left out if its target is -
loadrow()
{
	a=$(field rps "$W/$2.$4" | median)
	b=$(field rps "$W/$3.$4" | median)
	e=$(field errors "$W/$2.$4" "$W/$3.$4" |
	    awk '{ n += $1 } END { print n + 0 }')
	note=
	[ "$e" -ne 0 ] && note="($e errors)"
	[ "$a" = - ] && note="(loadgen failed)"
	row "$1 c=$4 rps, ref ${7:-$3}" "$a" "$b" "$(ratio "$a" "$b")" \
	    ">=" "$5" "$note"
	[ "$6" = - ] && return
	a=$(field p99 "$W/$2.$4" | median)
	b=$(field p99 "$W/$3.$4" | median)
	row "$1 c=$4 p99 us, ref $3" "$a" "$b" "$(ratio "$a" "$b")" "<=" "$6" \
	    "$note"
}

# rss pid [field]: its resident set (or RssAnon, ...) in kB
rss()
{
	sed -n "s/^${2:-VmRSS}:[[:space:]]*\([0-9]*\).*/\1/p" \
	    "/proc/$1/status"
}

secrets 10 "$W/s10.json"
secrets 10000 "$W/s10k.json"

# startup of the big table first, while nothing else runs
for i in 1 2 3 4 5; do
	startup "$W/s10k.json"
done >"$W/start10k"
for i in 1 2 3 4 5; do
	startup "$W/s10.json"
done >"$W/start10"

"$T/floor" "$W/floor.sock" "$VALUE" &
FPID=$!
PIDS="$PIDS $FPID"
broker "$W/env10k" "$W/s10k.json"
S10K=$CELLOS_RUNTIME_SECRET_SOCKET
T10K=$CELLOS_RUNTIME_SECRET_TOKEN
broker "$W/env10" "$W/s10.json"
B10=$BPID
S10=$CELLOS_RUNTIME_SECRET_SOCKET
T10=$CELLOS_RUNTIME_SECRET_TOKEN
while [ ! -S "$W/floor.sock" ]; do
	sleep 0.01
done
sleep 0.2
fresh=$(rss "$B10")

# warm up, then interleave the two sides, alternating which goes first
for s in "$W/floor.sock" "$S10" "$S10K"; do
	tok=$T10
	[ "$s" = "$S10K" ] && tok=$T10K
	"$T/loadgen" -s "$s" -T "$tok" -k K5 -c 8 -n 100 -e "$VALUE" \
	    >/dev/null 2>>"$W/loadgen.err"
done
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	for c in 1 8 32; do
		if [ $((r % 2)) -eq 0 ]; then
			load floor "$W/floor.sock" x K5 "$c"
			load d10 "$S10" "$T10" K5 "$c"
		else
			load d10 "$S10" "$T10" K5 "$c"
			load floor "$W/floor.sock" x K5 "$c"
		fi
	done
	load d10k "$S10K" "$T10K" K5000 8
	r=$((r + 1))
done

# whole client processes, against the small broker
if [ "$("$CELLSEC" get K1 2>/dev/null)" = "$VALUE" ] &&
    [ "$("$T/miniclient" K1 2>/dev/null)" = "$VALUE" ]; then
	clientok=1
else
	clientok=0
fi
if command -v hyperfine >/dev/null 2>&1; then
	how="hyperfine"
	hyperfine -N --warmup 20 --runs 300 --export-json "$W/hf.json" \
	    "'$CELLSEC' get K1" "'$T/miniclient' K1" >/dev/null 2>&1
	# shellcheck disable=SC2046
	set -- $(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' \
	    "$W/hf.json" 2>/dev/null | awk '{ printf "%.3f\n", $1 * 1000 }')
	cget=${1:--}
	cmini=${2:--}
else
	how="date, 30 batches of 10"
	i=0
	while [ "$i" -lt 30 ]; do
		tenruns "$CELLSEC" get K1 >>"$W/batch.cellsec"
		tenruns "$T/miniclient" K1 >>"$W/batch.mini"
		i=$((i + 1))
	done
	cget=$(median <"$W/batch.cellsec" |
	    awk '$1 != "-" { $1 = sprintf("%.3f", $1 / 1e7) } 1')
	cmini=$(median <"$W/batch.mini" |
	    awk '$1 != "-" { $1 = sprintf("%.3f", $1 / 1e7) } 1')
fi
cnote=
[ "$clientok" -eq 1 ] || cnote="(wrong value)"

sleep 0.5
idle=$(rss "$B10")
anon=$(rss "$B10" RssAnon)
floorrss=$(rss "$FPID")

# the table
echo "cellsec bench: $(nproc) cpus, $ROUNDS x ${SECS}s per load point" \
    "(medians), clients timed by $how"
printf '%-36s %9s %9s %6s %8s  %s\n' measure cellsecd reference ratio \
    target result
for c in 1 8 32; do
	loadrow get d10 floor "$c" 0.85 1.3
done
c1=$cget
[ "$clientok" -eq 1 ] || c1=-
row "cellsec get ms, ref miniclient" "$c1" "$cmini" \
    "$(ratio "$c1" "$cmini")" "<=" 1.15 "$cnote"
loadrow "10000 secrets" d10k d10 8 0.8 - 10
s=$(median <"$W/start10k" | ms)
s10=$(median <"$W/start10" | ms)
row "startup ms, 10000 secrets, ref 10" "$s" "$s10" "" "<" 100
row "idle RSS kB after load, ref fresh" "${idle:--}" "${fresh:--}" "" \
    "<" 1024 "(anon ${anon:--} kB; floor ${floorrss:--} kB)"
if [ -s "$W/loadgen.err" ]; then
	echo "loadgen said:"
	sort "$W/loadgen.err" | uniq -c | sed 's/^/  /'
fi
exit 0
