#!/bin/sh
# 91: make install honours PREFIX and DESTDIR; make uninstall undoes it
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 4

D=$W/dest
make -s -C "$TOP" install DESTDIR="$D" PREFIX=/opt/cs >"$W/out" 2>&1
is "make install: exit 0" "$?" 0
is "programs and pages in place" "$(cd "$D" && find . -type f | sort)" \
"./opt/cs/bin/cellsec
./opt/cs/sbin/cellsecd
./opt/cs/share/man/man1/cellsec.1
./opt/cs/share/man/man5/cellsec.5
./opt/cs/share/man/man8/cellsecd.8"
is "the installed cellsecd runs" \
    "$(status_of "$D/opt/cs/sbin/cellsecd" -x)" 64
make -s -C "$TOP" uninstall DESTDIR="$D" PREFIX=/opt/cs >"$W/out" 2>&1
is "make uninstall removes every file" "$(find "$D" -type f | wc -l)" 0

done_testing
