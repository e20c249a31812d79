#!/bin/sh
# 75: a leased broker in front of a real secret store, pass(1): a rotated
# password is served on the next get, without a restart
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

if [ ! -x /usr/bin/pass ] || ! command -v gpg >/dev/null 2>&1; then
	echo "1..0 # SKIP /usr/bin/pass or gpg is not installed"
	exit 0
fi

plan 10

# lib.sh has a function named pass
PASS=/usr/bin/pass

# gpg-agent's socket lives in GNUPGHOME: keep the path short
if [ ${#W} -le 40 ]; then
	G=$W/g
	mkdir -m 700 "$G"
else
	G=$(mktemp -d /tmp/cellsec-g.XXXXXX)
fi
GNUPGHOME=$G
PASSWORD_STORE_DIR=$G/store
export GNUPGHOME PASSWORD_STORE_DIR

done75()
{
	gpgconf --kill gpg-agent 2>/dev/null
	[ "$G" = "$W/g" ] || rm -rf "$G"
	cleanup
}
trap done75 EXIT

gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key \
    'cellsec test <test@cellsec.invalid>' default default never \
    >"$W/gpg.log" 2>&1
FP=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null |
    awk -F: '$1 == "fpr" { print $10; exit }')
ok "a throwaway key" test -n "$FP"
"$PASS" init "$FP" >"$W/pass.log" 2>&1
printf 'v1\n' | "$PASS" insert -m ci/deploy >>"$W/pass.log" 2>&1
# this also starts gpg-agent outside the broker
is "control: pass itself shows v1" "$("$PASS" show ci/deploy 2>&1)" v1

F=$(secrets <<'EOT'
{"secrets": {"DEPLOY": {"command": ["/usr/bin/pass", "show", "ci/deploy"]}}}
EOT
)
start_broker -L -t 30 -f "$F" || exit 1
is "the stored password served" "$("$CELLSEC" get DEPLOY 2>&1)" v1
printf 'v2\n' | "$PASS" insert -m -f ci/deploy >>"$W/pass.log" 2>&1
is "control: pass shows v2 after the rotation" \
    "$("$PASS" show ci/deploy 2>&1)" v2
is "the rotated password served on the next get" \
    "$("$CELLSEC" get DEPLOY 2>&1)" v2
is "by the same broker: started once" \
    "$(grep -c 'serving 1 secrets' "$W/log")" 1
ok "the broker still runs" kill -0 "$BPID"

"$PASS" rm -f ci/deploy >>"$W/pass.log" 2>&1
"$CELLSEC" get DEPLOY >"$W/out" 2>"$W/err"
is "a removed password: exit 1" "$?" 1
like "a removed password: the error names the key and pass's status" \
    "$(cat "$W/err")" \
    '^cellsec: source for "DEPLOY" failed: command exited with status [1-9]'
like "a removed password: pass's complaint is in the log" "$(cat "$W/log")" \
    'DEPLOY: /usr/bin/pass: .*ci/deploy'

done_testing
