/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Randomized differential test: many small random policies (1-6 rules over
 * 1-2 syscalls; ==, !=, <, <=, >, >=, masked ==; allow- and deny-lists) are
 * parsed and compiled, and every filter ss_compile accepts is run through
 * the interpreter for calls chosen here — independently of the verifier's
 * own choice — and held to the model. A policy may be refused (by the checks,
 * or by the verifier when the rewrite does not cover it) but never accepted
 * with a filter that disagrees.
 *
 *   differential [-s SECONDS] [-n ITERATIONS] [-r SEED] [--raw]
 *
 * --raw compiles without compile.c's rewrite, to show what libseccomp alone
 * gets wrong: the verifier must then refuse those policies (each runs in a
 * child, as libseccomp never returns on some). Prints TAP. */
#define _GNU_SOURCE
#include "internal.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "random.h"

static const uint64_t pool[] = {0,
                                1,
                                2,
                                7,
                                0x1000,
                                0x100000,
                                0x7ffffffe,
                                0x7fffffff,
                                0x80000000,
                                0xfffffff0,
                                0xffffffff,
                                0x100000000ULL,
                                0x100000007ULL,
                                0xffffffffffffffffULL,
                                0x8000000000000000ULL};
#define NPOOL (sizeof pool / sizeof pool[0])

static const char *const actions[] = {"allow", "errno(EPERM)", "errno(EACCES)", "kill_process",
                                      "log",   "trap",         "kill_thread"};
static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
static const char *const syscalls[] = {"mmap", "mprotect", "socket"};
static const int numbers[] = {9, 10, 41};

static void random_policy(char *buf, size_t size, int *nrs, unsigned *nnrs)
{
    unsigned nsys = 1 + pick(2), nrules = 1 + pick(6);
    const char *def = pick(2) ? "allow" : actions[1 + pick(3)];
    size_t n = snprintf(buf, size, "[policy]\ndefault = %s\n[syscalls]\n", def);

    *nnrs = nsys;
    for (unsigned s = 0; s < nsys; s++)
        nrs[s] = numbers[(s + pick(3)) % 3];
    for (unsigned i = 0; i < nrules; i++) {
        unsigned s = pick(nsys), ncond = pick(8) ? 1 + pick(3) : 0;
        unsigned used = 0;
        const char *name = NULL;
        for (unsigned k = 0; k < 3; k++)
            if (numbers[k] == nrs[s])
                name = syscalls[k];
        n += snprintf(buf + n, size - n, "%s = %s", name, actions[pick(7)]);
        for (unsigned c = 0; c < ncond; c++) {
            unsigned arg = pick(3);
            if (used & 1u << arg && pick(2))
                continue;
            used |= 1u << arg;
            n += snprintf(buf + n, size - n, "%s", c ? " && " : " if ");
            if (pick(7) == 0)
                n += snprintf(buf + n, size - n, "arg%u & %#llx == %#llx", arg,
                              (unsigned long long)(pick(2) ? 0xf : 0xffff0000ULL),
                              (unsigned long long)(pick(2) ? 0 : 1 + pick(3)));
            else
                n += snprintf(buf + n, size - n, "arg%u %s %#llx", arg, ops[pick(6)],
                              (unsigned long long)pool[pick(NPOOL)]);
        }
        n += snprintf(buf + n, size - n, "\n");
    }
}

/* Values near the pool's and the masks', chosen here, not by the verifier. */
static uint64_t random_arg(void)
{
    switch (pick(4)) {
    case 0:
        return rnd() >> pick(64);
    case 1:
        return pool[pick(NPOOL)] + pick(3) - 1;
    case 2:
        return (pool[pick(NPOOL)] & 0xffffffffULL) | (pick(2) ? 0 : 0xffffffff00000000ULL);
    }
    return pool[pick(NPOOL)] ^ (1ULL << pick(64)) ^ pick(16);
}

/* 0 when prog agrees with the model on every call tried; else prints one. */
static int disagrees(const struct ss_policy *p, const struct ss_program *prog, const int *nrs,
                     unsigned nnrs, const char *text)
{
    for (unsigned t = 0; t < 3000; t++) {
        struct seccomp_data d = {.nr = nrs[pick(nnrs)], .arch = AUDIT_ARCH_X86_64};
        struct ss_verdict want;
        uint32_t got;
        for (unsigned a = 0; a < 3; a++)
            d.args[a] = random_arg();
        if (ss_bpf_exec(prog, &d, &got))
            got = 0xdead;
        ss_policy_eval(p, &d, &want);
        if (got != want.ret) {
            printf("# accepted but wrong: nr %d args %#llx %#llx %#llx: filter %#x, model %#x\n"
                   "# %s\n",
                   d.nr, (unsigned long long)d.args[0], (unsigned long long)d.args[1],
                   (unsigned long long)d.args[2], got, want.ret, text);
            return 1;
        }
    }
    return 0;
}

enum outcome { INVALID, REFUSED, ACCEPTED, WRONG, HUNG };

/* --raw: libseccomp alone, as a container runtime compiles. */
static struct ss_compile_options options;

static enum outcome one(const char *text, const int *nrs, unsigned nnrs)
{
    static struct ss_program prog;
    struct ss_error err;
    struct ss_policy *p = ss_policy_new(ss_arch_native());
    enum outcome o;

    if (!p || ss_parse_text(p, text, "<random>", &err)) {
        o = INVALID;
    } else if (ss_compile_with(p, &options, &prog, &err)) {
        o = REFUSED;
        /* With the rewrite, only the verifier may refuse a valid policy;
         * libseccomp alone also refuses some overlapping rules (EEXIST). */
        if (!strstr(err.msg, "libseccomp compiled") && !options.libseccomp_only) {
            printf("# compile failed otherwise: %s\n# %s\n", err.msg, text);
            o = WRONG;
        }
    } else {
        o = disagrees(p, &prog, nrs, nnrs, text) ? WRONG : ACCEPTED;
    }
    ss_policy_free(p);
    return o;
}

/* libseccomp alone never returns on some policies: each runs in a child
 * that a timer ends. */
static enum outcome one_guarded(const char *text, const int *nrs, unsigned nnrs)
{
    int status;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        enum outcome o;
        alarm(5);
        o = one(text, nrs, nnrs);
        fflush(stdout);
        _exit(o);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return WRONG;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        return HUNG;
    if (WIFEXITED(status))
        return (enum outcome)WEXITSTATUS(status);
    printf("# the compile died (status %#x): %s\n", status, text);
    return WRONG;
}

int main(int argc, char **argv)
{
    double seconds = 10;
    long iterations = -1, n = 0, count[HUNG + 1] = {0};
    char text[2048];
    struct timespec t0, t1;

    state = 20261130;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--raw") == 0)
            options.libseccomp_only = true;
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            seconds = atof(argv[++i]);
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            iterations = atol(argv[++i]);
        else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            state = strtoull(argv[++i], NULL, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;; n++) {
        int nrs[2];
        unsigned nnrs;

        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (iterations >= 0 ? n >= iterations
                            : t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9 > seconds)
            break;
        random_policy(text, sizeof text, nrs, &nnrs);
        count[options.libseccomp_only ? one_guarded(text, nrs, nnrs) : one(text, nrs, nnrs)]++;
    }
    printf("1..2\n");
    printf("# %ld policies: %ld invalid, %ld refused by the verifier, %ld accepted, %ld hung in "
           "libseccomp\n",
           n, count[INVALID], count[REFUSED], count[ACCEPTED], count[HUNG]);
    printf("%s 1 - no accepted filter disagrees with its policy (%ld did)\n",
           count[WRONG] ? "not ok" : "ok", count[WRONG]);
    printf("%s 2 - some policies were accepted\n", count[ACCEPTED] ? "ok" : "not ok");
    return count[WRONG] || !count[ACCEPTED];
}
