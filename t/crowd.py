# t/crowd.py: many concurrent good requests from threads
#
# usage: crowd.py socket token key value clients total [broker-pid]
# Each of `clients` threads sends requests until `total` are done, each on
# its own connection.  Prints "ok N wrong N failed N maxchildren N", where
# maxchildren is the most children broker-pid had at one sample.
import os
import socket
import sys
import threading
import time

path, token, key, value = sys.argv[1:5]
clients, total = int(sys.argv[5]), int(sys.argv[6])
bpid = sys.argv[7] if len(sys.argv) > 7 else None
req = ('{"token":"%s","key":"%s"}\n' % (token, key)).encode()
want = ('{"value":"%s"}\n' % value).encode()

lock = threading.Lock()
left = [total]
res = {"ok": 0, "wrong": 0, "failed": 0}
first = []
done = threading.Event()


def take():
    with lock:
        if left[0] == 0:
            return False
        left[0] -= 1
        return True


def count(what, detail=None):
    with lock:
        res[what] += 1
        if detail is not None and not first:
            first.append(detail)


def client():
    while take():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(60)
        try:
            s.connect(path)
            s.sendall(req)
            out = b""
            while not out.endswith(b"\n"):
                b = s.recv(4096)
                if not b:
                    break
                out += b
            if out == want:
                count("ok")
            else:
                count("wrong", out[:200])
        except OSError as e:
            count("failed", repr(e))
        finally:
            s.close()


def children():
    n = 0
    try:
        for t in os.listdir("/proc/%s/task" % bpid):
            with open("/proc/%s/task/%s/children" % (bpid, t)) as f:
                n += len(f.read().split())
    except OSError:
        pass
    return n


maxchildren = [0]


def watch():
    while not done.is_set():
        maxchildren[0] = max(maxchildren[0], children())
        time.sleep(0.001)


w = None
if bpid:
    w = threading.Thread(target=watch)
    w.start()
ts = [threading.Thread(target=client) for _ in range(clients)]
for t in ts:
    t.start()
for t in ts:
    t.join()
done.set()
if w:
    w.join()
print("ok %d wrong %d failed %d maxchildren %d" % (res["ok"], res["wrong"],
                                                     res["failed"],
                                                     maxchildren[0]))
if first:
    print("# first: %r" % (first[0],))
