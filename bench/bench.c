/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* make bench: what the shim costs at start-up and per syscall, against a bare
 * run, the physical limit of a preloaded filter and the alternatives,
 * measured interleaved (round-robin over every variant, in a new order each
 * round) so that the ratios hold on a noisy machine. Prints medians, ratios
 * against bare /bin/true in the same run, and the distance to each row's
 * reference. Run from the repository's root after `make`; see
 * docs/performance.md.
 *
 * Self-contained: the policies are the shipped conf/deny-uname.ini and
 * conf/docker-default.ini; the compiled policies and raw BPF programs come
 * from the command (`seccomp-shim compile`, `seccomp-shim export -f bpf`). */
#define _GNU_SOURCE
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SMALL_INI   "conf/deny-uname.ini"
#define DOCKER_INI  "conf/docker-default.ini"
#define SHIM        "build/libseccomp-shim.so"
#define BENCH_DIR   "build/bench/"
#define NOOP        BENCH_DIR "noop.so"
#define RAWINSTALL  BENCH_DIR "rawinstall.so"
#define RAW_ENV     "BENCH_RAW_BPF" /* the file rawinstall.so installs */
#define CHILD       BENCH_DIR "child"
#define CLI         "build/seccomp-shim"
#define BWRAP       "/usr/bin/bwrap"
#define FIREJAIL    "/usr/bin/firejail"
#define LEARN_CMD   "/bin/ls", "-l", "/etc"
#define MAX_VARIANT 64
/* The Landlock rights of [filesystem]'s read, write and of the implicit
 * grants (engine/landlock.c), and the loader every dynamic program needs. */
#define LL_READ (SS_LL_FS_READ_FILE | SS_LL_FS_READ_DIR)
#define LL_WRITE                                                                                   \
    (SS_LL_FS_ALL &                                                                                \
     ~(SS_LL_FS_EXECUTE | SS_LL_FS_MAKE_CHAR | SS_LL_FS_MAKE_BLOCK | SS_LL_FS_IOCTL_DEV))
#define LL_LOAD (SS_LL_FS_EXECUTE | SS_LL_FS_READ_FILE)
#if defined(__aarch64__)
#define LL_LOADER "/lib/ld-linux-aarch64.so.1"
#else
#define LL_LOADER "/lib64/ld-linux-x86-64.so.2"
#endif
#define SLOW_US 3000 /* µs: a start-up this slow is measured every third round */

extern char **environ;

static char tmpdir[] = "/tmp/seccomp-shim-bench.XXXXXX";
static char **base_env; /* environ without LD_PRELOAD and the shim's variables */

enum kind {
    START,     /* spawn argv with env, time until it is reaped */
    INHERITED, /* ask the spawner under the Docker filter; letter in argv[0] */
    LOOP,      /* spawn the child's syscall loop; it reports ns per call */
};

struct variant {
    const char *group, *name;
    enum kind kind;
    char *argv[24];
    char **env;
    const char *fd3;  /* file to open as descriptor 3 (bwrap --seccomp 3) */
    int baseline;     /* the row ratios compare with; -1: none (a baseline) */
    int ref;          /* a second row to print the distance to; -1: none */
    int every;        /* measured in rounds r % every == 0 only (0, 1: all) */
    const char *note; /* printed instead of numbers when set (cannot run) */
    double *samples;  /* by round; NAN where not measured */
};

static struct variant v[MAX_VARIANT];
static int nv, rounds = 300;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;

    fputs("bench: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int rc;

    va_start(ap, fmt);
    rc = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (rc < 0)
        die("out of memory");
    return s;
}

static char *path_in_tmp(const char *name)
{
    return xasprintf("%s/%s", tmpdir, name);
}

static char *abs_path(const char *path)
{
    char *abs = realpath(path, NULL);

    if (!abs)
        die("%s: %s (run `make bench` from the repository's root)", path, strerror(errno));
    return abs;
}

static long long now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* base_env plus the given NAME=VALUE strings (NULL-terminated). */
static char **env_with(const char *first, ...)
{
    size_t n = 0, cap = 8;
    char **env;
    va_list ap;

    for (char **e = base_env; *e; e++)
        cap++;
    env = calloc(cap, sizeof *env);
    if (!env)
        die("out of memory");
    for (char **e = base_env; *e; e++)
        env[n++] = *e;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        env[n++] = (char *)s;
    va_end(ap);
    return env;
}

static char *var(const char *name, const char *value)
{
    return xasprintf("%s=%s", name, value);
}

static char **preload_env(const char *object, const char *name, const char *value)
{
    return env_with(var("LD_PRELOAD", abs_path(object)), var(name, value), NULL);
}

static char **policy_env(const char *shim, const char *policy)
{
    return preload_env(shim, SS_ENV_POLICY, policy);
}

/* Spawns argv with env, stdout to out_fd (-1: /dev/null), stderr to err_fd
 * (-1: /dev/null); returns the exit status, or -1. */
static int spawn_wait(char *const argv[], char **env, const char *fd3, int out_fd, int err_fd)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status, rc;

    posix_spawn_file_actions_init(&fa);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    else
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (fd3)
        posix_spawn_file_actions_addopen(&fa, 3, fd3, O_RDONLY, 0);
    rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    if (rc)
        return -1;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Runs the command without its warnings; dies when it fails, after a second
 * run that shows why. */
static void run_cli(char *const argv[])
{
    if (spawn_wait(argv, base_env, NULL, -1, -1) != 0 &&
        spawn_wait(argv, base_env, NULL, -1, STDERR_FILENO) != 0)
        die("`%s %s %s` failed", argv[0], argv[1], argv[2]);
}

/* ---- the policies, in the forms each variant takes ------------------------ */

/* The whole file, NUL-terminated (programs hold NULs: len says how long). */
static char *read_file(const char *path, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *data;

    if (fd < 0 || fstat(fd, &st))
        die("%s: %s", path, strerror(errno));
    data = malloc(st.st_size + 1);
    if (!data)
        die("out of memory");
    if (read(fd, data, st.st_size) != st.st_size)
        die("%s: cannot read it whole", path);
    close(fd);
    data[st.st_size] = 0;
    *len = st.st_size;
    return data;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "w");

    if (!f || fwrite(data, 1, len, f) != len || fclose(f))
        die("%s: %s", path, strerror(errno));
}

/* docker-default.ini with an argument check on the syscalls the loops call
 * (getppid, read) instead of their plain allow: what a check on the hot
 * syscall costs. */
static void write_hot_check(const char *path)
{
    size_t len;
    char *text = read_file(DOCKER_INI, &len), *out = malloc(len + 128), *o = out;

    if (!out)
        die("out of memory");
    for (char *line = text, *end; *line; line = end) {
        end = strchrnul(line, '\n');
        end += *end == '\n';
        if (strncmp(line, "getppid = allow\n", end - line) &&
            strncmp(line, "read = allow\n", end - line))
            o = mempcpy(o, line, end - line);
    }
    o = stpcpy(o, "\n; bench: argument checks on the hot syscalls\n"
                  "getppid = allow if arg0 == 0\nread = allow if arg0 < 1024\n");
    write_file(path, out, o - out);
    free(out);
    free(text);
}

/* The raw BPF program of ini (as bwrap --seccomp takes it) into bpf, and the
 * same with the shim's probe stamp in front into stamped: the program the
 * shim installs, instruction for instruction (preload/probe.c; the identity
 * differs, not the shape). Returns the stamped program's length. */
static int export_bpf(const char *ini, const char *bpf, const char *stamped)
{
#define LD(off)        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))
#define ARG(i)         (offsetof(struct seccomp_data, args) + 8 * (i))
    const unsigned long long lo = 0x5eedbe9c5eedbe9cULL, hi = 0x0123456789abcdefULL;
    const struct sock_filter stamp[] = {
        LD(offsetof(struct seccomp_data, arch)),
        JEQ(AUDIT_ARCH_X86_64, 0, 13),
        LD(offsetof(struct seccomp_data, nr)),
        JEQ(__NR_access, 0, 11),
        LD(ARG(1)),
        JEQ(SS_PROBE_MODE, 0, 9),
        LD(ARG(0)),
        JEQ((uint32_t)lo, 0, 7),
        LD(ARG(0) + 4),
        JEQ((uint32_t)(lo >> 32), 0, 5),
        LD(ARG(2)),
        JEQ((uint32_t)hi, 0, 3),
        LD(ARG(2) + 4),
        JEQ((uint32_t)(hi >> 32), 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | SS_PROBE_ERRNO),
    };
    char *argv[] = {CLI, "export", "-f", "bpf", "-o", (char *)bpf, (char *)ini, NULL};
    size_t len;
    char *prog, *out;

    _Static_assert(sizeof stamp / sizeof stamp[0] == SS_PROBE_LEN,
                   "the shim's stamp changed: copy preload/probe.c's again");

    run_cli(argv);
    prog = read_file(bpf, &len);
    out = malloc(sizeof stamp + len);
    if (!out)
        die("out of memory");
    memcpy(out, stamp, sizeof stamp);
    memcpy(out + sizeof stamp, prog, len);
    write_file(stamped, out, sizeof stamp + len);
    free(out);
    free(prog);
    return SS_PROBE_LEN + len / sizeof stamp[0];
}

/* What firejail can say of docker-default.ini: the names it allows, argument
 * checks dropped (firejail's lists take names only), as --seccomp.keep=. */
static char *docker_keep_list(void)
{
    size_t len, used = 0;
    char *text = read_file(DOCKER_INI, &len), *list = calloc(len + 1, 1);

    if (!list)
        die("out of memory");
    for (char *line = text, *end; *line; line = end) {
        char name[64];
        end = strchrnul(line, '\n');
        end += *end == '\n';
        if (sscanf(line, "%63[a-z0-9_] = allow", name) != 1)
            continue;
        if (used) {
            char *dup = strstr(list, name);
            size_t n = strlen(name);
            if (dup && (dup == list || dup[-1] == ',') && (dup[n] == ',' || !dup[n]))
                continue; /* socket, personality: several rules, one name */
            list[used++] = ',';
        }
        used = stpcpy(list + used, name) - list;
    }
    free(text);
    return list;
}

/* ---- variants ------------------------------------------------------------- */

static int add(const char *group, const char *name, enum kind kind, char **env, int baseline,
               int ref, ...)
{
    struct variant *x = &v[nv];
    va_list ap;
    int i = 0;

    if (nv == MAX_VARIANT)
        die("too many variants");
    x->group = group;
    x->name = name;
    x->kind = kind;
    x->env = env;
    x->baseline = baseline;
    x->ref = ref;
    va_start(ap, ref);
    for (char *s = va_arg(ap, char *); s && i < 23; s = va_arg(ap, char *))
        x->argv[i++] = s;
    va_end(ap);
    return nv++;
}

/* The command of variant i: prog, the options (NULL-terminated), /bin/true. */
static void set_argv(int i, char *prog, char *const *opts)
{
    const int max = sizeof v[i].argv / sizeof v[i].argv[0] - 2;
    int n = 0;

    v[i].argv[n++] = prog;
    for (; *opts && n < max; opts++)
        v[i].argv[n++] = *opts;
    v[i].argv[n++] = "/bin/true";
    v[i].argv[n] = NULL;
}

/* Why variant i cannot be measured here, or NULL: one trial run first, so
 * that a missing or refusing tool is named in the table, not a failed run. */
static const char *cannot_run(int i, const char *package)
{
    struct variant *x = &v[i];
    char why[300];
    int err[2], rc;
    ssize_t n;

    if (access(x->argv[0], X_OK))
        return xasprintf("not installed (`make bench-deps` installs Debian's %s)", package);
    if (pipe(err))
        die("pipe: %s", strerror(errno));
    rc = spawn_wait(x->argv, x->env, x->fd3, -1, err[1]);
    close(err[1]);
    n = read(err[0], why, sizeof why - 1);
    close(err[0]);
    if (rc == 0)
        return NULL;
    why[n > 0 ? n : 0] = 0;
    why[strcspn(why, "\n")] = 0;
    return xasprintf("cannot run here: exit %d: %s", rc, why);
}

static FILE *spawner_in, *spawner_out;

static void start_spawner(char **env)
{
    int to[2], from[2];
    posix_spawn_file_actions_t fa;
    char *argv[] = {CHILD, "spawner", NULL};
    pid_t pid;

    if (pipe(to) || pipe(from))
        die("pipe: %s", strerror(errno));
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from[1], 1);
    posix_spawn_file_actions_addclose(&fa, to[1]);
    posix_spawn_file_actions_addclose(&fa, from[0]);
    if (posix_spawn(&pid, CHILD, &fa, NULL, argv, env))
        die("cannot start %s", CHILD);
    posix_spawn_file_actions_destroy(&fa);
    close(to[0]);
    close(from[1]);
    spawner_in = fdopen(to[1], "w");
    spawner_out = fdopen(from[0], "r");
    setvbuf(spawner_in, NULL, _IOLBF, 0);
}

static double measure(struct variant *x)
{
    long long t0;
    double result = -1;

    switch (x->kind) {
    case START:
        t0 = now_ns();
        if (spawn_wait(x->argv, x->env, x->fd3, -1, -1) != 0)
            return -1;
        return (now_ns() - t0) / 1000.0;
    case INHERITED: {
        long long ns;
        fprintf(spawner_in, "%s\n", x->argv[0]);
        if (fscanf(spawner_out, "%lld", &ns) != 1 || ns < 0)
            return -1;
        return ns / 1000.0;
    }
    case LOOP: {
        int p[2];
        char buf[64] = "";
        ssize_t n;
        if (pipe(p))
            return -1;
        if (spawn_wait(x->argv, x->env, NULL, p[1], -1) == 0) {
            close(p[1]);
            n = read(p[0], buf, sizeof buf - 1);
            if (n > 0)
                buf[n] = 0, result = atof(buf);
        } else {
            close(p[1]);
        }
        close(p[0]);
        return result;
    }
    }
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

enum pairing { ALONE, MINUS, OVER };

/* The median of x's samples (ALONE), or of x - y or x / y taken round by
 * round: a burst of load on the machine that slows a whole round then
 * cancels out of the comparison instead of shifting one median. */
static double median(const struct variant *x, const struct variant *y, enum pairing how)
{
    double *a = calloc(rounds, sizeof *a), m;
    int n = 0;

    if (!a)
        die("out of memory");
    for (int r = 0; r < rounds; r++)
        if (!isnan(x->samples[r]) && (how == ALONE || !isnan(y->samples[r])))
            a[n++] = how == ALONE   ? x->samples[r]
                     : how == MINUS ? x->samples[r] - y->samples[r]
                                    : x->samples[r] / y->samples[r];
    qsort(a, n, sizeof *a, cmp_double);
    m = n == 0 ? NAN : n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    free(a);
    return m;
}

/* What a page fault and a syscall cost here, in µs (medians of 15 tries):
 * start-up is mostly page faults (a bare /bin/true takes about 125), so
 * their price sets every start-up ratio below (docs/performance.md). */
static void machine_costs(double *fault_us, double *syscall_us)
{
    enum { PAGES = 64, TRIES = 15 };
    double f[TRIES], c[TRIES];
    long page = sysconf(_SC_PAGESIZE);

    for (int t = 0; t < TRIES; t++) {
        volatile char *m = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        long long t0;
        if (m == MAP_FAILED)
            die("mmap: %s", strerror(errno));
        t0 = now_ns();
        for (int i = 0; i < PAGES; i++)
            m[i * page] = 1;
        f[t] = (now_ns() - t0) / 1e3 / PAGES;
        munmap((void *)m, PAGES * page);
        t0 = now_ns();
        for (int i = 0; i < 1000; i++)
            syscall(SYS_getppid);
        c[t] = (now_ns() - t0) / 1e3 / 1000;
    }
    qsort(f, TRIES, sizeof f[0], cmp_double);
    qsort(c, TRIES, sizeof c[0], cmp_double);
    *fault_us = f[TRIES / 2];
    *syscall_us = c[TRIES / 2];
}

static void machine(void)
{
    double fault_us, syscall_us;

    char line[256], model[256] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");

    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            snprintf(model, sizeof model, "%s", strchr(line, ':') + 2);
            model[strcspn(model, "\n")] = 0;
            break;
        }
    if (f)
        fclose(f);
    printf("machine: %s, %ld CPUs", model, sysconf(_SC_NPROCESSORS_ONLN));
    f = fopen("/proc/sys/kernel/osrelease", "r");
    if (f && fgets(line, sizeof line, f))
        printf(", Linux %s", line);
    else
        printf("\n");
    if (f)
        fclose(f);
    machine_costs(&fault_us, &syscall_us);
    printf("this machine: a page fault (first write to a page) %.1f µs, a syscall (getppid) %.2f µs\n",
           fault_us, syscall_us);
}

static void print_table(void)
{
    const char *group = "";

    for (int i = 0; i < nv; i++) {
        struct variant *x = &v[i];
        bool ns = strcmp(x->group, "per syscall") == 0;
        double m;

        if (strcmp(group, x->group)) {
            group = x->group;
            printf("%-56s %9s %7s %9s  %s\n", group, ns ? "ns/call" : "µs", "ratio",
                   ns ? "+ns" : "+µs", "distance to the reference");
        }
        if (x->note) {
            printf("  %-54s %s\n", x->name, x->note);
            continue;
        }
        m = median(x, NULL, ALONE);
        if (x->baseline < 0) {
            printf("  %-54s %9.1f\n", x->name, m);
            continue;
        }
        printf("  %-54s %9.1f %6.2fx %+9.1f", x->name, m, median(x, &v[x->baseline], OVER),
               median(x, &v[x->baseline], MINUS));
        if (x->ref >= 0 && !v[x->ref].note)
            printf("  %+7.1f vs %s", median(x, &v[x->ref], MINUS), v[x->ref].name);
        printf("\n");
    }
}

static void cleanup(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd)) {
        /* leaves a folder in /tmp; nothing else to do */
    }
}

/* What add_build() compares a build of the shim with. */
static struct {
    const char *small, *docker; /* the compiled policies */
    int bare, small_ref, docker_ref;
} pre;

/* Start-up rows for another build of the shim (object) on the precompiled
 * policies, each against the shipped shim on the same policy. */
static void add_build(const char *label, const char *object, bool docker_too)
{
    int i = add("start-up", xasprintf("%s, deny-uname precompiled", label), START,
                policy_env(object, pre.small), pre.bare, pre.small_ref, "/bin/true", NULL);

    /* A build that cannot start (the one without libseccomp: the shim now
     * calls seccomp_api_set at every start) is named with its error. */
    v[i].note = cannot_run(i, "seccomp-shim");
    if (docker_too) {
        i = add("start-up", xasprintf("%s, docker-default precompiled", label), START,
                policy_env(object, pre.docker), pre.bare, pre.docker_ref, "/bin/true", NULL);
        v[i].note = cannot_run(i, "seccomp-shim");
    }
}

static const char usage[] =
    "Usage: bench [-pq] [-r ROUNDS] [-s SHIM]... [-w DIR]\n"
    "Run from the repository's root after `make` (or use `make bench`).\n"
    "  -q         quick: 100 rounds, no learn or link-variant rows, shorter loops\n"
    "             (under a minute; `make bench BENCH_QUICK=1`)\n"
    "  -p         only the precompiled and inherited start-up rows (to compare builds)\n"
    "  -r ROUNDS  rounds over every variant (default 300)\n"
    "  -s SHIM    also measure this build of the shim on the precompiled rows\n"
    "  -w DIR     prepare the policies, programs and BPF files in DIR, keep them, and exit\n";

int main(int argc, char **argv)
{
    int loop_every = 5, c, small_len, docker_len;
    bool quick = false, rounds_set = false, only_pre = false;
    const char *shims[8];
    int nshims = 0;
    const char *keep = NULL, *loop_calls = "90000";
    size_t n = 0;

    while ((c = getopt(argc, argv, "pqr:s:w:h")) != -1) {
        if (c == 'q') {
            quick = true;
        } else if (c == 'p') {
            only_pre = true;
        } else if (c == 's' && nshims < 8) {
            shims[nshims++] = optarg;
        } else if (c == 'r' && atoi(optarg) > 0) {
            rounds = atoi(optarg);
            rounds_set = true;
        } else if (c == 'w') {
            keep = optarg;
        } else {
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : 2;
        }
    }
    if (quick) {
        rounds = rounds_set ? rounds : 100;
        loop_every = 4;
        loop_calls = "45000";
    }
    if (access(SMALL_INI, R_OK) || access(CHILD, X_OK) || access(RAWINSTALL, R_OK))
        die("run from the repository's root after `make bench`'s build step");
    for (char **e = environ; *e; e++)
        n++;
    base_env = calloc(n + 1, sizeof *base_env);
    n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "LD_PRELOAD=", 11) && strncmp(*e, SS_ENV_PREFIX, strlen(SS_ENV_PREFIX)))
            base_env[n++] = *e;
    if (keep) {
        snprintf(tmpdir, sizeof tmpdir, "%s", keep);
        if (mkdir(tmpdir, 0755) && errno != EEXIST)
            die("%s: %s", tmpdir, strerror(errno));
    } else {
        if (!mkdtemp(tmpdir))
            die("mkdtemp: %s", strerror(errno));
        atexit(cleanup);
    }
    signal(SIGPIPE, SIG_IGN);

    /* The forms: compiled policies, raw BPF (bare, and stamped as the shim
     * installs it), the Docker policy with and without a compiled sibling. */
    char *small_compiled = path_in_tmp("deny-uname.compiled");
    char *docker_compiled = path_in_tmp("docker-default.compiled");
    char *small_bpf = path_in_tmp("deny-uname.bpf"),
         *small_stamped = path_in_tmp("deny-uname.stamped.bpf");
    char *docker_bpf = path_in_tmp("docker-default.bpf");
    char *docker_stamped = path_in_tmp("docker-default.stamped.bpf");
    char *docker_alone = path_in_tmp("alone");
    char *docker_hot = path_in_tmp("docker-hot-check.ini"), *learned = path_in_tmp("learned.ini");
    char *compile_small[] = {CLI, "compile", "-o", small_compiled, SMALL_INI, NULL};
    char *compile_docker[] = {CLI, "compile", "-o", docker_compiled, docker_alone, NULL};
    size_t len;
    char *docker_text = read_file(DOCKER_INI, &len);

    /* docker_alone: a copy of the policy in a folder of its own (no compiled
     * sibling can be beside it); docker_compiled sits beside the copy in
     * tmpdir: the policy with its sibling, as `compile` names it. */
    if (mkdir(docker_alone, 0755) && errno != EEXIST)
        die("%s: %s", docker_alone, strerror(errno));
    docker_alone = path_in_tmp("alone/docker-default.ini");
    write_file(docker_alone, docker_text, len);
    char *docker_sibling = path_in_tmp("docker-default.ini");
    write_file(docker_sibling, docker_text, len);
    compile_docker[4] = docker_sibling;
    run_cli(compile_small);
    run_cli(compile_docker);
    small_len = export_bpf(SMALL_INI, small_bpf, small_stamped);
    docker_len = export_bpf(DOCKER_INI, docker_bpf, docker_stamped);
    write_hot_check(docker_hot);
    if (keep) {
        printf("%s: policies, compiled policies and BPF programs (stamped: %d and %d insns)\n",
               tmpdir, small_len, docker_len);
        return 0;
    }

    char **none_env = env_with(NULL);
    char **small_env = policy_env(SHIM, SMALL_INI);
    char **docker_env = policy_env(SHIM, docker_alone);
    char *small_desc = xasprintf("raw install, deny-uname BPF (%d insns)", small_len);
    char *docker_desc = xasprintf("raw install, docker-default BPF (%d insns)", docker_len);

    /* Start-up of /bin/true, µs: every ratio against the bare run. */
    const char *S = "start-up";
    int bare = add(S, "/bin/true, bare", START, none_env, -1, -1, "/bin/true", NULL);
    int floor = add(S, "preload of an empty .so (the floor)", START,
                    env_with(var("LD_PRELOAD", abs_path(NOOP)), NULL), bare, -1, "/bin/true", NULL);
    int raw_small = add(S, small_desc, START, preload_env(RAWINSTALL, RAW_ENV, small_stamped), bare,
                        floor, "/bin/true", NULL);
    int pre_small = add(S, "shim, deny-uname precompiled", START, policy_env(SHIM, small_compiled),
                        bare, raw_small, "/bin/true", NULL);
    int raw_docker = add(S, docker_desc, START, preload_env(RAWINSTALL, RAW_ENV, docker_stamped),
                         bare, floor, "/bin/true", NULL);
    int pre_docker = add(S, "shim, docker-default precompiled", START,
                         policy_env(SHIM, docker_compiled), bare, raw_docker, "/bin/true", NULL);
    pre.small = small_compiled, pre.docker = docker_compiled;
    pre.bare = bare, pre.small_ref = pre_small, pre.docker_ref = pre_docker;
    for (int i = 0; i < nshims; i++)
        add_build(shims[i], shims[i], true);
    if (!quick || only_pre) {
        add(S, "raw install, deny-uname BPF without the stamp", START,
            preload_env(RAWINSTALL, RAW_ENV, small_bpf), bare, raw_small, "/bin/true", NULL);
        add(S, "raw install, docker-default BPF without the stamp", START,
            preload_env(RAWINSTALL, RAW_ENV, docker_bpf), bare, raw_docker, "/bin/true", NULL);
    }
    if (!only_pre) {
        add(S, "shim, deny-uname.ini (INI)", START, small_env, bare, pre_small, "/bin/true", NULL);
        add(S, "shim, docker-default.ini, no compiled sibling", START, docker_env, bare, pre_docker,
            "/bin/true", NULL);
        add(S, "shim, docker-default.ini with its compiled sibling", START,
            policy_env(SHIM, docker_sibling), bare, pre_docker, "/bin/true", NULL);
        /* Landlock's cost: the same INI with and without its sections
         * (issue 12's target: at most +40 us). */
        static const char seccomp_part[] = "[policy]\ndefault = allow\n[syscalls]\n"
                                           "uname = kill_process\n";
        static const char landlock_part[] = "[filesystem]\nread = /\nexec = /usr\n"
                                            "write = /tmp\n[network]\nconnect = 443\n";
        char *plain = path_in_tmp("plain.ini"), *with_ll = path_in_tmp("landlock.ini");
        char *both = xasprintf("%s%s", seccomp_part, landlock_part);
        write_file(plain, seccomp_part, strlen(seccomp_part));
        write_file(with_ll, both, strlen(both));
        int ini_plain = add(S, "shim, small INI (uname rule only)", START, policy_env(SHIM, plain),
                            bare, -1, "/bin/true", NULL);
        add(S, "shim, the same INI + Landlock (3 paths, 1 port)", START, policy_env(SHIM, with_ll),
            bare, ini_plain, "/bin/true", NULL);
        /* Its limit: the raw installer applying the ruleset the shim builds
         * for that policy (its three paths, then the implicit grants: the
         * loader, the shim, the policy file) before the same filter. */
        char *rules = xasprintf(
            "%llx:/ %llx:/usr %llx:/tmp %llx:%s %llx:%s %llx:%s port:%llx:443",
            (unsigned long long)LL_READ, (unsigned long long)(LL_READ | SS_LL_FS_EXECUTE),
            (unsigned long long)LL_WRITE, (unsigned long long)LL_LOAD, LL_LOADER,
            (unsigned long long)LL_LOAD, abs_path(SHIM), (unsigned long long)SS_LL_FS_READ_FILE,
            with_ll, (unsigned long long)SS_LL_NET_CONNECT_TCP);
        /* The same policy compiled: Landlock on the precompiled path. */
        char *ll_compiled = path_in_tmp("landlock-precompiled.compiled");
        char *compile_ll[] = {CLI, "compile", "-o", ll_compiled, with_ll, NULL};
        run_cli(compile_ll);
        add(S, "shim, that policy with Landlock precompiled", START, policy_env(SHIM, ll_compiled),
            bare, pre_small, "/bin/true", NULL);
        add(S, "raw install + that Landlock ruleset (6 paths, 1 port)", START,
            env_with(var("LD_PRELOAD", abs_path(RAWINSTALL)), var(RAW_ENV, small_stamped),
                     var("BENCH_RAW_LANDLOCK", rules), NULL),
            bare, raw_small, "/bin/true", NULL);
    }
    if (!quick && !only_pre) {
        add_build("dynamically linked shim", BENCH_DIR "libseccomp-shim-dynamic.so", false);
        add_build("shim without the libraries", BENCH_DIR "libseccomp-shim-nolibs.so", false);
        add_build("shim linked -z noseparate-code", BENCH_DIR "libseccomp-shim-nosep.so", true);
    }

    /* The same /bin/true from a process already under docker-default.ini. */
    const char *I = "start-up under docker-default.ini's filter (inherited)";
    int fbare = add(I, "bare child", INHERITED, NULL, -1, -1, "b", NULL);
    int fnoop = add(I, "empty .so child", INHERITED, NULL, fbare, -1, "n", NULL);
    add(I, "inherited shim child (installs nothing)", INHERITED, NULL, fbare, fnoop, "i", NULL);
    for (int i = 0; i < nshims; i++)
        add(I, xasprintf("%s child", shims[i]), INHERITED, NULL, fbare, fnoop,
            xasprintf("p %s", abs_path(shims[i])), NULL);
    if (only_pre)
        goto measure;

    /* The alternatives, with the same programs. */
    const char *A = "start-up, the alternatives";
    int bw_small =
        add(A, "bwrap --seccomp, deny-uname BPF", START, none_env, bare, pre_small, BWRAP,
            "--ro-bind", "/", "/", "--dev", "/dev", "--seccomp", "3", "/bin/true", NULL);
    v[bw_small].fd3 = small_bpf;
    int bw_docker =
        add(A, "bwrap --seccomp, docker-default BPF", START, none_env, bare, pre_docker, BWRAP,
            "--ro-bind", "/", "/", "--dev", "/dev", "--seccomp", "3", "/bin/true", NULL);
    v[bw_docker].fd3 = docker_bpf;
    int fj_small = add(A, "firejail --seccomp.drop=uname, kill", START, none_env, bare, pre_small,
                       FIREJAIL, "--quiet", "--noprofile", "--seccomp.drop=uname",
                       "--seccomp-error-action=kill", "/bin/true", NULL);
    int fj_docker = add(A, "firejail --seccomp.keep=(docker-default's names)", START, none_env,
                        bare, pre_docker, FIREJAIL, "--quiet", "--noprofile",
                        xasprintf("--seccomp.keep=%s", docker_keep_list()), "/bin/true", NULL);
    v[bw_small].note = cannot_run(bw_small, "bubblewrap");
    v[bw_docker].note = cannot_run(bw_docker, "bubblewrap");
    v[fj_small].note = cannot_run(fj_small, "firejail");
    v[fj_docker].note = cannot_run(fj_docker, "firejail");

    /* The shipped Landlock policies (INI, as shipped) beside bwrap's and
     * firejail's nearest equivalents: a read-only root, a writable $PWD and
     * /tmp, no network, a root of /usr, /etc, /proc and /dev only (firejail
     * has no such option). Their distance: to the shim's row. */
    const char *LL = "start-up, Landlock policies and the alternatives' equivalents";
    char *cwd = abs_path(".");
    struct {
        const char *ini, *what;
        char *bwrap[20], *firejail[6]; /* NULL-terminated */
    } ll[] = {
        {"conf/read-only.ini",
         "read-only root",
         {"--ro-bind", "/", "/", "--dev", "/dev"},
         {"--read-only=/"}},
        {"conf/write-here.ini",
         "writable $PWD and /tmp",
         {"--ro-bind", "/", "/", "--bind", cwd, cwd, "--bind", "/tmp", "/tmp", "--dev", "/dev"},
         {"--read-only=/", xasprintf("--read-write=%s", cwd), "--read-write=/tmp"}},
        {"conf/no-network.ini",
         "no network",
         {"--bind", "/", "/", "--dev", "/dev", "--unshare-net"},
         {"--net=none"}},
        {"conf/landlock-base.ini",
         "/usr, /etc, /proc, /dev only",
         {"--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib",
          "/lib", "--symlink", "usr/lib64", "/lib64", "--ro-bind", "/etc", "/etc", "--proc",
          "/proc", "--dev", "/dev"},
         {NULL}},
    };
    for (size_t k = 0; k < sizeof ll / sizeof ll[0]; k++) {
        int shim = add(LL, xasprintf("shim, %s", ll[k].ini), START,
                       policy_env(SHIM, abs_path(ll[k].ini)), bare, -1, "/bin/true", NULL);
        int bw = add(LL, xasprintf("bwrap, %s", ll[k].what), START, none_env, bare, shim, NULL);
        set_argv(bw, BWRAP, ll[k].bwrap);
        v[shim].note = cannot_run(shim, "seccomp-shim");
        v[bw].note = cannot_run(bw, "bubblewrap");
        if (ll[k].firejail[0]) {
            char *fj_opts[8] = {"--quiet", "--noprofile"};
            memcpy(fj_opts + 2, ll[k].firejail, sizeof ll[k].firejail);
            int fj =
                add(LL, xasprintf("firejail, %s", ll[k].what), START, none_env, bare, shim, NULL);
            set_argv(fj, FIREJAIL, fj_opts);
            v[fj].note = cannot_run(fj, "firejail");
        }
    }

    if (!quick) {
        const char *L = "learning";
        char *learn_help[] = {CLI, "learn", "--help", NULL};
        int plain = add(L, "ls -l /etc, plain", START, none_env, -1, -1, LEARN_CMD, NULL);
        int learn = add(L, "ls -l /etc under `seccomp-shim learn`", START, none_env, plain, -1, CLI,
                        "learn", "-o", learned, "--", LEARN_CMD, NULL);
        if (spawn_wait(learn_help, none_env, NULL, -1, -1) != 0)
            v[learn].note = "not available (no `seccomp-shim learn` in this build)";
    }

    /* Per syscall, ns. */
    /* Per syscall, ns. The limit: the cheapest filter there is (one
     * instruction, allow), which still moves every syscall to the kernel's
     * slow entry path. */
    const char *P = "per syscall";
    const char *loops[] = {"getppid", "read"};
    const struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    char *allow_bpf = path_in_tmp("allow.bpf");
    write_file(allow_bpf, &allow, sizeof allow);
    for (int l = 0; l < 2; l++) {
        int none = add(P, l ? "read(1 byte), no filter" : "getppid, no filter", LOOP, none_env, -1,
                       -1, CHILD, loops[l], loop_calls, NULL);
        int any = add(P,
                      l ? "read, any filter (1-insn allow, raw install)"
                        : "getppid, any filter (1-insn allow, raw install)",
                      LOOP, preload_env(RAWINSTALL, RAW_ENV, allow_bpf), none, -1, CHILD, loops[l],
                      loop_calls, NULL);
        add(P, l ? "read, deny-uname.ini" : "getppid, deny-uname.ini", LOOP, small_env, none, any,
            CHILD, loops[l], loop_calls, NULL);
        add(P, l ? "read, docker-default.ini" : "getppid, docker-default.ini", LOOP, docker_env,
            none, any, CHILD, loops[l], loop_calls, NULL);
        add(P,
            l ? "read, docker-default + `read if arg0 < 1024`"
              : "getppid, docker-default + `getppid if arg0 == 0`",
            LOOP, policy_env(SHIM, docker_hot), none, any, CHILD, loops[l], loop_calls, NULL);
    }

measure:
    start_spawner(env_with(var("LD_PRELOAD", abs_path(SHIM)), var(SS_ENV_POLICY, docker_alone),
                           var("BENCH_NOOP", abs_path(NOOP)), NULL));
    for (int i = 0; i < nv; i++) {
        v[i].samples = calloc(rounds, sizeof *v[i].samples);
        if (!v[i].samples)
            die("out of memory");
        for (int r = 0; r < rounds; r++)
            v[i].samples[r] = NAN;
        if (v[i].kind == LOOP)
            v[i].every = loop_every;
    }

    fprintf(stderr, "bench: %d rounds over %d variants%s...\n", rounds, nv,
            quick ? " (quick)" : "");
    srand(1);
    for (int r = 0; r < rounds; r++) {
        int order[MAX_VARIANT];
        for (int i = 0; i < nv; i++)
            order[i] = i;
        for (int i = nv - 1; i > 0; i--) { /* a new order each round */
            int j = rand() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < nv; k++) {
            struct variant *x = &v[order[k]];
            double s;
            if (x->note || (x->every > 1 && r % x->every))
                continue;
            s = measure(x);
            if (s < 0)
                die("%s: the run failed", x->name);
            /* Slow rows (firejail, bwrap, a Docker-sized INI) every third round
             * only: short rounds keep the pairs of the fast rows close in time. */
            if (r == 0 && x->kind == START && s > SLOW_US)
                x->every = 3;
            x->samples[r] = s;
        }
    }

    machine();
    printf("%d rounds%s, variants interleaved in a new random order each round; medians.\n"
           "Ratio, +µs and distance: medians of the round-by-round ratios and differences\n"
           "against the group's bare run and the row named; raw install: bench/rawinstall.c, one "
           "seccomp()\n"
           "of the exported BPF with the shim's %d-instruction probe stamp in front.\n\n",
           rounds, quick ? " (BENCH_QUICK: preliminary)" : "", SS_PROBE_LEN);
    print_table();
    fclose(spawner_in);
    fclose(spawner_out);
    free(docker_text);
    return 0;
}
