#!/bin/sh
# out of descriptors: the broker neither dies nor spins, and recovers
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 10

# lowfree pid: the lowest descriptor number pid does not hold
lowfree()
{
	_l=0
	while [ -L /proc/"$1"/fd/$_l ]; do
		_l=$((_l + 1))
	done
	echo $_l
}

cat >"$W/limited" <<EOF2
#!/bin/sh
ulimit -n 12 || exit 1
exec "$TOP/cellsecd" "\$@"
EOF2
chmod +x "$W/limited"
CELLSECD=$W/limited
good_broker || exit 1
S=$CELLOS_RUNTIME_SECRET_SOCKET
served_ok "ulimit -n 12"
n0=$(fdcount "$BPID")

# more idle connections than descriptors: the parent keeps none of them
python3 "$TOP/t/idle.py" --hold "$W/release1" "$S" 20 >"$W/held1" &
h1=$!
wait_for grep -q open "$W/held1"
sleep 0.5
ok "20 idle connections under ulimit -n 12: broker alive" kill -0 "$BPID"

# now leave the parent no free descriptor number, so every accept fails
lim=$(lowfree "$BPID")
prlimit --pid "$BPID" --nofile="$lim":12
python3 "$TOP/t/idle.py" --hold "$W/release2" "$S" 3 >"$W/held2" &
h2=$!
wait_for grep -q open "$W/held2"
sleep 0.2
c0=$(cputicks "$BPID")
l0=$(wc -l <"$W/log")
sleep 2
c1=$(cputicks "$BPID")
l1=$(wc -l <"$W/log")
ok "2 s of EMFILE: broker alive" kill -0 "$BPID"
ok "2 s of EMFILE: no spin ($((c1 - c0)) ticks, want < 50)" \
    [ $((c1 - c0)) -lt 50 ]
ok "2 s of EMFILE: logged once, not per retry ($((l1 - l0)) more lines)" \
    [ $((l1 - l0)) -eq 0 ]
grep -i 'accept' "$W/log" | sort | uniq -c | sed 's/^/# log: /'

prlimit --pid "$BPID" --nofile=12:12
touch "$W/release1" "$W/release2"
wait "$h1" "$h2"
served_ok "after EMFILE"
settled "after EMFILE" "$n0"

done_testing
