/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Arguments of a trapped call as a policy would write them, for the explain
 * report: called from the SIGSYS handler, so async-signal-safe by
 * construction: static tables, a caller's buffer, and one raw
 * process_vm_readv (only when the policy allows it outright, else reading
 * would be trapped again, with SIGSYS blocked: a death without the report).
 * Which argument is what comes from the engine's table (data/syscall-args.txt);
 * the names are here because engine/symbolic.c, which knows more, uses
 * snprintf. */
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

struct name {
    unsigned long long value;
    const char *name;
};

#define N(x)                                                                                       \
    {                                                                                              \
        x, #x                                                                                      \
    }
/* Multi-bit names first: O_SYNC holds O_DSYNC, O_TMPFILE holds O_DIRECTORY. */
static const struct name o_flags[] = {
    N(O_SYNC),      N(O_TMPFILE),  N(O_WRONLY),  N(O_RDWR),     N(O_CREAT), N(O_EXCL),
    N(O_NOCTTY),    N(O_TRUNC),    N(O_APPEND),  N(O_NONBLOCK), N(O_DSYNC), N(O_DIRECT),
    N(O_DIRECTORY), N(O_NOFOLLOW), N(O_NOATIME), N(O_CLOEXEC),  N(O_PATH),  {0, NULL}};
static const struct name clone_flags[] = {N(CLONE_VM),
                                          N(CLONE_FS),
                                          N(CLONE_FILES),
                                          N(CLONE_SIGHAND),
                                          N(CLONE_PIDFD),
                                          N(CLONE_PTRACE),
                                          N(CLONE_VFORK),
                                          N(CLONE_PARENT),
                                          N(CLONE_THREAD),
                                          N(CLONE_NEWNS),
                                          N(CLONE_SYSVSEM),
                                          N(CLONE_SETTLS),
                                          N(CLONE_PARENT_SETTID),
                                          N(CLONE_CHILD_CLEARTID),
                                          N(CLONE_UNTRACED),
                                          N(CLONE_CHILD_SETTID),
                                          N(CLONE_NEWCGROUP),
                                          N(CLONE_NEWUTS),
                                          N(CLONE_NEWIPC),
                                          N(CLONE_NEWUSER),
                                          N(CLONE_NEWPID),
                                          N(CLONE_NEWNET),
                                          N(CLONE_IO),
                                          {0, NULL}};
static const struct name prot_flags[] = {N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC), {0, NULL}};
static const struct name sock_flags[] = {N(SOCK_NONBLOCK), N(SOCK_CLOEXEC), {0, NULL}};
static const struct name sock_types[] = {N(SOCK_STREAM), N(SOCK_DGRAM),     N(SOCK_RAW),
                                         N(SOCK_RDM),    N(SOCK_SEQPACKET), N(SOCK_PACKET),
                                         {0, NULL}};
static const struct name families[] = {
    N(AF_UNSPEC), N(AF_UNIX),   N(AF_INET), N(AF_AX25),  N(AF_IPX),       N(AF_APPLETALK),
    N(AF_NETROM), N(AF_BRIDGE), N(AF_X25),  N(AF_INET6), N(AF_KEY),       N(AF_NETLINK),
    N(AF_PACKET), N(AF_RDS),    N(AF_CAN),  N(AF_TIPC),  N(AF_BLUETOOTH), N(AF_ALG),
    N(AF_VSOCK),  N(AF_XDP),    {0, NULL}};
#undef N

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

static bool add_name(struct buf *b, const struct name *t, unsigned long long v)
{
    for (; t->name; t++)
        if (t->value == v) {
            add(b, t->name);
            return true;
        }
    return false;
}

/* Single-bit names ORed; what no name covers stays a hexadecimal rest. */
static void add_flags(struct buf *b, const struct name *t, unsigned long long v, const char *zero)
{
    bool first = true;

    if (zero && !v) {
        add(b, zero);
        return;
    }
    for (; t->name; t++)
        if (t->value && (v & t->value) == t->value) {
            add(b, first ? "" : "|");
            add(b, t->name);
            v &= ~t->value;
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
            add_flags(&b, o_flags, v, NULL);
        }
        break;
    case SS_ARG_CLONE_FLAGS: /* the low byte is the exit signal */
        if (v & ~0xffULL)
            add_flags(&b, clone_flags, v & ~0xffULL, NULL);
        if ((v & 0xff) || !v) {
            add(&b, b.n ? "|" : "");
            add_hex(&b, v & 0xff);
        }
        break;
    case SS_ARG_PROT:
        add_flags(&b, prot_flags, v, "PROT_NONE");
        break;
    case SS_ARG_AF:
        if (!add_name(&b, families, v))
            return 0;
        break;
    case SS_ARG_SOCK_TYPE:
        if (!add_name(&b, sock_types, v & 0xf))
            return 0;
        if (v & ~0xfULL) {
            add(&b, "|");
            add_flags(&b, sock_flags, v & ~0xfULL, NULL);
        }
        break;
    default: /* the others are written as numbers */
        return 0;
    }
    return b.n;
}
