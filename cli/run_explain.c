/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* run --explain, supervised: what explain's SIGSYS handler cannot say.
 *
 * Landlock refuses with a bare EACCES and, without kernel audit (Debian's
 * default), leaves no record. So CMD starts under a filter that sends its
 * file, network and signal calls to this process (seccomp user notification,
 * learn_spawn.c), stacked under the policy's own: seccomp takes the strictest
 * answer of all filters, so this one never weakens anything, and a call the
 * policy refuses never reaches us. Each call is judged against the Landlock
 * plan the shim applies (landlock_judge.c), its paths read from the caller's
 * memory and resolved against its directory (/proc/PID/cwd, /proc/PID/fd),
 * a refusal reported, and the call let through (CONTINUE) for Landlock to
 * decide. The report is advisory: the caller may change the path between our
 * read and the kernel's (TOCTOU), which can only make the message wrong,
 * never the enforcement, which stays the kernel's.
 *
 * Second: a program that blocks SIGSYS gets no report from explain's handler
 * (the kernel forces the default action); explain's log flag makes the kernel
 * record that trap (audit shows it), but the terminal would see nothing.
 * The handler's report is a write to fd 2, which we also watch; when CMD dies
 * by SIGSYS without one, we say so. */
#define _GNU_SOURCE
#include "learn.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The start of the handler's report (preload/explain.c). */
#define KILL_REPORT "seccomp-shim: policy kills syscall "

struct explainer {
    struct ll_judge j;
    int listener;
    bool started;  /* the shim's filters (so its Landlock domain) are in place */
    bool reported; /* explain's handler wrote a kill report */
};

/* ---- the caller's memory and view ----------------------------------------- */

static ssize_t read_mem(pid_t pid, uint64_t addr, void *buf, size_t size)
{
    char file[64];
    ssize_t n;
    int fd;

    snprintf(file, sizeof file, "/proc/%d/mem", (int)pid);
    if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    n = pread(fd, buf, size, (off_t)addr);
    close(fd);
    return n;
}

/* A NUL-terminated path from the caller: 0, or -1 (unreadable, too long). */
static int read_path(pid_t pid, uint64_t addr, char *out, size_t size)
{
    ssize_t n = addr ? read_mem(pid, addr, out, size) : -1;

    if (n <= 0 || !memchr(out, 0, (size_t)n))
        return -1;
    return out[0] ? 0 : -1; /* "": AT_EMPTY_PATH or ENOENT, no path to judge */
}

/* (dirfd, path) as an absolute path, as the caller names it. */
static int absolute(pid_t pid, long long dirfd, const char *path, char *out, size_t size)
{
    char link[64], base[PATH_MAX];
    ssize_t n;

    if (path[0] == '/')
        return snprintf(out, size, "%s", path) < (int)size ? 0 : -1;
    if ((int)dirfd == AT_FDCWD)
        snprintf(link, sizeof link, "/proc/%d/cwd", (int)pid);
    else
        snprintf(link, sizeof link, "/proc/%d/fd/%d", (int)pid, (int)dirfd);
    n = readlink(link, base, sizeof base - 1);
    if (n <= 0 || base[0] != '/')
        return -1;
    base[n] = 0;
    return snprintf(out, size, "%s/%s", strcmp(base, "/") ? base : "", path) < (int)size ? 0 : -1;
}

/* /proc/PID/NAME's start into buf (NUL-terminated): 0, or -1. */
static int read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
    char file[64];
    ssize_t n;
    int fd;

    snprintf(file, sizeof file, "/proc/%d/%s", (int)pid, name);
    if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    return 0;
}

/* A number field ("\nSeccomp_filters:") of /proc/PID/status; -1 when none. */
static int status_field(pid_t pid, const char *field)
{
    char buf[4096], *f;

    if (read_proc(pid, "status", buf, sizeof buf) || !(f = strstr(buf, field)))
        return -1;
    return atoi(f + strlen(field));
}

/* The caller's seccomp filters: 2 or more once the shim installed its own
 * (after its Landlock domain) on top of ours. */
static bool shim_installed(pid_t pid)
{
    return status_field(pid, "\nSeccomp_filters:") >= 2;
}

/* ---- file system ---------------------------------------------------------- */

/* The right to make a file of mode's type. */
static uint64_t make_right(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR:
        return SS_LL_FS_MAKE_DIR;
    case S_IFCHR:
        return SS_LL_FS_MAKE_CHAR;
    case S_IFBLK:
        return SS_LL_FS_MAKE_BLOCK;
    case S_IFIFO:
        return SS_LL_FS_MAKE_FIFO;
    case S_IFSOCK:
        return SS_LL_FS_MAKE_SOCK;
    case S_IFLNK:
        return SS_LL_FS_MAKE_SYM;
    default:
        return SS_LL_FS_MAKE_REG;
    }
}

/* want on the file abs names (its target), as the kernel resolves it. */
static void judge_object(const struct ll_judge *j, pid_t pid, const char *call, const char *abs,
                         uint64_t want)
{
    char real[PATH_MAX];
    uint64_t missing;

    if (!realpath(abs, real))
        return; /* it fails for another reason (ENOENT...) */
    missing = want & ~ll_judge_fs(j, real);
    if (missing)
        ll_report_fs(j, pid, call, NULL, real, false, missing);
}

/* want in the folder of abs (making, removing, moving an entry there). */
static void judge_folder(const struct ll_judge *j, pid_t pid, const char *call, const char *abs,
                         uint64_t want)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(abs, '/');
    uint64_t missing;

    if (!slash || !slash[1] || !strcmp(slash + 1, ".") || !strcmp(slash + 1, ".."))
        return;
    snprintf(dir, sizeof dir, "%.*s", slash == abs ? 1 : (int)(slash - abs), abs);
    if (!realpath(dir, real))
        return;
    missing = want & ~ll_judge_fs(j, real);
    if (missing)
        ll_report_fs(j, pid, call, abs, real, true, missing);
}

static void judge_open(const struct ll_judge *j, pid_t pid, const char *call, const char *abs,
                       uint64_t flags)
{
    struct stat st;
    uint64_t want = 0;
    int acc = flags & O_ACCMODE;

    if (flags & O_PATH)
        return;
    if (stat(abs, &st)) {
        if (errno == ENOENT && (flags & O_CREAT))
            judge_folder(j, pid, call, abs, SS_LL_FS_MAKE_REG);
        return;
    }
    if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        return; /* EEXIST */
    if (S_ISDIR(st.st_mode)) {
        want = acc == O_RDONLY ? SS_LL_FS_READ_DIR : 0;
    } else {
        want |= acc == O_RDONLY || acc == O_RDWR ? SS_LL_FS_READ_FILE : 0;
        want |= acc == O_WRONLY || acc == O_RDWR ? SS_LL_FS_WRITE_FILE : 0;
        want |= (flags & O_TRUNC) && acc != O_RDONLY ? SS_LL_FS_TRUNCATE : 0;
    }
    if (want)
        judge_object(j, pid, call, abs, want);
}

/* The entry abs names, removed from its folder. */
static void judge_remove(const struct ll_judge *j, pid_t pid, const char *call, const char *abs)
{
    struct stat st;

    if (lstat(abs, &st) == 0)
        judge_folder(j, pid, call, abs,
                     S_ISDIR(st.st_mode) ? SS_LL_FS_REMOVE_DIR : SS_LL_FS_REMOVE_FILE);
}

/* from moved or linked to to: made in to's folder (removed from from's when
 * moved), and `refer` in both when the folders differ. */
static void judge_move(const struct ll_judge *j, pid_t pid, const char *call, const char *from,
                       const char *to, bool keep)
{
    const char *a = strrchr(from, '/'), *b = strrchr(to, '/');
    struct stat st;

    if (lstat(from, &st))
        return;
    if (!keep)
        judge_remove(j, pid, call, from);
    judge_folder(j, pid, call, to, make_right(st.st_mode));
    if (a && b && (a - from != b - to || strncmp(from, to, (size_t)(a - from)))) {
        judge_folder(j, pid, call, from, SS_LL_FS_REFER);
        judge_folder(j, pid, call, to, SS_LL_FS_REFER);
    }
}

/* Path argument i of the call, with its dirfd at argument dirfd (-1: cwd). */
static int path_arg(const struct seccomp_notif *req, int dirfd, int i, char *out, size_t size)
{
    char path[PATH_MAX];

    if (read_path(req->pid, req->data.args[i], path, sizeof path))
        return -1;
    return absolute(req->pid, dirfd < 0 ? AT_FDCWD : (long long)req->data.args[dirfd], path, out,
                    size);
}

static void judge_files(const struct ll_judge *j, const struct seccomp_notif *req, const char *call)
{
    const __u64 *a = req->data.args;
    char p[PATH_MAX], q[PATH_MAX];
    pid_t pid = req->pid;
    struct open_how how;

    switch (req->data.nr) {
#ifdef __NR_open
    case __NR_open:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_open(j, pid, call, p, a[1]);
        break;
    case __NR_creat:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_open(j, pid, call, p, O_CREAT | O_WRONLY | O_TRUNC);
        break;
    case __NR_mkdir:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_folder(j, pid, call, p, SS_LL_FS_MAKE_DIR);
        break;
    case __NR_mknod:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_folder(j, pid, call, p, make_right((mode_t)a[1]));
        break;
    case __NR_unlink:
    case __NR_rmdir:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_remove(j, pid, call, p);
        break;
    case __NR_rename:
    case __NR_link:
        if (!path_arg(req, -1, 0, p, sizeof p) && !path_arg(req, -1, 1, q, sizeof q))
            judge_move(j, pid, call, p, q, req->data.nr == __NR_link);
        break;
    case __NR_symlink:
        if (!path_arg(req, -1, 1, p, sizeof p))
            judge_folder(j, pid, call, p, SS_LL_FS_MAKE_SYM);
        break;
#endif
    case __NR_openat:
        if (!path_arg(req, 0, 1, p, sizeof p))
            judge_open(j, pid, call, p, a[2]);
        break;
    case __NR_openat2:
        if (!path_arg(req, 0, 1, p, sizeof p) &&
            read_mem(pid, a[2], &how, sizeof how.flags) == sizeof how.flags)
            judge_open(j, pid, call, p, how.flags);
        break;
    case __NR_mkdirat:
        if (!path_arg(req, 0, 1, p, sizeof p))
            judge_folder(j, pid, call, p, SS_LL_FS_MAKE_DIR);
        break;
    case __NR_mknodat:
        if (!path_arg(req, 0, 1, p, sizeof p))
            judge_folder(j, pid, call, p, make_right((mode_t)a[2]));
        break;
    case __NR_unlinkat:
        if (!path_arg(req, 0, 1, p, sizeof p))
            judge_remove(j, pid, call, p);
        break;
    case __NR_renameat:
    case __NR_renameat2:
    case __NR_linkat:
        if (!path_arg(req, 0, 1, p, sizeof p) && !path_arg(req, 2, 3, q, sizeof q))
            judge_move(j, pid, call, p, q, req->data.nr == __NR_linkat);
        break;
    case __NR_symlinkat:
        if (!path_arg(req, 1, 2, p, sizeof p))
            judge_folder(j, pid, call, p, SS_LL_FS_MAKE_SYM);
        break;
    case __NR_truncate:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_object(j, pid, call, p, SS_LL_FS_TRUNCATE);
        break;
    case __NR_execve:
        if (!path_arg(req, -1, 0, p, sizeof p))
            judge_object(j, pid, call, p, SS_LL_FS_EXECUTE);
        break;
    case __NR_execveat:
        if (!path_arg(req, 0, 1, p, sizeof p))
            judge_object(j, pid, call, p, SS_LL_FS_EXECUTE);
        break;
    }
}

/* ---- network and signals ---------------------------------------------------- */

/* connect or bind of a TCP socket: the port's right. */
static void judge_port(const struct ll_judge *j, const struct seccomp_notif *req, const char *call)
{
    bool bind_call = req->data.nr == __NR_bind;
    uint64_t want = bind_call ? SS_LL_NET_BIND_TCP : SS_LL_NET_CONNECT_TCP, missing;
    struct sockaddr_in6 sa; /* sin6_port is where sin_port is */
    int pidfd, fd, type = 0, proto = 0;
    socklen_t len = sizeof type;

    memset(&sa, 0, sizeof sa);
    if (read_mem(req->pid, req->data.args[1], &sa, sizeof(struct sockaddr_in)) <
            (ssize_t)sizeof(struct sockaddr_in) ||
        (sa.sin6_family != AF_INET && sa.sin6_family != AF_INET6))
        return;
    /* Landlock confines TCP only: look at the socket itself. */
    pidfd = syscall(SYS_pidfd_open, req->pid, 0);
    fd = pidfd < 0 ? -1 : syscall(SYS_pidfd_getfd, pidfd, (int)req->data.args[0], 0);
    if (pidfd >= 0)
        close(pidfd);
    if (fd >= 0) {
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
        len = sizeof proto;
        getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len);
        close(fd);
        if (type != SOCK_STREAM || proto != IPPROTO_TCP)
            return;
    }
    missing = want & ~ll_judge_port(j, ntohs(sa.sin6_port));
    if (missing)
        ll_report_port(j, req->pid, call, ntohs(sa.sin6_port), missing);
}

/* The parent of pid, from /proc/PID/stat; 0 when unknown. */
static pid_t parent_of(pid_t pid)
{
    char buf[512], *close_paren;

    if (read_proc(pid, "stat", buf, sizeof buf))
        return 0;
    close_paren = strrchr(buf, ')'); /* the name may hold anything */
    return close_paren ? (pid_t)strtol(close_paren + 4, NULL, 10) : 0;
}

/* A signal to a process the sandbox did not start (not CMD or one of its
 * descendants: the domain's own), with [scope] signals. */
static void judge_signal(const struct ll_judge *j, const struct seccomp_notif *req,
                         const char *call)
{
    bool tgkill = req->data.nr == __NR_tgkill;
    pid_t target = (pid_t)req->data.args[tgkill ? 1 : 0], p;
    int sig = (int)req->data.args[tgkill ? 2 : 1];
    char dir[64];

    snprintf(dir, sizeof dir, "/proc/%d", (int)target);
    if (target <= 0 || access(dir, F_OK))
        return; /* a group, or ESRCH */
    for (p = target; p > 1; p = parent_of(p))
        if (p == j->root)
            return;
    ll_report_signal(j, req->pid, call, sig, target);
}

void ll_judge_call(const struct ll_judge *j, const struct seccomp_notif *req)
{
    const char *call = ss_syscall_name(req->data.nr);

    call = call ? call : "?";
    if (req->data.nr == __NR_connect || req->data.nr == __NR_bind)
        judge_port(j, req, call);
    else if (req->data.nr == __NR_kill || req->data.nr == __NR_tkill || req->data.nr == __NR_tgkill)
        judge_signal(j, req, call);
    else
        judge_files(j, req, call);
}

/* ---- the supervisor ------------------------------------------------------- */

static void explain_answer(void *ctx, int listener, const struct seccomp_notif *req,
                           struct seccomp_notif_resp *resp)
{
    struct explainer *e = ctx;
    char head[sizeof KILL_REPORT];

    (void)resp;                       /* preset: CONTINUE */
    if (req->data.nr == __NR_write) { /* to fd 2: the filter asks for no other */
        if (read_mem(req->pid, req->data.args[1], head, sizeof head - 1) ==
                (ssize_t)sizeof head - 1 &&
            !memcmp(head, KILL_REPORT, sizeof head - 1) &&
            status_field(req->pid, "\nTgid:") == e->j.root)
            e->reported = true; /* CMD's own: a child's kill is not CMD's */
        return;
    }
    if (!e->started && !(e->started = shim_installed(req->pid)))
        return; /* the loader and the shim, before the domain */
    ll_judge_call(&e->j, req);
    (void)listener;
}

/* The calls to watch: those the plan's sections confine, and fd 2's writes. */
static size_t watched(const struct ll_judge *j, struct learn_notify *out)
{
    static const int files[] = {
#ifdef __NR_open
        __NR_open,      __NR_creat,   __NR_mkdir,     __NR_mknod,    __NR_unlink,   __NR_rmdir,
        __NR_rename,    __NR_link,    __NR_symlink,
#endif
        __NR_openat,    __NR_openat2, __NR_mkdirat,   __NR_mknodat,  __NR_unlinkat, __NR_renameat,
        __NR_renameat2, __NR_linkat,  __NR_symlinkat, __NR_truncate, __NR_execve,   __NR_execveat,
    };
    size_t n = 0;

    out[n++] = (struct learn_notify){__NR_write, true, STDERR_FILENO};
    for (size_t i = 0; j->fs && i < sizeof files / sizeof files[0]; i++)
        out[n++] = (struct learn_notify){files[i], false, 0};
    if (j->net) {
        out[n++] = (struct learn_notify){__NR_connect, false, 0};
        out[n++] = (struct learn_notify){__NR_bind, false, 0};
    }
    if (j->scoped & SS_LL_SCOPE_SIGNAL) {
        out[n++] = (struct learn_notify){__NR_kill, false, 0};
        out[n++] = (struct learn_notify){__NR_tkill, false, 0};
        out[n++] = (struct learn_notify){__NR_tgkill, false, 0};
    }
    return n;
}

static bool can_supervise(void)
{
    uint32_t action = SECCOMP_RET_USER_NOTIF;

    return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

int run_explain(const struct ss_landlock_plan *plan, const struct ss_policy *p, const char *path,
                char **cmd)
{
    static struct explainer e;
    struct learn_notify calls[40];
    struct learn_child child = {.quiet_busy = true};
    int rc, wstatus = 0;

    memset(&e, 0, sizeof e);
    if (ll_judge_init(&e.j, plan, p)) {
        cli_error("out of memory");
        return SS_EXIT_REFUSE;
    }
    if (!can_supervise() || learn_spawn_notify(cmd, environ, calls, watched(&e.j, calls), &child)) {
        ll_judge_free(&e.j);
        if (child.exec_err)
            return cli_exec_status(child.exec_err);
        if (!child.busy && can_supervise())
            return SS_EXIT_REFUSE; /* learn_spawn said why */
        cli_error("--explain: cannot supervise %s (%s): Landlock refusals and kills while "
                  "SIGSYS is blocked will not be reported",
                  cmd[0],
                  child.busy ? "another supervisor's filter is in place"
                             : "no seccomp user notification in this kernel");
        execv(path, cmd);
        cli_error("cannot execute %s: %s", path, strerror(errno));
        return cli_exec_status(errno);
    }
    e.j.root = child.pid;
    e.listener = child.listener;
    signal(SIGINT, SIG_IGN); /* like a shell's foreground job: ^C is for CMD */
    signal(SIGQUIT, SIG_IGN);
    rc = learn_supervise(&child, explain_answer, &e, &wstatus);
    close(child.listener);
    ll_judge_free(&e.j);
    if (rc)
        return SS_EXIT_REFUSE;
    if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGSYS && !e.reported)
        cli_error("%s (pid %d) was killed by SIGSYS with no report: a call the policy %s, made "
                  "with SIGSYS blocked (the kernel then kills without running explain's "
                  "handler)%s; `seccomp-shim audit -p %d` shows the kernel's record of it, and "
                  "`seccomp-shim run --complain` lists the calls the policy refuses",
                  path, (int)child.pid,
                  p->explain_all ? "kills or refuses with an errno (explain = all traps those "
                                   "too: without explain the program would have got the errno)"
                                 : "kills",
                  ss_policy_allows_outright(p, SYS_write)
                      ? ""
                      : ", or the report itself, a write to stderr, which this policy does not "
                        "allow",
                  (int)child.pid);
    return learn_end_like(wstatus);
}
