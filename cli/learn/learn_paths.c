/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* learn --filesystem and --network: the paths a program opened (with the
 * right each open needed) and the TCP ports it bound and connected, read
 * from the arguments of each notified syscall while its caller waits.
 *
 * A path is made absolute at once (the caller's cwd or dirfd can change
 * after the call) and kept as the caller wrote it; learn_fs_write
 * (learn_fs_write.c) resolves symlinks and collapses the paths into the
 * directories a [filesystem] section grants. Nothing here decides whether
 * the call succeeded: the supervisor answers before the call runs, so a
 * read of a file that does not exist is recorded and dropped later. */
#define _GNU_SOURCE
#include "learn_fs.h"
#include "seccomp-shim-bpf.h"
#include "seccomp-shim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define TABLE_MIN 256

void learn_fs_init(struct learn_fs *fs, bool files, bool network)
{
    memset(fs, 0, sizeof *fs);
    fs->files = files;
    fs->network = network;
}

void learn_fs_free(struct learn_fs *fs)
{
    for (size_t i = 0; i < fs->cap; i++)
        free(fs->table[i].path);
    free(fs->table);
    free(fs->ports);
    fs->table = NULL;
    fs->ports = NULL;
    fs->n = fs->cap = fs->nports = fs->ports_cap = 0;
}

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ULL;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static int grow_table(struct learn_fs *fs)
{
    size_t cap = fs->cap ? 2 * fs->cap : TABLE_MIN;
    struct learn_fs_path *t = calloc(cap, sizeof *t);

    if (!t)
        return -1;
    for (size_t i = 0; i < fs->cap; i++) {
        size_t k;
        if (!fs->table[i].path)
            continue;
        for (k = hash(fs->table[i].path) & (cap - 1); t[k].path; k = (k + 1) & (cap - 1))
            ;
        t[k] = fs->table[i];
    }
    free(fs->table);
    fs->table = t;
    fs->cap = cap;
    return 0;
}

int learn_fs_add_path(struct learn_fs *fs, const char *path, unsigned rights)
{
    size_t k;

    if (2 * (fs->n + 1) > fs->cap && grow_table(fs))
        return -1;
    for (k = hash(path) & (fs->cap - 1); fs->table[k].path; k = (k + 1) & (fs->cap - 1))
        if (!strcmp(fs->table[k].path, path)) {
            fs->table[k].rights |= rights;
            return 0;
        }
    if (!(fs->table[k].path = strdup(path)))
        return -1;
    fs->table[k].rights = rights;
    fs->n++;
    return 0;
}

int learn_fs_add_port(struct learn_fs *fs, unsigned port, unsigned rights)
{
    for (size_t i = 0; i < fs->nports; i++)
        if (fs->ports[i].port == port) {
            fs->ports[i].rights |= rights;
            return 0;
        }
    if (fs->nports == fs->ports_cap) {
        size_t cap = fs->ports_cap ? 2 * fs->ports_cap : 8;
        struct learn_fs_port *p = realloc(fs->ports, cap * sizeof *p);
        if (!p)
            return -1;
        fs->ports = p;
        fs->ports_cap = cap;
    }
    fs->ports[fs->nports++] = (struct learn_fs_port){port, rights};
    return 0;
}

/* Copies size bytes at addr in pid's memory. 0, or -1 when unreadable. */
static int peek(pid_t pid, uint64_t addr, void *buf, size_t size)
{
    struct iovec local = {buf, size}, remote = {(void *)(uintptr_t)addr, size};

    return process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)size ? 0 : -1;
}

/* The NUL-terminated string at addr, read a page at most at a time (the
 * string may end just before an unmapped page). 0, or -1. */
static int peek_string(pid_t pid, uint64_t addr, char *buf, size_t size)
{
    size_t got = 0;

    while (got < size - 1) {
        size_t page = 4096 - ((addr + got) & 4095), want = size - 1 - got;
        struct iovec local = {buf + got, page < want ? page : want},
                     remote = {(void *)(uintptr_t)(addr + got), local.iov_len};
        ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
        if (n <= 0)
            return -1;
        if (memchr(buf + got, 0, (size_t)n))
            return 0;
        got += (size_t)n;
    }
    return -1; /* longer than PATH_MAX: the call fails with ENAMETOOLONG */
}

/* What the link at /proc/PID/WHAT points to, when it is a path. */
static int proc_link(pid_t pid, const char *what, char *out, size_t size)
{
    char link[64];
    ssize_t n;

    snprintf(link, sizeof link, "/proc/%d/%s", (int)pid, what);
    n = readlink(link, out, size - 1);
    if (n <= 0 || out[0] != '/')
        return -1;
    out[n] = 0;
    return 0;
}

/* Whether req is still waiting: what was read from its caller's memory and
 * /proc may belong to another process if the caller died and its pid was
 * reused meanwhile (the kernel's advice: check after reading). */
static bool still_valid(const struct learn_fs *fs, const struct seccomp_notif *req)
{
    return ioctl(fs->listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) == 0;
}

/* The path argument at addr made absolute against dirfd (AT_FDCWD: the cwd)
 * of the caller, into out. 0, or -1 when it cannot be read (nothing to
 * record: a bad pointer makes the call fail with EFAULT). */
static int call_path(const struct learn_fs *fs, const struct seccomp_notif *req, int dirfd,
                     uint64_t addr, char *out, size_t size)
{
    char path[PATH_MAX], base[PATH_MAX], what[32];

    if (peek_string(req->pid, addr, path, sizeof path) || !path[0])
        return -1;
    if (path[0] == '/')
        return snprintf(out, size, "%s", path) < (int)size && still_valid(fs, req) ? 0 : -1;
    if (dirfd == AT_FDCWD)
        snprintf(what, sizeof what, "cwd");
    else
        snprintf(what, sizeof what, "fd/%d", dirfd);
    if (proc_link(req->pid, what, base, sizeof base) || !still_valid(fs, req))
        return -1;
    return snprintf(out, size, "%s%s%s", base, strcmp(base, "/") ? "/" : "", path) < (int)size ? 0
                                                                                               : -1;
}

/* The rights an open with flags needs on its path. O_CREAT may make the
 * file: a right on the folder it is in. */
static unsigned open_rights(uint64_t flags)
{
    unsigned r = 0;

    if (flags & O_PATH)
        return 0; /* Landlock checks no right for O_PATH */
    if ((flags & O_ACCMODE) == O_RDONLY && !(flags & (O_TRUNC | O_CREAT)))
        r |= flags & O_DIRECTORY ? LFS_LIST : LFS_READ;
    else
        r |= LFS_WRITE;
    if (flags & O_CREAT)
        r |= LFS_CREATE;
    return r | LFS_OPENED;
}

/* One path argument: rights on the path itself, or LFS_CREATE (a right on
 * its folder). */
static int add_call_path(struct learn_fs *fs, const struct seccomp_notif *req, int dirfd,
                         uint64_t addr, unsigned rights)
{
    char path[PATH_MAX + 64];
    struct stat st;

    if (!rights || call_path(fs, req, dirfd, addr, path, sizeof path))
        return 0;
    /* O_CREAT of a file that is there already makes nothing: no right on
     * its folder (`>/dev/null` must not grant write on /dev). */
    if ((rights & LFS_OPENED) && (rights & LFS_CREATE) && stat(path, &st) == 0)
        rights &= ~LFS_CREATE;
    return learn_fs_add_path(fs, path, rights & ~LFS_OPENED);
}

/* TCP only: Landlock's port rules do not cover UDP. The socket is looked at
 * through a copy of the caller's descriptor; when that fails the port is
 * recorded anyway (a grant too many rather than a program that fails). */
static bool is_tcp(pid_t pid, int fd)
{
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0), copy = -1, type = 0, proto = 0;
    socklen_t len = sizeof type;
    bool tcp = true;

    if (pidfd >= 0)
        copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
    if (copy >= 0 && !getsockopt(copy, SOL_SOCKET, SO_TYPE, &type, &len)) {
        len = sizeof proto;
        tcp = type == SOCK_STREAM && (getsockopt(copy, SOL_SOCKET, SO_PROTOCOL, &proto, &len) ||
                                      proto == IPPROTO_TCP || proto == 0);
    }
    if (copy >= 0)
        close(copy);
    if (pidfd >= 0)
        close(pidfd);
    return tcp;
}

/* bind and connect: the port of an AF_INET/AF_INET6 address, the path of an
 * AF_UNIX one (bind makes a socket file: a right on its folder). */
static int add_address(struct learn_fs *fs, const struct seccomp_notif *req, bool bind)
{
    const uint64_t *a = (const uint64_t *)req->data.args;
    struct sockaddr_storage sa = {0};
    size_t len = a[2] < sizeof sa ? (size_t)a[2] : sizeof sa;

    if (len < sizeof(sa_family_t) || peek(req->pid, a[1], &sa, len) || !still_valid(fs, req))
        return 0;
    if ((sa.ss_family == AF_INET && len >= sizeof(struct sockaddr_in)) ||
        (sa.ss_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))) {
        unsigned port = ntohs(sa.ss_family == AF_INET ? ((struct sockaddr_in *)&sa)->sin_port
                                                      : ((struct sockaddr_in6 *)&sa)->sin6_port);
        if (!fs->network || !is_tcp(req->pid, (int)a[0]))
            return 0;
        return learn_fs_add_port(fs, port, bind ? LFS_BIND : LFS_CONNECT);
    }
    if (sa.ss_family == AF_UNIX && bind && fs->files) {
        struct sockaddr_un *un = (struct sockaddr_un *)&sa;
        char path[PATH_MAX + 128], base[PATH_MAX];
        size_t n = len - offsetof(struct sockaddr_un, sun_path);
        if (!n || !un->sun_path[0] || n >= sizeof un->sun_path)
            return 0; /* abstract or unnamed: no file */
        un->sun_path[n] = 0;
        if (un->sun_path[0] == '/')
            snprintf(path, sizeof path, "%s", un->sun_path);
        else if (proc_link(req->pid, "cwd", base, sizeof base) == 0 && still_valid(fs, req))
            snprintf(path, sizeof path, "%s/%s", base, un->sun_path);
        else
            return 0;
        return learn_fs_add_path(fs, path, LFS_CREATE);
    }
    return 0;
}

/* The rights a path argument's use asks (data/syscall-args.txt); 0: none
 * to record. */
static unsigned use_rights(const struct learn_fs *fs, const struct seccomp_notif *req,
                           enum ss_path_use use)
{
    const uint64_t *a = (const uint64_t *)req->data.args;
    struct open_how how = {0};

    switch (use) {
    case SS_PATH_OPEN: /* the call's open flags, or openat2's struct and its size */
        for (unsigned k = 0; k < SS_MAX_ARGS; k++)
            switch (ss_arg_of(req->data.nr, k).kind) {
            case SS_ARG_OPEN_FLAGS:
                return open_rights(a[k]);
            case SS_ARG_OPEN_HOW:
                if (k + 1 >= SS_MAX_ARGS || a[k + 1] < sizeof how.flags ||
                    peek(req->pid, a[k], &how.flags, sizeof how.flags) || !still_valid(fs, req))
                    return 0;
                return open_rights(how.flags);
            default:
                break;
            }
        return 0;
    case SS_PATH_CREAT:
        return LFS_WRITE | LFS_CREATE | LFS_OPENED;
    case SS_PATH_WRITE:
        return LFS_WRITE;
    case SS_PATH_EXEC:
        return LFS_EXEC;
    case SS_PATH_CREATE:
        return LFS_CREATE;
    case SS_PATH_LOOKUP:
        break;
    }
    return 0;
}

/* Each path argument the table says the call uses, relative to the dirfd
 * argument right before it if any (renameat and linkat have two). */
static int record_files(struct learn_fs *fs, const struct seccomp_notif *req)
{
    const uint64_t *a = (const uint64_t *)req->data.args;
    struct ss_arg p, before = {.kind = SS_ARG_NONE};

    for (unsigned i = 0; i < SS_MAX_ARGS; before = p, i++) {
        p = ss_arg_of(req->data.nr, i);
        if (p.kind != SS_ARG_PATH || p.use == SS_PATH_LOOKUP)
            continue;
        if (add_call_path(fs, req, before.kind == SS_ARG_DIRFD ? (int)a[i - 1] : AT_FDCWD, a[i],
                          use_rights(fs, req, p.use)))
            return -1;
    }
    return 0;
}

int learn_fs_record(struct learn_fs *fs, int listener, const struct seccomp_notif *req)
{
    if (req->data.arch != SS_AUDIT_ARCH_NATIVE)
        return 0;
    fs->listener = listener;
    if (req->data.nr == SYS_bind || req->data.nr == SYS_connect)
        return add_address(fs, req, req->data.nr == SYS_bind);
    return fs->files ? record_files(fs, req) : 0;
}
