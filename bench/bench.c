/* make bench: what the shim costs at start-up and per syscall, against a bare
 * run and the alternatives, measured interleaved (round-robin over every
 * variant, in a new order each round) so that the ratios hold on a noisy
 * machine. Prints medians and ratios. Run from the repository's root after
 * `make`; see README.md, Performance.
 *
 * The Docker-sized policy is generated from Docker's default profile
 * (../shared/data/docker-default-seccomp.json): its x86_64 allow rules,
 * argument checks included, with an errno(EPERM) default. */
#define _GNU_SOURCE
#include "seccomp-shim.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DOCKER_JSON "../shared/data/docker-default-seccomp.json"
#define SHIM        "build/libseccomp-shim.so"
#define SHIM_DYN    "build/bench/libseccomp-shim-dynamic.so"
#define SHIM_NOLIBS "build/bench/libseccomp-shim-nolibs.so"
#define NOOP        "build/bench/noop.so"
#define CHILD       "build/bench/child"
#define CLI         "build/seccomp-shim"
#define LOOP_CALLS  "90000"
#define LEARN_CMD   "/bin/ls", "-l", "/etc"

extern char **environ;

static char tmpdir[] = "/tmp/seccomp-shim-bench.XXXXXX";
static char **base_env; /* environ without LD_PRELOAD and SECCOMP_SHIM_* */

enum kind {
    START,     /* spawn argv with env, time until it is reaped */
    INHERITED, /* ask the spawner under the Docker filter; letter in arg */
    LOOP,      /* spawn the child's syscall loop; it reports ns per call */
};

struct variant {
    const char *group, *name;
    enum kind kind;
    char *argv[12];
    char **env;
    const char *fd3;  /* file to open as descriptor 3 (bwrap --seccomp 3) */
    int baseline;     /* index of the row ratios compare with; -1: none */
    const char *note; /* printed instead of numbers when set (not installed) */
    double *samples;
    int n;
};

static struct variant v[40];
static int nv;

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

static char *path_in_tmp(const char *name)
{
    char *p;

    if (asprintf(&p, "%s/%s", tmpdir, name) < 0)
        die("out of memory");
    return p;
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
    char *s;

    if (asprintf(&s, "%s=%s", name, value) < 0)
        die("out of memory");
    return s;
}

static char **policy_env(const char *shim, const char *policy)
{
    char *abs = realpath(shim, NULL);

    if (!abs)
        die("%s: %s (run `make bench` from the repository's root)", shim, strerror(errno));
    return env_with(var("LD_PRELOAD", abs), var("SECCOMP_SHIM_POLICY", policy), NULL);
}

/* Spawns argv with env, stdout to out_fd (-1: /dev/null), stderr to
 * /dev/null; returns the exit status, or -1. */
static int spawn_wait(char *const argv[], char **env, const char *fd3, int out_fd)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status, rc;

    posix_spawn_file_actions_init(&fa);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
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

/* ---- the Docker-sized policy --------------------------------------------- */

static const char *cmp_op(const char *op)
{
    static const char *map[][2] = {{"SCMP_CMP_EQ", "=="}, {"SCMP_CMP_NE", "!="},
                                   {"SCMP_CMP_LT", "<"},  {"SCMP_CMP_LE", "<="},
                                   {"SCMP_CMP_GT", ">"},  {"SCMP_CMP_GE", ">="}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(op, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static bool list_has(json_t *list, const char *s)
{
    size_t i;
    json_t *x;

    json_array_foreach(list, i, x) if (json_is_string(x) &&
                                       strcmp(json_string_value(x), s) == 0) return true;
    return false;
}

/* Does this entry of the profile apply to an unprivileged x86_64 container? */
static bool applies(json_t *entry)
{
    json_t *inc = json_object_get(entry, "includes"), *exc = json_object_get(entry, "excludes");
    json_t *arches;

    if (inc && json_object_get(inc, "caps"))
        return false;
    arches = inc ? json_object_get(inc, "arches") : NULL;
    if (arches && !list_has(arches, "amd64"))
        return false;
    arches = exc ? json_object_get(exc, "arches") : NULL;
    return !(arches && list_has(arches, "amd64"));
}

/* Conditions of entry as " if arg0 == 1 && ..." into buf; false if unknown. */
static bool conditions(json_t *entry, char *buf, size_t size)
{
    json_t *args = json_object_get(entry, "args"), *a;
    size_t i, used = 0;

    buf[0] = 0;
    json_array_foreach(args, i, a)
    {
        long long index = json_integer_value(json_object_get(a, "index"));
        unsigned long long value = json_integer_value(json_object_get(a, "value"));
        unsigned long long two = json_integer_value(json_object_get(a, "valueTwo"));
        const char *op = json_string_value(json_object_get(a, "op")), *sym;

        if (!op)
            return false;
        if (strcmp(op, "SCMP_CMP_MASKED_EQ") == 0)
            used += snprintf(buf + used, size - used, "%s arg%lld & %llu == %llu",
                             i ? " &&" : " if", index, value, two);
        else if ((sym = cmp_op(op)))
            used += snprintf(buf + used, size - used, "%s arg%lld %s %llu", i ? " &&" : " if",
                             index, sym, value);
        else
            return false;
        if (used >= size)
            return false;
    }
    return true;
}

/* Writes the Docker-sized INI; hot_check puts an argument check on the
 * syscalls the loops call (getppid, read). Returns the number of rules. */
static int write_docker_ini(const char *path, bool hot_check)
{
    json_error_t jerr;
    json_t *root = json_load_file(DOCKER_JSON, 0, &jerr), *entry, *name;
    static bool unconditional[1024];
    size_t i, j;
    int rules = 0;
    FILE *f;

    if (!root)
        die("%s: %s (the Docker-sized policy is generated from it)", DOCKER_JSON, jerr.text);
    f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    fprintf(f, "; generated by bench from %s\n[policy]\ndefault = errno(EPERM)\n\n[syscalls]\n",
            DOCKER_JSON);
    memset(unconditional, 0, sizeof unconditional);
    /* Two passes: unconditional allows first, then checks for the others. */
    for (int pass = 0; pass < 2; pass++)
        json_array_foreach(json_object_get(root, "syscalls"), i, entry)
        {
            const char *action = json_string_value(json_object_get(entry, "action"));
            bool has_args = json_array_size(json_object_get(entry, "args")) > 0;
            char cond[512], act[32];

            if (!action || !applies(entry) || has_args != (pass == 1) ||
                !conditions(entry, cond, sizeof cond))
                continue;
            if (strcmp(action, "SCMP_ACT_ALLOW") == 0)
                snprintf(act, sizeof act, "allow");
            else if (strcmp(action, "SCMP_ACT_ERRNO") == 0)
                snprintf(act, sizeof act, "errno(%lld)",
                         json_integer_value(json_object_get(entry, "errnoRet")) ?: 1);
            else
                continue;
            json_array_foreach(json_object_get(entry, "names"), j, name)
            {
                const char *s = json_string_value(name);
                bool elsewhere;
                int nr = s ? ss_syscall_number(s, &elsewhere) : -1;

                if (nr < 0 || nr >= 1024 || unconditional[nr])
                    continue;
                if (hot_check && strcmp(s, "getppid") == 0)
                    fprintf(f, "getppid = allow if arg0 == 0\n");
                else if (hot_check && strcmp(s, "read") == 0)
                    fprintf(f, "read = allow if arg0 < 1024\n");
                else
                    fprintf(f, "%s = %s%s\n", s, act, cond);
                unconditional[nr] = pass == 0;
                rules++;
            }
        }
    json_decref(root);
    if (fclose(f))
        die("%s: %s", path, strerror(errno));
    return rules;
}

/* The compiled policy, and its bare BPF program for bwrap --seccomp. */
static void compile_policy(const char *ini, const char *compiled, const char *raw)
{
    char *argv[] = {CLI, "compile", "-o", (char *)compiled, (char *)ini, NULL};
    char buf[65536];
    ssize_t n;
    int in, out;

    if (spawn_wait(argv, base_env, NULL, -1) != 0)
        die("`%s compile %s` failed", CLI, ini);
    in = open(compiled, O_RDONLY);
    out = open(raw, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || (n = read(in, buf, sizeof buf)) < 48 ||
        write(out, buf + 48, n - 48) != n - 48)
        die("cannot write %s", raw);
    close(in);
    close(out);
}

/* ---- variants ------------------------------------------------------------- */

static int add(const char *group, const char *name, enum kind kind, char **env, int baseline, ...)
{
    struct variant *x = &v[nv];
    va_list ap;
    int i = 0;

    x->group = group;
    x->name = name;
    x->kind = kind;
    x->env = env;
    x->baseline = baseline;
    va_start(ap, baseline);
    for (char *s = va_arg(ap, char *); s && i < 11; s = va_arg(ap, char *))
        x->argv[i++] = s;
    va_end(ap);
    return nv++;
}

static bool installed(const char *path)
{
    return access(path, X_OK) == 0;
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
        if (spawn_wait(x->argv, x->env, x->fd3, -1) != 0)
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
        if (spawn_wait(x->argv, x->env, NULL, p[1]) == 0) {
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

static double median(struct variant *x)
{
    qsort(x->samples, x->n, sizeof *x->samples, cmp_double);
    if (!x->n)
        return -1;
    return x->n % 2 ? x->samples[x->n / 2] : (x->samples[x->n / 2 - 1] + x->samples[x->n / 2]) / 2;
}

static void machine(void)
{
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
}

static void cleanup(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd)) {
        /* leaves a folder in /tmp; nothing else to do */
    }
}

static const char usage[] =
    "Usage: bench [-r ROUNDS] [-w DIR]\n"
    "Run from the repository's root after `make` (or use `make bench`).\n"
    "  -r ROUNDS  rounds over every variant (default 300)\n"
    "  -w DIR     write the generated Docker-sized policies into DIR and exit\n";

int main(int argc, char **argv)
{
    int rounds = 300, loop_every = 10, c, ndocker;
    const char *write_only = NULL;
    char *docker, *docker_hot, *compiled, *raw, *learned, *small_compiled;
    char **small_env, **docker_env, **docker_hot_env, **none_env;
    size_t n = 0;

    while ((c = getopt(argc, argv, "r:w:h")) != -1) {
        if (c == 'r' && atoi(optarg) > 0) {
            rounds = atoi(optarg);
        } else if (c == 'w') {
            write_only = optarg;
        } else {
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : 2;
        }
    }
    if (access("conf/deny-uname.ini", R_OK) || access(CHILD, X_OK))
        die("run from the repository's root after `make bench`'s build step");
    for (char **e = environ; *e; e++)
        n++;
    base_env = calloc(n + 1, sizeof *base_env);
    n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "LD_PRELOAD=", 11) && strncmp(*e, "SECCOMP_SHIM_", 13))
            base_env[n++] = *e;
    if (write_only) {
        char *a, *b;
        if (asprintf(&a, "%s/docker.ini", write_only) < 0 ||
            asprintf(&b, "%s/docker-hot-check.ini", write_only) < 0)
            die("out of memory");
        printf("%s: %d rules\n", a, write_docker_ini(a, false));
        printf("%s: %d rules\n", b, write_docker_ini(b, true));
        return 0;
    }
    if (!mkdtemp(tmpdir))
        die("mkdtemp: %s", strerror(errno));
    atexit(cleanup);
    signal(SIGPIPE, SIG_IGN);

    docker = path_in_tmp("docker.ini");
    docker_hot = path_in_tmp("docker-hot-check.ini");
    compiled = path_in_tmp("docker.compiled");
    raw = path_in_tmp("docker.bpf");
    learned = path_in_tmp("learned.ini");
    ndocker = write_docker_ini(docker, false);
    write_docker_ini(docker_hot, true);
    compile_policy(docker, compiled, raw);
    small_compiled = path_in_tmp("deny-uname.compiled");
    compile_policy("conf/deny-uname.ini", small_compiled, path_in_tmp("deny-uname.bpf"));

    none_env = env_with(NULL);
    small_env = policy_env(SHIM, "conf/deny-uname.ini");
    docker_env = policy_env(SHIM, docker);
    docker_hot_env = policy_env(SHIM, docker_hot);

    /* Start-up of /bin/true, µs. */
    int bare = add("start", "/bin/true, bare", START, none_env, -1, "/bin/true", NULL);
    add("start", "preload of an empty .so (the floor)", START,
        env_with(var("LD_PRELOAD", realpath(NOOP, NULL)), NULL), bare, "/bin/true", NULL);
    add("start", "shim, deny-uname.ini (INI)", START, small_env, bare, "/bin/true", NULL);
    add("start", "shim, Docker-sized INI", START, docker_env, bare, "/bin/true", NULL);
    add("start", "shim, Docker-sized precompiled", START, policy_env(SHIM, compiled), bare,
        "/bin/true", NULL);
    add("start", "shim, deny-uname precompiled", START, policy_env(SHIM, small_compiled), bare,
        "/bin/true", NULL);
    add("start", "dynamically linked shim, deny-uname.ini", START,
        policy_env(SHIM_DYN, "conf/deny-uname.ini"), bare, "/bin/true", NULL);
    add("start", "dynamically linked shim, deny-uname precompiled", START,
        policy_env(SHIM_DYN, small_compiled), bare, "/bin/true", NULL);
    add("start", "shim without the libraries, deny-uname precompiled", START,
        policy_env(SHIM_NOLIBS, small_compiled), bare, "/bin/true", NULL);
    int fbare = add("start", "under Docker INI filter: bare child", INHERITED, NULL, -1, "b", NULL);
    int fnoop =
        add("start", "under Docker INI filter: empty .so child", INHERITED, NULL, fbare, "n", NULL);
    add("start", "under Docker INI filter: inherited shim child", INHERITED, NULL, fnoop, "i",
        NULL);
    int bw = add("start", "bwrap --seccomp (Docker BPF)", START, none_env, bare, "/usr/bin/bwrap",
                 "--ro-bind", "/", "/", "--dev", "/dev", "--seccomp", "3", "/bin/true", NULL);
    v[bw].fd3 = raw;
    if (!installed("/usr/bin/bwrap"))
        v[bw].note = "not installed (Debian package bubblewrap)";
    int fj = add("start", "firejail --seccomp", START, none_env, bare, "/usr/bin/firejail",
                 "--quiet", "--noprofile", "--seccomp", "/bin/true", NULL);
    if (!installed("/usr/bin/firejail"))
        v[fj].note = "not installed (Debian package firejail)";
    char *learn_help[] = {CLI, "learn", "--help", NULL};
    int plain = add("learn", "ls -l /etc, plain", START, none_env, -1, LEARN_CMD, NULL);
    int learn = add("learn", "ls -l /etc under `seccomp-shim learn`", START, none_env, plain, CLI,
                    "learn", "-o", learned, "--", LEARN_CMD, NULL);
    if (spawn_wait(learn_help, none_env, NULL, -1) != 0)
        v[learn].note = "not available (no `seccomp-shim learn` in this build)";

    /* Per syscall, ns. */
    const char *loops[] = {"getppid", "read"};
    for (int l = 0; l < 2; l++) {
        int none = add("syscall", l ? "read(1 byte), no filter" : "getppid, no filter", LOOP,
                       none_env, -1, CHILD, loops[l], LOOP_CALLS, NULL);
        add("syscall", l ? "read, deny-uname.ini" : "getppid, deny-uname.ini", LOOP, small_env,
            none, CHILD, loops[l], LOOP_CALLS, NULL);
        add("syscall", l ? "read, Docker-sized" : "getppid, Docker-sized", LOOP, docker_env, none,
            CHILD, loops[l], LOOP_CALLS, NULL);
        add("syscall",
            l ? "read, Docker-sized, `read if arg0 < 1024`"
              : "getppid, Docker-sized, `getppid if arg0 == 0`",
            LOOP, docker_hot_env, none, CHILD, loops[l], LOOP_CALLS, NULL);
    }

    start_spawner(env_with(var("LD_PRELOAD", realpath(SHIM, NULL)),
                           var("SECCOMP_SHIM_POLICY", docker),
                           var("BENCH_NOOP", realpath(NOOP, NULL)), NULL));
    for (int i = 0; i < nv; i++) {
        v[i].samples = calloc(rounds, sizeof *v[i].samples);
        if (!v[i].samples)
            die("out of memory");
    }

    fprintf(stderr, "bench: %d rounds over %d variants (Docker-sized policy: %d rules)...\n",
            rounds, nv, ndocker);
    srand(1);
    for (int r = 0; r < rounds; r++) {
        int order[40];
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
            if (x->note || (x->kind == LOOP && r % loop_every))
                continue;
            s = measure(x);
            if (s < 0)
                die("%s: the run failed", x->name);
            x->samples[x->n++] = s;
        }
    }

    machine();
    printf("%d rounds, variants interleaved in a new random order each round; medians.\n"
           "Docker-sized policy: %d x86_64 rules from Docker's default profile.\n\n",
           rounds, ndocker);
    const char *group = "";
    for (int i = 0; i < nv; i++) {
        struct variant *x = &v[i];
        bool ns = strcmp(x->group, "syscall") == 0;
        if (strcmp(group, x->group)) {
            group = x->group;
            printf("%-52s %10s %8s %10s\n",
                   ns                       ? "per syscall"
                   : strcmp(group, "learn") ? "start-up"
                                            : "learning",
                   ns ? "ns/call" : "µs", "ratio", ns ? "+ns" : "+µs");
        }
        if (x->note) {
            printf("  %-50s %s\n", x->name, x->note);
            continue;
        }
        double m = median(x);
        if (x->baseline < 0) {
            printf("  %-50s %10.1f\n", x->name, m);
        } else {
            double b = median(&v[x->baseline]);
            printf("  %-50s %10.1f %7.2fx %+10.1f  (vs %s)\n", x->name, m, m / b, m - b,
                   v[x->baseline].name);
        }
    }
    fclose(spawner_in);
    fclose(spawner_out);
    return 0;
}
