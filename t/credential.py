# t/credential.py socket id [unit]: ask as systemd's LoadCredential= does:
# bind to "@<random hex>/unit/<unit>/<id>", connect, send only EOF, and
# print what comes back
import os
import socket
import sys

unit = sys.argv[3] if len(sys.argv) > 3 else "job.service"
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(b"\0" + os.urandom(8).hex().encode() + b"/unit/" + unit.encode() +
       b"/" + sys.argv[2].encode())
s.connect(sys.argv[1])
s.shutdown(socket.SHUT_WR)
out = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    out += b
sys.stdout.buffer.write(out)
