#!/bin/sh
# 90: the manual pages are clean under mandoc -Tlint, and each SYNOPSIS
# says what the program's usage() says
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 4

# synopsis page: the SYNOPSIS section as one line of words
synopsis()
{
	MANWIDTH=200 mandoc -Tascii "$TOP/man/$1" | sed "s/.$(printf '\b')//g" |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//'
}

# usage prog args...: what usage() prints, as one line of words
usage()
{
	"$@" 2>&1 | sed 's/^usage: //' | tr -s ' \n' '  ' | sed 's/ *$//'
}

if ! command -v mandoc >/dev/null; then
	echo "1..0 # SKIP mandoc is not installed"
	exit 0
fi
is "mandoc -Tlint: no warning" \
    "$(mandoc -Tlint -Wwarning "$TOP"/man/*.[158] 2>&1)" ""
is "cellsecd(8) SYNOPSIS is usage()" "$(synopsis cellsecd.8)" \
    "$(usage "$CELLSECD")"
is "cellsec(1) SYNOPSIS is usage()" "$(synopsis cellsec.1)" \
    "$(usage "$CELLSEC")"
# shellcheck disable=SC2016
ok "every option in usage() is described in cellsecd(8)" sh -c '
	for o in L q v c E f i s t u; do
		grep -q "^\.It Fl $o" "$1" || { echo "# -$o"; exit 1; }
	done' sh "$TOP/man/cellsecd.8"

done_testing
