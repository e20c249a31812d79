# t/idle.py: open idle connections that never send a byte
#
# usage: idle.py socket count timeout      wait for the broker to close each
#        idle.py --hold file socket count  hold them until `file` exists
# The first form prints "closed N data N open N min S max S": how many were
# closed with nothing sent, closed after sending something, or still open
# at the timeout, and the least and most seconds from connect to close.
import os
import selectors
import socket
import sys
import time

hold = None
args = sys.argv[1:]
if args[0] == "--hold":
    hold, args = args[1], args[2:]
path, count = args[0], int(args[1])

socks = []
for _ in range(count):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(path)
    s.setblocking(False)
    socks.append((s, time.monotonic()))

if hold:
    print("open %d" % len(socks), flush=True)
    while not os.path.exists(hold):
        time.sleep(0.05)
    sys.exit(0)

timeout = float(args[2])
sel = selectors.DefaultSelector()
for s, t in socks:
    sel.register(s, selectors.EVENT_READ, t)
closed = data = 0
times = []
end = time.monotonic() + timeout
while sel.get_map() and time.monotonic() < end:
    for k, _ in sel.select(max(0.0, end - time.monotonic())):
        try:
            b = k.fileobj.recv(4096)
        except ConnectionResetError:
            b = b""
        if b:
            data += 1
        else:
            closed += 1
        times.append(time.monotonic() - k.data)
        sel.unregister(k.fileobj)
        k.fileobj.close()
print("closed %d data %d open %d min %.2f max %.2f" % (
    closed, data, len(sel.get_map()), min(times or [0]), max(times or [0])))
