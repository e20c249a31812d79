#!/bin/sh
# an unknown key is echoed back escaped, whatever its length or bytes
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 11
good_broker || exit 1

k=$(head -c 4000 /dev/zero | tr '\0' A)
req "$k" >"$W/r"
hostile "4000-byte key" \
    "{\"error\":\"unknown secret key \\\"$k\\\"\"}" <"$W/r"

# the key a"b<ESC>[31m is escaped once as a key (a\"b\u001B[31m), and the
# message is then a JSON string itself
req 'a\"b\u001b[31m' >"$W/r"
hostile "quote and ESC in key" \
    '{"error":"unknown secret key \"a\\\"b\\u001B[31m\""}' <"$W/r"
esc=$(printf '\033')
case $(cat "$W/log") in
*"$esc"*)	fail "quote and ESC in key: no raw ESC in the log" ;;
*)		pass "quote and ESC in key: no raw ESC in the log" ;;
esac

done_testing
