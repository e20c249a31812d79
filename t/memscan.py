# t/memscan.py pid: exit 0 if no 16-byte piece of the bytes on stdin
# appears in the readable memory of pid, 1 if one does (a freed copy has
# its first bytes overwritten by the allocator, so the whole may be gone
# while the rest remains), 2 if nothing could be read
#
# Mappings with no resident page hold no data and are passed over, and so
# are mappings of more than 64 GiB: nothing of the broker's is that big,
# and under ASan they are its shadow, which holds no data of the program.
# The rest is read in chunks that overlap by a piece's length.
import sys

CHUNK = 16 << 20
HUGE = 64 << 30

needle = sys.stdin.buffer.read()
if len(needle) < 16:
    sys.exit(2)
pieces = {needle[i:i + 16] for i in range(0, len(needle) - 15, 4)}
pieces.add(needle[-16:])
pid = sys.argv[1]

regions = []
with open("/proc/%s/smaps" % pid) as smaps:
    for line in smaps:
        f = line.split()
        if "-" in f[0] and len(f) >= 5 and ":" not in f[0]:
            regions.append([line.strip(), f, 0])
        elif f[0] == "Rss:" and regions:
            regions[-1][2] = int(f[1])

scanned = 0
with open("/proc/%s/mem" % pid, "rb", 0) as mem:
    for line, f, rss in regions:
        if not f[1].startswith("r") or rss == 0 or \
                (len(f) > 5 and f[5] == "[vvar]"):
            continue
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        if hi - lo > HUGE:
            continue
        at = lo
        while at < hi:
            try:
                mem.seek(at)
                data = mem.read(min(CHUNK + 15, hi - at))
            except (OSError, ValueError, OverflowError):
                break
            scanned += 1
            for p in pieces:
                if p in data:
                    print("# found %r in %s" % (p, line),
                        file=sys.stderr)
                    sys.exit(1)
            at += CHUNK
sys.exit(0 if scanned else 2)
