# t/hold.py socket seconds [data]: connect, send data, wait until the peer
# closes or seconds pass; print "closed S" or "open S", then what came back
import socket
import sys
import time

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
start = time.monotonic()
if len(sys.argv) > 3:
    s.sendall(sys.argv[3].encode())
deadline = start + float(sys.argv[2])
out = b""
state = "open"
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        break
    s.settimeout(left)
    try:
        b = s.recv(65536)
    except socket.timeout:
        break
    except ConnectionResetError:
        state = "closed"
        break
    if not b:
        state = "closed"
        break
    out += b
print("%s %.1f" % (state, time.monotonic() - start))
sys.stdout.flush()
sys.stdout.buffer.write(out)
