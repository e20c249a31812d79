# t/lib.sh: shared helpers for the cellsec test scripts (TAP)

TOP=$(cd "$(dirname "$0")/.." && pwd)
CELLSECD=$TOP/cellsecd
CELLSEC=$TOP/cellsec
W=$(mktemp -d "${TMPDIR:-/tmp}/cellsec-test.XXXXXX")
BPID=
tap_n=0
tap_failed=0

unset CELLOS_SECRET_DELIVERY CELLOS_RUNTIME_SECRET_SOCKET \
    CELLOS_RUNTIME_SECRET_TOKEN

cleanup()
{
	stop_broker
	rm -rf "$W"
}
trap cleanup EXIT

plan()
{
	echo "1..$1"
}

pass()
{
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

fail()
{
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
}

# ok desc cmd...: passes when cmd exits 0
ok()
{
	_d=$1
	shift
	if "$@"; then pass "$_d"; else fail "$_d"; fi
}

# is desc got want
is()
{
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1"
		printf '#   got:  %s\n#   want: %s\n' "$2" "$3"
	fi
}

# like desc got pattern (grep -E)
like()
{
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		pass "$1"
	else
		fail "$1"
		printf '#   got:  %s\n#   want: /%s/\n' "$2" "$3"
	fi
}

# secrets [name]: write stdin to a mode 0600 secrets file, print its path
secrets()
{
	_f=$W/${1:-secrets.json}
	( umask 077; cat >"$_f" )
	echo "$_f"
}

# announced envfile: wait for the broker $BPID to write envfile, then
# export what it says
announced()
{
	_i=0
	while ! grep -q TOKEN "$1" 2>/dev/null; do
		if ! kill -0 "$BPID" 2>/dev/null || [ $_i -ge 500 ]; then
			echo "# cellsecd did not start:" >&2
			sed 's/^/# /' "$W/log" >&2
			BPID=
			return 1
		fi
		sleep 0.01
		_i=$((_i + 1))
	done
	# shellcheck disable=SC1090
	. "$1"
}

# start_broker args...: run cellsecd in daemon mode, its log in $W/log,
# and export the environment it announces
start_broker()
{
	rm -f "$W/env"
	"$CELLSECD" -E "$W/env" "$@" 2>"$W/log" &
	BPID=$!
	announced "$W/env"
}

stop_broker()
{
	[ -n "$BPID" ] || return 0
	kill "$BPID" 2>/dev/null
	wait "$BPID" 2>/dev/null
	BPID=
}

# children pid: the pids of pid's child processes
children()
{
	cat /proc/"$1"/task/*/children 2>/dev/null
}

# wait_for cmd...: retry cmd for up to 5 seconds
wait_for()
{
	_i=0
	while ! "$@"; do
		[ $_i -ge 500 ] && return 1
		sleep 0.01
		_i=$((_i + 1))
	done
}

# request line: send one raw request line to the broker, print the answer
request()
{
	printf '%s\n' "$1" | python3 "$TOP/t/send.py" "$CELLOS_RUNTIME_SECRET_SOCKET"
}

done_testing()
{
	[ "$tap_failed" -eq 0 ]
}

# send_raw: write stdin to the broker's socket as is, print the answer
send_raw()
{
	python3 "$TOP/t/send.py" "$CELLOS_RUNTIME_SECRET_SOCKET"
}

# start_broker_from input envfile cmd...: like start_broker, but cmd... is
# the whole command line starting cellsecd with -E envfile (so that it can
# be wrapped, e.g. in setpriv), and its stdin comes from input
start_broker_from()
{
	_in=$1
	_env=$2
	shift 2
	rm -f "$_env"
	"$@" <"$_in" 2>"$W/log" &
	BPID=$!
	announced "$_env"
}

# hold seconds [data]: connect to the broker's socket, send data (no
# newline), wait until the broker closes or seconds pass; print "closed S"
# or "open S" with the seconds elapsed, then what was received, if anything
hold()
{
	python3 "$TOP/t/hold.py" "$CELLOS_RUNTIME_SECRET_SOCKET" "$@"
}

# memscan pid: exit 0 if no 16-byte piece of the bytes on stdin is in
# pid's memory, 1 if one is, 2 if the memory could not be read
memscan()
{
	python3 "$TOP/t/memscan.py" "$1"
}

# status_of cmd...: run cmd, print its exit status
status_of()
{
	"$@" >/dev/null 2>&1
	echo $?
}

# hexof: the bytes on stdin as hex, one string
hexof()
{
	od -An -v -tx1 | tr -d ' \n'
}

# nobody cmd...: run cmd as uid and gid 65534 with no groups
nobody()
{
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# start_broker_nobody secrets args...: run cellsecd as uid 65534, core
# size unlimited (so that a limit of 0 is the broker's doing), the secrets
# on stdin, its socket under $W/nb; the owner of /proc/PID then shows
# whether it is dumpable (a non-dumpable process's is root's)
start_broker_nobody()
{
	_s=$1
	shift
	chmod 711 "$W"
	mkdir -p "$W/nb"
	chown 65534:65534 "$W/nb"
	TMPDIR=$W/nb
	export TMPDIR
	rm -f "$W/nb/env"
	start_broker_from "$_s" "$W/nb/env" prlimit --core=unlimited \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$CELLSECD" -E "$W/nb/env" "$@" -f -
}

# nobody_tree: copy the programs and the python helpers where uid 65534
# can run them, $NB, and use those: the tree may sit under a private
# directory
nobody_tree()
{
	NB=$W/nobody
	mkdir -p "$NB/t"
	cp "$CELLSEC" "$NB/cellsec"
	cp "$CELLSECD" "$NB/cellsecd"
	cp "$TOP"/t/*.py "$NB/t/"
	chmod 755 "$W" "$NB" "$NB/t" "$NB/cellsec" "$NB/cellsecd"
	chmod 644 "$NB"/t/*.py
	CELLSEC=$NB/cellsec
	CELLSECD=$NB/cellsecd
}

# --- helpers for the hostile-input and fault tests (t/5x, t/6x) ---

GOOD=sesame

# good_broker args...: start a broker serving key K with value $GOOD
# shellcheck disable=SC2120
good_broker()
{
	_gf=$(printf '{"secrets":{"K":"%s"}}\n' "$GOOD" | secrets good.json)
	start_broker -f "$_gf" "$@"
}

# req key [token]: print a well-formed request line for key
req()
{
	printf '{"token":"%s","key":"%s"}\n' "${2-$CELLOS_RUNTIME_SECRET_TOKEN}" \
	    "$1"
}

# pad n: print n bytes of x
pad()
{
	head -c "$1" /dev/zero | tr '\0' x
}

# sendraw [raw.py options]: send stdin to the broker, answer in $W/ans
sendraw()
{
	python3 "$TOP/t/raw.py" "$@" "$CELLOS_RUNTIME_SECRET_SOCKET" \
	    >"$W/ans"
}

# showans file: a file's first bytes on one diagnostic line
showans()
{
	printf '#   got:  %s\n' "$(head -c 300 "$1" | od -An -c | \
	    tr -s ' \n' '  ' | cut -c1-400)"
}

# answer_is desc line: the last answer was exactly line and a newline
# (false if not)
answer_is()
{
	printf '%s\n' "$2" >"$W/want"
	if cmp -s "$W/ans" "$W/want"; then
		pass "$1"
	else
		fail "$1"
		showans "$W/ans"
		printf '#   want: %s\n' "$(printf '%s' "$2" | cut -c1-300)"
		return 1
	fi
}

# answer_empty desc: the last answer was a close with no bytes
answer_empty()
{
	if [ ! -s "$W/ans" ]; then
		pass "$1"
	else
		fail "$1"
		showans "$W/ans"
		echo "#   want: an empty close"
		return 1
	fi
}

# fdcount pid: how many descriptors pid holds
fdcount()
{
	find /proc/"$1"/fd -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

# fds_are pid n: pid holds exactly n descriptors
fds_are()
{
	[ "$(fdcount "$1")" -eq "$2" ]
}

# zombies pid: the pids of pid's children that are zombies
zombies()
{
	for _zc in $(children "$1"); do
		_zs=$(sed 's/.*) //' /proc/"$_zc"/stat 2>/dev/null | cut -c1)
		[ "$_zs" = Z ] && echo "$_zc"
	done
	return 0
}

# no_zombies pid: pid has no zombie child
no_zombies()
{
	[ -z "$(zombies "$1")" ]
}

# cputicks pid: user plus system clock ticks pid has used
cputicks()
{
	sed 's/.*) //' /proc/"$1"/stat | awk '{ print $12 + $13 }'
}

# rsskb pid: resident set size of pid in kB
rsskb()
{
	awk '$1 == "VmRSS:" { print $2 }' /proc/"$1"/status
}

# served_ok desc: the broker is alive and serves a good request
served_ok()
{
	ok "$1: broker alive" kill -0 "$BPID"
	req K | sendraw
	answer_is "$1: good request served after" "{\"value\":\"$GOOD\"}" ||
	    tail -n 5 "$W/log" | sed 's/^/# log: /'
}

# settled desc fds: the broker is back to fds descriptors, reaps its children
settled()
{
	wait_for fds_are "$BPID" "$2"
	is "$1: no descriptor leaked" "$(fdcount "$BPID")" "$2"
	wait_for no_zombies "$BPID"
	is "$1: no zombie" "$(zombies "$BPID" | tr '\n' ' ')" ""
}

# hostile desc answer [raw.py options] <request: send request, check the
# answer is exactly that line (an empty close if answer is empty), that a
# good request is served after, and that nothing leaked (5 tests)
hostile()
{
	_hd=$1
	_hw=$2
	shift 2
	_hn=$(fdcount "$BPID")
	sendraw "$@"
	if [ -z "$_hw" ]; then
		answer_empty "$_hd: closed with no answer"
	else
		answer_is "$_hd: answer" "$_hw"
	fi
	served_ok "$_hd"
	settled "$_hd" "$_hn"
}

# start_status args...: run cellsecd in daemon mode with -E $W/try.env for
# at most 5 seconds, stderr in $W/err; print its exit status (124 if it
# was still running)
start_status()
{
	rm -f "$W/try.env"
	timeout 5 "$CELLSECD" -E "$W/try.env" "$@" </dev/null >/dev/null \
	    2>"$W/err"
	echo $?
}

# has_children pid: true when pid has a child process
has_children()
{
	[ -n "$(children "$1")" ]
}

# --- helpers for the leased-mode tests (t/7x) ---

# ms: wall-clock time in milliseconds (GNU date)
ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# procfield pid name: the value of a field of /proc/PID/status
procfield()
{
	awk -v f="$2:" '$1 == f { print $2 }' /proc/"$1"/status 2>/dev/null
}

# live pid...: those of the pids that are running (neither gone nor zombies)
live()
{
	for _lp in "$@"; do
		_ls=$(sed 's/.*) //' /proc/"$_lp"/stat 2>/dev/null | cut -c1)
		[ -n "$_ls" ] && [ "$_ls" != Z ] && echo "$_lp"
	done
	return 0
}

# running pattern: a live process's command line matches pattern (pgrep -f)
running()
{
	# shellcheck disable=SC2046
	[ -n "$(live $(pgrep -f -- "$1"))" ]
}

# skip desc: count a test as skipped, saying why
skip()
{
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # skip $1"
}

# grandchildren pid: the pids of the children of pid's children, one a line
grandchildren()
{
	for _gc in $(children "$1"); do
		children "$_gc" | tr -s ' ' '\n' | grep .
	done
	return 0
}
