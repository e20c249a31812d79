# t/flood.py: send N bad requests, one connection each, from one process
#
# usage: flood.py socket token count
# Cycles through several kinds of bad request and checks each answer;
# prints "sent N answered N wrong N failed N" and the first wrong answer.
import socket
import sys

path, token, count = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
BAD = b'{"error":"bad request"}\n'
LONG = b'{"error":"request too long"}\n'
UNAUTH = b'{"error":"unauthorized"}\n'
kinds = [
    (b"garbage\n", BAD),
    (b"\n", BAD),
    (b'{"token":"' + token + b'","key":"K\x00"}\n', BAD),
    (b'{"token":"' + token + b'","key":"\xed\xa0\x80"}\n', BAD),
    (b'{"token":"' + token + b'","key":["K"]}\n', BAD),
    (b'{"token":"' + token + b'","key":"K"}x\n', BAD),
    (b'{"token":"' + token + b'","key":"K","x":' + b"[" * 4000 + b"\n",
     BAD),
    (b"x" * 5000 + b"\n", LONG),
    (b'{"token":"' + token[:-1] + b'!","key":"K"}\n', UNAUTH),
]

answered = wrong = failed = 0
first = None
for i in range(count):
    req, want = kinds[i % len(kinds)]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    try:
        s.connect(path)
        try:
            s.sendall(req)
            s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        out = b""
        while True:
            try:
                b = s.recv(4096)
            except ConnectionResetError:
                continue
            if not b:
                break
            out += b
        answered += 1
        if out != want:
            wrong += 1
            if first is None:
                first = (req[:60], out[:200])
    except OSError as e:
        failed += 1
        if first is None:
            first = (req[:60], repr(e).encode())
    finally:
        s.close()
print("sent %d answered %d wrong %d failed %d" % (count, answered, wrong,
                                                   failed))
if first:
    print("# first: %r -> %r" % first)
