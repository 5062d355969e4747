/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The physical limit of a preloaded filter: an object with no library of its
 * own whose constructor reads a raw BPF program (struct sock_filter[], as
 * `seccomp-shim export -f bpf` writes it) from the file named by BENCH_RAW_BPF
 * and installs it with one seccomp() call, as the shim does (no_new_privs,
 * then SECCOMP_SET_MODE_FILTER with TSYNC). With BENCH_RAW_LANDLOCK it first
 * applies that Landlock ruleset, as the shim would for the same policy: the
 * limit of a policy with Landlock sections. Nothing else: no parsing, no
 * marker, no checks but the kernel's. Any failure exits 125 before main, so a
 * row that measures nothing cannot pass for a fast one. For measurement only. */
#define _GNU_SOURCE
#include "seccomp-shim-landlock.h"

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct sock_filter insns[BPF_MAXINSNS];

/* BENCH_RAW_LANDLOCK: space-separated rules, "ACCESS:PATH" (a path rule; on a
 * file only its file rights, as the shim does) or "port:ACCESS:PORT", ACCESS
 * in hex. Every filesystem and TCP right is handled, as the shim handles
 * them on a kernel of ABI 5 or later with [filesystem] and [network]. */
static int add_rule(int ruleset, char *rule)
{
    char *end;
    unsigned long long access;

    if (strncmp(rule, "port:", 5) == 0) {
        struct ss_ll_net_port_attr port = {.allowed_access = strtoull(rule + 5, &end, 16)};
        port.port = strtoull(end + 1, NULL, 10);
        return syscall(SS_LL_NR_ADD_RULE, ruleset, SS_LL_RULE_NET_PORT, &port, 0) ? -1 : 0;
    }
    access = strtoull(rule, &end, 16);
    struct ss_ll_path_beneath_attr path = {.allowed_access = access};
    struct stat st;
    int fd = open(end + 1, O_PATH | O_CLOEXEC), rc = -1;

    if (fd < 0)
        return -1;
    path.parent_fd = fd;
    if (fstat(fd, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            path.allowed_access &= SS_LL_FS_FILE_RIGHTS;
        rc = syscall(SS_LL_NR_ADD_RULE, ruleset, SS_LL_RULE_PATH_BENEATH, &path, 0) ? -1 : 0;
    }
    close(fd);
    return rc;
}

static int apply_landlock(char *rules)
{
    struct ss_ll_ruleset_attr attr = {.handled_access_fs = SS_LL_FS_ALL,
                                      .handled_access_net = SS_LL_NET_ALL};
    int ruleset, rc = 0;

    if (syscall(SS_LL_NR_CREATE_RULESET, NULL, 0, SS_LL_CREATE_RULESET_VERSION) < 0)
        return -1;
    ruleset = syscall(SS_LL_NR_CREATE_RULESET, &attr, sizeof attr, 0);
    if (ruleset < 0)
        return -1;
    for (char *save, *rule = strtok_r(rules, " ", &save); rule && !rc;
         rule = strtok_r(NULL, " ", &save))
        rc = add_rule(ruleset, rule);
    if (!rc)
        rc = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SS_LL_NR_RESTRICT_SELF, ruleset, 0);
    close(ruleset);
    return rc ? -1 : 0;
}

__attribute__((constructor)) static void rawinstall(void)
{
    const char *path = getenv("BENCH_RAW_BPF");
    char *landlock = getenv("BENCH_RAW_LANDLOCK");
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    ssize_t n = fd < 0 ? -1 : read(fd, insns, sizeof insns);
    struct sock_fprog prog = {.len = n / sizeof insns[0], .filter = insns};

    if (fd >= 0)
        close(fd);
    if (landlock && apply_landlock(landlock))
        _exit(125);
    if (n <= 0 || n % sizeof insns[0] || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog))
        _exit(125);
}
