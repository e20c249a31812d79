# t/raw.py: send stdin to a UNIX socket in a chosen way, print the answer
#
# usage: raw.py [--no-eof] [--chunk N --delay S] [--hangup] [--timeout S]
#            [--time FILE] socket
# --no-eof keeps the write side open, --chunk/--delay dribble the request,
# --hangup closes without reading, --time writes the seconds from connect
# to the broker's close.  Exit 3 if the broker did not close in time.
import argparse
import socket
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--no-eof", action="store_true")
p.add_argument("--chunk", type=int, default=0)
p.add_argument("--delay", type=float, default=0.0)
p.add_argument("--hangup", action="store_true")
p.add_argument("--timeout", type=float, default=10.0)
p.add_argument("--time")
p.add_argument("socket")
a = p.parse_args()

data = sys.stdin.buffer.read()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(a.timeout)
s.connect(a.socket)
t0 = time.monotonic()
try:
    if a.chunk > 0:
        for i in range(0, len(data), a.chunk):
            s.sendall(data[i:i + a.chunk])
            time.sleep(a.delay)
    else:
        s.sendall(data)
    if a.hangup:
        s.close()
        sys.exit(0)
    if not a.no_eof:
        s.shutdown(socket.SHUT_WR)
except (BrokenPipeError, ConnectionResetError):
    pass

out = b""
status = 0
while True:
    try:
        b = s.recv(65536)
    except ConnectionResetError:
        continue        # the error is reported once, data or EOF follows
    except socket.timeout:
        sys.stderr.write("raw.py: no close within %g s\n" % a.timeout)
        status = 3
        break
    if not b:
        break
    out += b
if a.time:
    with open(a.time, "w") as f:
        f.write("%.3f\n" % (time.monotonic() - t0))
sys.stdout.buffer.write(out)
sys.exit(status)
