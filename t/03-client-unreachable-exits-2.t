#!/bin/sh
# 03: cellsec exits 2 when the broker cannot be reached, answers garbage,
# or the environment is missing
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 9

TOK=00000000-0000-4000-8000-000000000000

is "both variables unset" "$(status_of "$CELLSEC" get PW)" 2
is "socket variable unset" "$(status_of env \
    CELLOS_RUNTIME_SECRET_TOKEN=$TOK "$CELLSEC" get PW)" 2
is "token variable unset" "$(status_of env \
    CELLOS_RUNTIME_SECRET_SOCKET="$W/none" "$CELLSEC" get PW)" 2
is "socket missing" "$(status_of env CELLOS_RUNTIME_SECRET_SOCKET="$W/none" \
    CELLOS_RUNTIME_SECRET_TOKEN=$TOK "$CELLSEC" get PW)" 2

# a stale socket: bound, then closed, nobody listening
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.close()' \
    "$W/stale.sock"
is "nobody listening on the socket" "$(status_of env \
    CELLOS_RUNTIME_SECRET_SOCKET="$W/stale.sock" \
    CELLOS_RUNTIME_SECRET_TOKEN=$TOK "$CELLSEC" get PW)" 2

# a fake broker answering each connection with the next argument
python3 -c 'import os, socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(8)
for a in sys.argv[2:]:
    c, _ = s.accept(); c.recv(4096); c.sendall(a.encode()); c.close()' \
    "$W/fake.sock" 'garbage
' '{"value":1}
' '' '{"nothing":"x"}
' &
FPID=$!
wait_for test -S "$W/fake.sock"
export CELLOS_RUNTIME_SECRET_SOCKET="$W/fake.sock"
export CELLOS_RUNTIME_SECRET_TOKEN=$TOK
is "answer not JSON" "$(status_of "$CELLSEC" get PW)" 2
is "value not a string" "$(status_of "$CELLSEC" get PW)" 2
is "empty answer" "$(status_of "$CELLSEC" get PW)" 2
is "neither value nor error" "$(status_of "$CELLSEC" get PW)" 2
kill "$FPID" 2>/dev/null

done_testing
