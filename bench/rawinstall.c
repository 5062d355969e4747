/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The physical limit of a preloaded filter: an object with no library of its
 * own whose constructor reads a raw BPF program (struct sock_filter[], as
 * `seccomp-shim export -f bpf` writes it) from the file named by BENCH_RAW_BPF
 * and installs it with one seccomp() call, as the shim does (no_new_privs,
 * then SECCOMP_SET_MODE_FILTER with TSYNC). Nothing else: no parsing, no
 * marker, no checks but the kernel's. Any failure exits 125 before main, so a
 * row that measures nothing cannot pass for a fast one. For measurement only. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct sock_filter insns[BPF_MAXINSNS];

__attribute__((constructor)) static void rawinstall(void)
{
    const char *path = getenv("BENCH_RAW_BPF");
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    ssize_t n = fd < 0 ? -1 : read(fd, insns, sizeof insns);
    struct sock_fprog prog = {.len = n / sizeof insns[0], .filter = insns};

    if (fd >= 0)
        close(fd);
    if (n <= 0 || n % sizeof insns[0] || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog))
        _exit(125);
}
