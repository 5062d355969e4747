# Two TCP listeners on 127.0.0.1, ephemeral ports, for the [network] tests
# (tests/56-learn-landlock.t, tests/36-network-guard.t): prints both ports on
# one line, then answers each connection with "hello\n" for SECONDS (argv[1],
# default 30) or until killed.
import socket, sys, time
servers = []
for _ in range(2):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.settimeout(0.2)
    servers.append(s)
print(" ".join(str(s.getsockname()[1]) for s in servers), flush=True)
end = time.time() + (int(sys.argv[1]) if len(sys.argv) > 1 else 30)
while time.time() < end:
    for s in servers:
        try:
            c, _ = s.accept()
            c.sendall(b"hello\n")
            c.close()
        except socket.timeout:
            pass
