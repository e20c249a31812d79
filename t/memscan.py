# t/memscan.py pid: exit 0 if no 16-byte piece of the bytes on stdin
# appears in the readable memory of pid, 1 if one does (a freed copy has
# its first bytes overwritten by the allocator, so the whole may be gone
# while the rest remains), 2 if nothing could be read
import sys

needle = sys.stdin.buffer.read()
if len(needle) < 16:
    sys.exit(2)
pieces = {needle[i:i + 16] for i in range(0, len(needle) - 15, 4)}
pieces.add(needle[-16:])
pid = sys.argv[1]
scanned = 0
with open("/proc/%s/maps" % pid) as maps, \
        open("/proc/%s/mem" % pid, "rb", 0) as mem:
    for line in maps:
        f = line.split()
        if not f[1].startswith("r") or (len(f) > 5 and f[5] == "[vvar]"):
            continue
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        try:
            mem.seek(lo)
            data = mem.read(hi - lo)
        except (OSError, ValueError, OverflowError):
            continue
        scanned += 1
        for p in pieces:
            if p in data:
                print("# found %r in %s" % (p, line.strip()),
                    file=sys.stderr)
                sys.exit(1)
sys.exit(0 if scanned else 2)
