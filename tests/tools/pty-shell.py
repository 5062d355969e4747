# SPDX-License-Identifier: LGPL-2.1-or-later
# Plays an interactive shell on a fresh pseudo-terminal: a session leader
# with the terminal as its controlling tty runs CMD in its session, standard
# input and output on the terminal (stderr stays the caller's), waits for it,
# then reads what is left in the terminal's input queue: what the shell would
# read and run next. Prints "status=S queued=BYTES" (S negative: killed by
# signal -S). Run with /usr/bin/python3 pty-shell.py CMD [ARGS...].
import os
import signal
import sys
import termios
import fcntl

master, slave = os.openpty()
shell = os.fork()
if shell == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    # Non-canonical, no echo, reads never wait: the queue as it is.
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~(termios.ICANON | termios.ECHO)
    attrs[6][termios.VMIN] = 0
    attrs[6][termios.VTIME] = 0
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    cmd = os.fork()
    if cmd == 0:
        # A shell's foreground job starts with the terminal's signals at their
        # defaults, even where this driver was started with them ignored (a
        # background job of a script: `make test &`).
        for sig in (signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, signal.SIG_DFL)
        os.close(master)
        os.dup2(slave, 0)
        os.dup2(slave, 1)
        os.close(slave)
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    os.close(master)
    status = os.waitstatus_to_exitcode(os.waitpid(cmd, 0)[1])
    queued = b""
    while True:
        try:
            chunk = os.read(slave, 4096)
        except OSError:
            break
        if not chunk:
            break
        queued += chunk
    sys.stdout.write("status=%d queued=%s\n" % (status, queued.decode("latin-1")))
    sys.stdout.flush()
    os._exit(0)
os.close(slave)
# Keep the master open (closing it hangs the terminal up) until the shell is done.
os._exit(os.waitstatus_to_exitcode(os.waitpid(shell, 0)[1]))
