/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* load-bpf FILE CMD [ARGS...]: installs the raw BPF program in FILE (as
 * `seccomp-shim export --format bpf` writes it) with seccomp(2), then execs
 * CMD under it: what bwrap --seccomp and similar tools do with such a file. */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static struct sock_filter insns[BPF_MAXINSNS + 1];
    struct sock_fprog prog;
    size_t n;
    FILE *f;

    if (argc < 3) {
        fprintf(stderr, "usage: load-bpf FILE CMD [ARGS...]\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    n = fread(insns, sizeof insns[0], BPF_MAXINSNS + 1, f);
    fclose(f);
    if (n == 0 || n > BPF_MAXINSNS) {
        fprintf(stderr, "load-bpf: %s: %zu instructions\n", argv[1], n);
        return 2;
    }
    prog = (struct sock_fprog){.len = (unsigned short)n, .filter = insns};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
        perror("load-bpf: seccomp");
        return 2;
    }
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
