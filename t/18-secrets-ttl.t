#!/bin/sh
# 18: an entry's ttl overrides the top-level ttl, the default is 300, and a
# ttl below 1 counts as 1
# shellcheck disable=SC1091
. "$(dirname "$0")/lib.sh"

plan 13

cat >"$W/ttl" <<'EOT'
#!/bin/sh
printf %s "$CELLOS_SECRET_TTL"
EOT
chmod 755 "$W/ttl"

F=$(secrets <<EOT
{"ttl": 7, "secrets": {
	"OWN": {"command": ["$W/ttl"], "ttl": 42},
	"TOP": {"command": ["$W/ttl"]},
	"ZERO": {"command": ["$W/ttl"], "ttl": 0},
	"NEG": {"command": ["$W/ttl"], "ttl": -5}
}}
EOT
)
start_broker -f "$F" || exit 1
is "entry ttl overrides the top-level ttl" "$("$CELLSEC" get OWN)" 42
is "top-level ttl applies" "$("$CELLSEC" get TOP)" 7
is "ttl 0 counts as 1" "$("$CELLSEC" get ZERO)" 1
is "negative ttl counts as 1" "$("$CELLSEC" get NEG)" 1
stop_broker

F=$(secrets <<EOT
{"secrets": {"DEF": {"command": ["$W/ttl"]}}}
EOT
)
start_broker -f "$F" || exit 1
is "default ttl 300" "$("$CELLSEC" get DEF)" 300
stop_broker

# observed: with a top-level ttl of 1, an entry's longer ttl keeps it alive
F=$(secrets <<'EOT'
{"ttl": 1, "secrets": {
	"LONG": {"value": "long", "ttl": 100},
	"SHORT": "short",
	"ZERO": {"value": "zero", "ttl": 0}
}}
EOT
)
start_broker -f "$F" || exit 1
is "ttl 0: served at first" "$("$CELLSEC" get ZERO 2>&1)" zero
sleep 2
is "top-level ttl 1: expired after 2 s" "$("$CELLSEC" get SHORT 2>&1)" \
    'cellsec: secret expired'
is "ttl 0: expired after 2 s" "$("$CELLSEC" get ZERO 2>&1)" \
    'cellsec: secret expired'
is "entry ttl 100: still served" "$("$CELLSEC" get LONG 2>&1)" long
stop_broker

is "ttl a string: exit 78" "$(start_status -f "$(secrets bad.json <<'EOT'
{"secrets": {"A": {"value": "a", "ttl": "5"}}}
EOT
)")" 78
is "ttl a fraction: exit 78" "$(start_status -f "$(secrets bad.json <<'EOT'
{"secrets": {"A": {"value": "a", "ttl": 1.5}}}
EOT
)")" 78
is "top-level ttl a boolean: exit 78" \
    "$(start_status -f "$(secrets bad.json <<'EOT'
{"ttl": true, "secrets": {"A": "a"}}
EOT
)")" 78
is "ttl too large for 64 bits: exit 78" \
    "$(start_status -f "$(secrets bad.json <<'EOT'
{"secrets": {"A": {"value": "a", "ttl": 99999999999999999999999}}}
EOT
)")" 78

done_testing
