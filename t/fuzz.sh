#!/bin/sh
# t/fuzz.sh: build the libFuzzer targets and run each for SECONDS
#
# usage: sh t/fuzz.sh [seconds]
# Runs t/fuzz-request and t/fuzz-secrets side by side, each on a copy of
# its seed corpus (t/corpus/NAME) so the committed corpus never grows.
# Logs go to t/fuzz-NAME.log, a failing input to t/crash-*, t/leak-* etc.
# Exits non-zero on any crash, leak, timeout or sanitizer report.

secs=${1:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
fuzzcc=${FUZZCC:-clang}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cellsec-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

deps=$(pkg-config --cflags --libs yajl libbsd-overlay) || exit 1
status=0
pids=
reports='ERROR: [A-Za-z]*Sanitizer|runtime error:|deadly signal|Timeout after'

for name in request secrets; do
	# shellcheck disable=SC2086
	if ! "$fuzzcc" -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -D_GNU_SOURCE -DLIBBSD_OPENBSD_VIS \
	    -I"$top" \
	    -o "$top/t/fuzz-$name" "$top/t/fuzz-$name.c" "$top/json.c" \
	    "$top/broker.c" $deps; then
		echo "fuzz.sh: cannot build t/fuzz-$name" >&2
		exit 1
	fi
	mkdir "$tmp/$name" "$tmp/$name.out"
	cp "$top/t/corpus/$name"/* "$tmp/$name"/
done

for name in request secrets; do
	(
		cd "$tmp/$name.out" || exit 1
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		    "$top/t/fuzz-$name" -max_total_time="$secs" \
		    -detect_leaks=1 -max_len=8192 -timeout=10 \
		    -print_final_stats=1 -artifact_prefix="$tmp/$name.out/" \
		    -dict="$top/t/corpus/json.dict" \
		    "$tmp/$name" >"$top/t/fuzz-$name.log" 2>&1
	) &
	pids="$pids $!"
done

for name in request secrets; do
	# shellcheck disable=SC2086
	set -- $pids
	wait "$1"
	rc=$?
	pids=${pids#" $1"}
	log=$top/t/fuzz-$name.log
	bad=$(grep -E "$reports" "$log" | head -n 3)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -ne 0 ] || [ -n "$bad" ]; then
		status=1
		echo "fuzz-$name: FAILED (exit $rc) after ${runs:-?} runs," \
		    "see t/fuzz-$name.log"
		[ -n "$bad" ] && printf '%s\n' "$bad" | sed 's/^/  /'
		for f in "$tmp/$name.out"/crash-* "$tmp/$name.out"/leak-* \
		    "$tmp/$name.out"/timeout-* "$tmp/$name.out"/oom-*; do
			[ -e "$f" ] || continue
			cp "$f" "$top/t/"
			echo "  input: t/$(basename "$f")"
		done
	else
		echo "fuzz-$name: ok, ${runs:-?} runs in $secs s," \
		    "$(find "$tmp/$name" -type f | wc -l) corpus inputs"
	fi
done
exit $status
