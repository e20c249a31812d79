# t/fakebroker.py: a broker that answers one connection with a given reply
#
# usage: fakebroker.py socket reply-file ready-file
# Listens on socket, touches ready-file, then for one connection reads the
# request line, writes the bytes of reply-file as they are and closes.
import socket
import sys

path, reply, ready = sys.argv[1:4]
with open(reply, "rb") as f:
    out = f.read()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(1)
s.settimeout(20)
open(ready, "w").close()
c, _ = s.accept()
c.settimeout(5)
got = b""
try:
    while b"\n" not in got:
        b = c.recv(4096)
        if not b:
            break
        got += b
except OSError:
    pass
try:
    c.sendall(out)
except OSError:
    pass
c.close()
s.close()
