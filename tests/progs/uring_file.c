/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Attack: file and socket operations through io_uring, which seccomp never
 * sees (the kernel performs them from the ring, not from a syscall). Raw
 * syscalls, no liburing: the only syscalls are io_uring_setup, mmap and
 * io_uring_enter, then write(1) for the result.
 *   uring_file read PATH        IORING_OP_OPENAT (O_RDONLY) + IORING_OP_READ,
 *                               prints "read N bytes: DATA"
 *   uring_file write PATH TEXT  IORING_OP_OPENAT (O_WRONLY|O_CREAT|O_TRUNC) +
 *                               IORING_OP_WRITE, prints "wrote N bytes"
 *   uring_file socket           IORING_OP_SOCKET (AF_INET, SOCK_STREAM),
 *                               prints "socket N"
 * Exit status: 0 when the operation worked, 3 when io_uring_setup was refused
 * (prints "io_uring_setup refused: errno N"), 4 when an operation failed. */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
    int fd;
    unsigned *sq_tail, *sq_mask, *sq_array;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_sqe *sqes;
    struct io_uring_cqe *cqes;
};

static int ring_setup(struct ring *r)
{
    struct io_uring_params p;
    char *sq, *cq;

    memset(&p, 0, sizeof p);
    r->fd = (int)syscall(__NR_io_uring_setup, 4, &p);
    if (r->fd < 0)
        return -1;
    sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned), PROT_READ | PROT_WRITE,
              MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
    cq = mmap(NULL, p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe),
              PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
    r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQES);
    if (sq == MAP_FAILED || cq == MAP_FAILED || r->sqes == MAP_FAILED)
        return -2;
    r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
    r->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
    r->sq_array = (unsigned *)(sq + p.sq_off.array);
    r->cq_head = (unsigned *)(cq + p.cq_off.head);
    r->cq_tail = (unsigned *)(cq + p.cq_off.tail);
    r->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
    r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
    return 0;
}

/* Submits one operation, waits for it; its result (>= 0 or -errno). */
static long ring_run(struct ring *r, const struct io_uring_sqe *op)
{
    unsigned tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
    long res;

    r->sqes[idx] = *op;
    r->sq_array[idx] = idx;
    __atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
    if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
        return -errno;
    head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
    if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
        return -EAGAIN;
    res = r->cqes[head & *r->cq_mask].res;
    __atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
    return res;
}

static int say(const char *fmt, long n, const char *data, int status)
{
    char line[600];
    int len = snprintf(line, sizeof line, fmt, n, data);

    if (write(1, line, len) != len)
        return 1;
    return status;
}

static long open_file(struct ring *r, const char *path, int flags)
{
    struct io_uring_sqe op = {.opcode = IORING_OP_OPENAT, .fd = AT_FDCWD};

    op.addr = (unsigned long)path;
    op.open_flags = flags;
    op.len = 0600; /* mode */
    return ring_run(r, &op);
}

int main(int argc, char **argv)
{
    struct io_uring_sqe op = {0};
    struct ring r;
    char buf[512];
    long fd, n;

    if (argc < 2)
        return 2;
    if (ring_setup(&r) == -1)
        return say("io_uring_setup refused: errno %ld%s\n", errno, "", 3);
    if (r.sqes == MAP_FAILED)
        return say("mmap of the ring failed: errno %ld%s\n", errno, "", 4);

    if (!strcmp(argv[1], "socket")) {
        op.opcode = IORING_OP_SOCKET;
        op.fd = AF_INET;
        op.off = SOCK_STREAM;
        fd = ring_run(&r, &op);
        return fd < 0 ? say("IORING_OP_SOCKET failed: errno %ld%s\n", -fd, "", 4)
                      : say("socket %ld%s\n", fd, "", 0);
    }
    if (argc < 3)
        return 2;
    if (!strcmp(argv[1], "read")) {
        fd = open_file(&r, argv[2], O_RDONLY);
        if (fd < 0)
            return say("IORING_OP_OPENAT failed: errno %ld%s\n", -fd, "", 4);
        op.opcode = IORING_OP_READ;
        op.fd = (int)fd;
        op.addr = (unsigned long)buf;
        op.len = sizeof buf - 1;
        n = ring_run(&r, &op);
        if (n < 0)
            return say("IORING_OP_READ failed: errno %ld%s\n", -n, "", 4);
        buf[n] = 0;
        return say("read %ld bytes: %s\n", n, buf, 0);
    }
    if (!strcmp(argv[1], "write") && argc == 4) {
        fd = open_file(&r, argv[2], O_WRONLY | O_CREAT | O_TRUNC);
        if (fd < 0)
            return say("IORING_OP_OPENAT failed: errno %ld%s\n", -fd, "", 4);
        op.opcode = IORING_OP_WRITE;
        op.fd = (int)fd;
        op.addr = (unsigned long)argv[3];
        op.len = strlen(argv[3]);
        n = ring_run(&r, &op);
        return n < 0 ? say("IORING_OP_WRITE failed: errno %ld%s\n", -n, "", 4)
                     : say("wrote %ld bytes%s\n", n, "", 0);
    }
    return 2;
}
