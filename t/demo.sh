#!/bin/sh
# t/demo.sh: a cell that fetches its database password through cellsecd
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/cellsec-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
umask 077

cat >"$dir/job.json" <<JSON
{
  "cell": "demo-1",
  "ttl": 60,
  "secrets": {
    "DB_PASSWORD": "correct horse battery staple",
    "BUILD_ID": { "command": ["/bin/sh", "-c", "echo build-\$CELLOS_CELL_ID"] }
  }
}
JSON

cat >"$dir/job.sh" <<'JOB'
#!/bin/sh
# the cell: it holds a socket path and a token, no secret
set -eu
echo "cell: delivery is $CELLOS_SECRET_DELIVERY"
if env | grep -q 'correct horse'; then
	echo "cell: the secret is in the environment" >&2
	exit 1
fi
echo "cell: no secret in the environment"
pw=$(cellsec get DB_PASSWORD)
echo "cell: DB_PASSWORD is \"$pw\""
echo "cell: BUILD_ID is \"$(cellsec get BUILD_ID)\""
if cellsec get NO_SUCH_KEY; then
	exit 1
fi
echo "cell: done"
JOB

echo "demo: running a cell under cellsecd"
PATH=$top:$PATH "$top/cellsecd" -f "$dir/job.json" -- sh "$dir/job.sh"
echo "demo: the cell exited 0; the broker stopped and wiped its secrets"
