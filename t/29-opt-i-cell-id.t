#!/bin/sh
# 29: -i sets the cell id, which is logged and given to command sources;
# else the file's "cell", else "cell"
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 7

cat >"$W/cellid" <<'EOT'
#!/bin/sh
printf %s "$CELLOS_CELL_ID"
EOT
chmod 755 "$W/cellid"

F=$(secrets <<EOT
{"cell": "from-file", "secrets": {"ID": {"command": ["$W/cellid"]}}}
EOT
)
start_broker -i job-9 -f "$F" || exit 1
is "-i: CELLOS_CELL_ID of a command" "$("$CELLSEC" get ID)" job-9
like "-i: startup line" "$(cat "$W/log")" \
    "^cellsecd: cell job-9: serving 1 secrets? on "
like "-i: request line" "$(cat "$W/log")" \
    '^cellsecd: cell job-9: uid 0 pid [0-9]+ key "ID": ok$'
stop_broker

start_broker -f "$F" || exit 1
is "file's cell: CELLOS_CELL_ID" "$("$CELLSEC" get ID)" from-file
like "file's cell: logged" "$(cat "$W/log")" '^cellsecd: cell from-file: '
stop_broker

F=$(secrets <<EOT
{"secrets": {"ID": {"command": ["$W/cellid"]}}}
EOT
)
start_broker -f "$F" || exit 1
is "default: CELLOS_CELL_ID" "$("$CELLSEC" get ID)" cell
like "default: logged" "$(cat "$W/log")" '^cellsecd: cell cell: '

done_testing
