#!/bin/sh
# 16: a command source sees CELLOS_CELL_ID, CELLOS_SECRET_KEY and
# CELLOS_SECRET_TTL, the broker's environment, and no other CELLOS_*
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 8

cat >"$W/showenv" <<'EOT'
#!/bin/sh
printf '%s|' "${CELLOS_CELL_ID-unset}" "${CELLOS_SECRET_KEY-unset}" \
    "${CELLOS_SECRET_TTL-unset}" "${CELLOS_RUNTIME_SECRET_SOCKET-unset}" \
    "${CELLOS_RUNTIME_SECRET_TOKEN-unset}" "${CELLOS_SECRET_DELIVERY-unset}" \
    "${CELLOS_OTHER-unset}" "${PLAIN-unset}"
EOT
chmod 755 "$W/showenv"

F=$(secrets <<EOT
{"cell": "from-file",
	"secrets": {"ENVDUMP": {"command": ["$W/showenv"], "ttl": 42}}}
EOT
)
export CELLOS_RUNTIME_SECRET_SOCKET=/leak/sock
export CELLOS_RUNTIME_SECRET_TOKEN=leaktoken
export CELLOS_SECRET_DELIVERY=leak
export CELLOS_OTHER=leak
export PLAIN=kept
start_broker -i job-7 -f "$F" || exit 1

v=$("$CELLSEC" get ENVDUMP)
IFS='|' read -r id key ttl sock tok dlv other plain <<EOT
$v
EOT
is "CELLOS_CELL_ID" "$id" job-7
is "CELLOS_SECRET_KEY" "$key" ENVDUMP
is "CELLOS_SECRET_TTL" "$ttl" 42
is "CELLOS_RUNTIME_SECRET_SOCKET absent" "$sock" unset
is "CELLOS_RUNTIME_SECRET_TOKEN absent" "$tok" unset
is "CELLOS_SECRET_DELIVERY absent" "$dlv" unset
is "other CELLOS_ variables absent" "$other" unset
is "the broker's other variables present" "$plain" kept

done_testing
