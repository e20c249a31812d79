#!/bin/sh
# t/sanitize.sh: build a copy of the tree with ASan and UBSan, run its tests
#
# usage: sh t/sanitize.sh [make arguments]
# The copy lives in a temp dir, so the normal build is untouched.  Exits
# with the status of `make check` there.

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cellsec-san.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# the sources: what git knows of, or failing that the usual files
cd "$top" || exit 1
if files=$(git ls-files --cached --others --exclude-standard 2>/dev/null) &&
    [ -n "$files" ]; then
	printf '%s\n' "$files" | while IFS= read -r f; do
		[ -e "$f" ] || continue
		mkdir -p "$tmp/src/$(dirname "$f")"
		cp -p "$f" "$tmp/src/$f"
	done
else
	mkdir -p "$tmp/src"
	cp -pR ./*.c ./*.h Makefile t man "$tmp/src"/
fi
cd "$tmp/src" || exit 1
rm -f ./*.o cellsecd cellsec t/json-test t/broker-test

san='-fsanitize=address,undefined'
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS
# LDSTATIC=: the sanitizer runtimes need a dynamic link
make CC=clang LDSTATIC= \
    CFLAGS="-O1 -g $san -fno-omit-frame-pointer -fno-sanitize-recover=all" \
    LDFLAGS="$san" check "$@"
