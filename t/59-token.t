#!/bin/sh
# a token of the wrong length or one byte off is unauthorized
# shellcheck source=t/lib.sh
. "$(dirname "$0")/lib.sh"

plan 25
good_broker || exit 1
T=$CELLOS_RUNTIME_SECRET_TOKEN
NO='{"error":"unauthorized"}'

short=${T%?}
last=${T#"$short"}
case $last in
0)	other=1 ;;
*)	other=0 ;;
esac

req K "$short" >"$W/r"
hostile "token one byte short" "$NO" <"$W/r"
req K "${T}0" >"$W/r"
hostile "token one byte long" "$NO" <"$W/r"
req K "" >"$W/r"
hostile "empty token" "$NO" <"$W/r"
req K "$T$T" >"$W/r"
hostile "token twice" "$NO" <"$W/r"
req K "$short$other" >"$W/r"
hostile "token differing in the last byte" "$NO" <"$W/r"

done_testing
