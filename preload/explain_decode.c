/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Arguments of a trapped call as a policy would write them, for the explain
 * report: called from the SIGSYS handler, so async-signal-safe by
 * construction: static tables, a caller's buffer, and one raw
 * process_vm_readv (only when the policy allows it outright, else reading
 * would be trapped again, with SIGSYS blocked: a death without the report).
 * Which argument is what, and the constants that name its values, come from
 * the engine's table (data/syscall-args.txt), read with async-signal-safe
 * calls (ss_arg_of, ss_arg_constant_at). */
#define _GNU_SOURCE
#include "guest.h"
#include "raw_syscall.h"

#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

struct buf {
    char *p;
    size_t n, size;
};

static void add(struct buf *b, const char *s)
{
    while (*s && b->n < b->size - 1)
        b->p[b->n++] = *s++;
    b->p[b->n] = 0;
}

static void add_hex(struct buf *b, unsigned long long v)
{
    char digits[20];
    int i = sizeof digits - 1;

    digits[i] = 0;
    do {
        digits[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    add(b, "0x");
    add(b, digits + i);
}

/* The name kind gives v (data/syscall-args.txt), if any. */
static bool add_name(struct buf *b, enum ss_arg_kind kind, unsigned long long v)
{
    long long value;
    const char *name;

    for (size_t i = 0; (name = ss_arg_constant_at(kind, &i, &value));)
        if ((unsigned long long)value == v) {
            add(b, name);
            return true;
        }
    return false;
}

static bool one_bit(unsigned long long v)
{
    return v && !(v & (v - 1));
}

/* kind's names ORed: those of several bits first (O_SYNC holds O_DSYNC,
 * O_TMPFILE holds O_DIRECTORY), then one a bit, lowest first; what no name
 * covers stays a hexadecimal rest. */
static void add_flags(struct buf *b, enum ss_arg_kind kind, unsigned long long v, const char *zero)
{
    long long value;
    const char *name;
    bool first = true;

    if (zero && !v) {
        add(b, zero);
        return;
    }
    for (size_t i = 0; (name = ss_arg_constant_at(kind, &i, &value));) {
        unsigned long long bits = (unsigned long long)value;
        if (value > 0 && !one_bit(bits) && (v & bits) == bits) {
            add(b, first ? "" : "|");
            add(b, name);
            v &= ~bits;
            first = false;
        }
    }
    for (unsigned bit = 0; bit < 64; bit++)
        for (size_t i = 0; (v >> bit & 1) && (name = ss_arg_constant_at(kind, &i, &value));)
            if ((unsigned long long)value == 1ULL << bit) {
                add(b, first ? "" : "|");
                add(b, name);
                v &= ~(1ULL << bit);
                first = false;
            }
    if (v || first) {
        add(b, first ? "" : "|");
        add_hex(b, v);
    }
}

/* The program's string at addr, quoted, at most 200 bytes (then "..."). */
static void add_path(struct buf *b, unsigned long long addr)
{
    char s[201];
    struct iovec local = {s, sizeof s - 1}, remote = {(void *)addr, sizeof s - 1};
    long pid = ss_raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
    long got;

    /* Reads stop at the first unreadable page: try the whole length, then
     * only up to the end of addr's page. */
    got = ss_raw_syscall(SYS_process_vm_readv, pid, (long)&local, 1, (long)&remote, 1, 0);
    if (got <= 0) {
        remote.iov_len = local.iov_len = 4096 - (addr & 4095);
        if (remote.iov_len > sizeof s - 1)
            remote.iov_len = local.iov_len = sizeof s - 1;
        got = ss_raw_syscall(SYS_process_vm_readv, pid, (long)&local, 1, (long)&remote, 1, 0);
    }
    if (got <= 0) {
        add_hex(b, addr);
        add(b, " (unreadable)");
        return;
    }
    s[got] = 0;
    add(b, "\"");
    for (long i = 0; i < got && s[i]; i++) {
        char c[2] = {s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' ? s[i] : '?', 0};
        add(b, c);
        if (i == got - 1)
            add(b, "...");
    }
    add(b, "\"");
}

size_t ss_explain_arg(char *out, size_t size, int nr, unsigned arg, unsigned long long v,
                      bool can_read)
{
    struct buf b = {out, 0, size};

    if (!size)
        return 0;
    out[0] = 0;
    /* What the argument is: data/syscall-args.txt (engine/syscall_args.c). */
    switch (ss_arg_of(nr, arg).kind) {
    case SS_ARG_PATH:
        if (!v)
            add(&b, "NULL");
        else if (can_read)
            add_path(&b, v);
        else
            return 0;
        break;
    case SS_ARG_DIRFD: /* the kernel reads an int */
        if ((int)v != AT_FDCWD)
            return 0;
        add(&b, "AT_FDCWD");
        break;
    case SS_ARG_OPEN_FLAGS: /* the access mode is a number, not a bit */
        add(&b, (v & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : "");
        if ((v & ~(unsigned long long)O_ACCMODE) || (v & O_ACCMODE) != O_RDONLY) {
            if (b.n)
                add(&b, "|");
            add_flags(&b, SS_ARG_OPEN_FLAGS, v, NULL);
        }
        break;
    case SS_ARG_CLONE_FLAGS: /* the low byte is the exit signal */
        if (v & ~0xffULL)
            add_flags(&b, SS_ARG_CLONE_FLAGS, v & ~0xffULL, NULL);
        if ((v & 0xff) || !v) {
            add(&b, b.n ? "|" : "");
            add_hex(&b, v & 0xff);
        }
        break;
    case SS_ARG_PROT:
        add_flags(&b, SS_ARG_PROT, v, "PROT_NONE");
        break;
    case SS_ARG_AF:
        if (!add_name(&b, SS_ARG_AF, v))
            return 0;
        break;
    case SS_ARG_SOCK_TYPE:
        if (!add_name(&b, SS_ARG_SOCK_TYPE, v & 0xf))
            return 0;
        if (v & ~0xfULL) {
            add(&b, "|");
            add_flags(&b, SS_ARG_SOCK_TYPE, v & ~0xfULL, NULL);
        }
        break;
    default: /* the others are written as numbers */
        return 0;
    }
    return b.n;
}
