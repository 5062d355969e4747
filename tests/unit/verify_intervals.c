/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The verifier tries one number per interval on which neither the program
 * nor the policy can change its answer (engine/nr_points.c), not every
 * number. This holds that proof to the oracle, ss_verify_every_number, which
 * tries every number of the table besides: compiled programs of the given
 * policies (for x86_64 and aarch64) and of random ones are mutated (a
 * constant, a jump offset, a return value, a load's offset, an opcode, a
 * check of one number put in front as the shim's probe stamp is) and
 * both verifiers must refuse exactly the same mutants.
 *
 *   verify_intervals [-n MUTANTS] [-r SEED] POLICY.ini...
 *
 * Prints TAP; the counts say how many mutants each refused and how many
 * made the verifier fall back to every number. */
#define _GNU_SOURCE
#include "internal.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "random.h"

static unsigned tests, failures;

static void ok(bool good, const char *fmt, const char *what, unsigned n)
{
    tests++;
    failures += !good;
    printf("%sok %u - ", good ? "" : "not ", tests);
    printf(fmt, what, n);
    printf("\n");
}

/* A policy of 1-8 rules over 1-5 syscalls of the target's table, some with
 * conditions, and a random default. */
static void random_policy(enum ss_arch a, char *buf, size_t size)
{
    static const char *const actions[] = {"allow", "errno(EPERM)", "kill_process",
                                          "log",   "trap",         "kill_thread"};
    static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
    static const uint64_t values[] = {0,          1,          7,          0x1000,
                                      0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL};
    const char *names[5];
    unsigned nsys = 1 + pick(5), nrules = 1 + pick(8);
    size_t n = snprintf(buf, size, "[policy]\ndefault = %s\n[syscalls]\n", actions[pick(3)]);

    for (unsigned s = 0; s < nsys; s++)
        do
            names[s] = ss_syscall_name_arch(a, (int)pick(pick(4) ? 460 : SS_SYSCALL_SLOTS));
        while (!names[s] || !strcmp(names[s], "seccomp") || !strcmp(names[s], "rt_sigaction"));
    for (unsigned i = 0; i < nrules && n < size - 200; i++) {
        const char *name = names[pick(nsys)];
        n += snprintf(buf + n, size - n, "%s", name);
        if (pick(3) == 0)
            n += snprintf(buf + n, size - n, "(arg%u %s %#llx)", pick(3), ops[pick(6)],
                          (unsigned long long)values[pick(8)]);
        n += snprintf(buf + n, size - n, " = %s\n", actions[pick(6)]);
    }
}

/* Puts in front of prog a check that answers ret for some numbers, made
 * of one of the ways to look at nr. */
static void prepend(struct ss_program *prog, uint32_t ret)
{
    const uint32_t r = pick(2) ? pick(SS_SYSCALL_SLOTS) : (uint32_t)rnd();
    const struct sock_filter ld = BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
                             out = BPF_STMT(BPF_RET | BPF_K, ret);
    const struct sock_filter shapes[][5] = {
        {ld, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, r, 0, 1), out},
        {ld, BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, pick(9)),
         BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, r, 0, 1), out},
        {ld, BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1u << pick(11), 0, 1), out},
        {ld, BPF_STMT(BPF_MISC | BPF_TAX, 0), BPF_STMT(BPF_LD | BPF_IMM, r),
         BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 1), out},
        {ld, BPF_STMT(BPF_ST, 3), BPF_STMT(BPF_LD | BPF_MEM, 3),
         BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, r, 0, 1), out},
    };
    static const unsigned lens[] = {3, 4, 3, 5, 5};
    const unsigned s = pick(4) ? 0 : 1 + pick(4), n = lens[s];

    if (prog->len + n > SS_PROGRAM_MAX)
        return;
    memmove(prog->insns + n, prog->insns, prog->len * sizeof prog->insns[0]);
    memcpy(prog->insns, shapes[s], n * sizeof shapes[s][0]);
    prog->len += n;
}

static void mutate(struct ss_program *prog)
{
    struct sock_filter *f = &prog->insns[pick(prog->len)];
    static const uint32_t rets[] = {SECCOMP_RET_ALLOW,     SECCOMP_RET_KILL_PROCESS,
                                    SECCOMP_RET_ERRNO | 1, SECCOMP_RET_TRAP,
                                    SECCOMP_RET_LOG,       SECCOMP_RET_KILL_THREAD};
    static const uint16_t codes[] = {BPF_JMP | BPF_JEQ | BPF_K, BPF_JMP | BPF_JGT | BPF_K,
                                     BPF_JMP | BPF_JGE | BPF_K, BPF_JMP | BPF_JSET | BPF_K,
                                     BPF_ALU | BPF_ADD | BPF_K, BPF_ALU | BPF_AND | BPF_K,
                                     BPF_MISC | BPF_TAX,        BPF_ST,
                                     BPF_RET | BPF_A,           BPF_JMP | BPF_JEQ | BPF_X,
                                     BPF_LD | BPF_W | BPF_ABS,  BPF_LD | BPF_IMM};

    switch (pick(9)) {
    case 0: /* a constant nudged */
        f->k += pick(2) ? 1 : -1;
        break;
    case 1: /* a constant moved to a syscall number or a boundary */
        f->k = pick(4) ? pick(SS_SYSCALL_SLOTS + 8)
                       : (uint32_t[]){0x40000000u, 0x3fffffffu, 0xffffffffu, 0xfffffffeu}[pick(4)];
        break;
    case 2: /* a bit flipped */
        f->k ^= 1u << pick(32);
        break;
    case 3: /* a jump offset */
    case 4:
        if (BPF_CLASS(f->code) == BPF_JMP && BPF_OP(f->code) == BPF_JA)
            f->k = pick(4);
        else if (pick(2))
            f->jt = (uint8_t)(pick(2) ? f->jt + 1u : f->jt ? f->jt - 1u : pick(8));
        else
            f->jf = (uint8_t)(pick(2) ? f->jf + 1u : f->jf ? f->jf - 1u : pick(8));
        break;
    case 5: /* a return value */
        f = &prog->insns[prog->len - 1 - pick(prog->len < 8 ? prog->len : 8)];
        if (BPF_CLASS(f->code) == BPF_RET)
            f->k = rets[pick(6)];
        else
            f->k = rets[pick(6)], f->code = BPF_RET | BPF_K;
        break;
    case 6: /* a load of another field (nr, arch, an argument's half) */
        *f = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4 * pick(16));
        break;
    case 7: /* a check of nr in front, as the probe stamp has; or one that
               does more with nr than compare it (the fallback's business) */
        prepend(prog, rets[pick(6)]);
        break;
    default: /* another opcode, keeping the operands */
        f->code = codes[pick(sizeof codes / sizeof codes[0])];
        if (f->code == BPF_ST)
            f->k %= 16;
        break;
    }
}

struct counts {
    unsigned mutants, refused, fallback, differ;
};

/* Mutants of p's program, each verified both ways. */
static void mutants(const struct ss_policy *p, const struct ss_program *prog, unsigned n,
                    struct counts *c, const char *name)
{
    static struct ss_program m;
    struct ss_error err;

    for (unsigned i = 0; i < n; i++) {
        static struct ss_nr_points pts;
        m = *prog;
        mutate(&m);
        if (pick(4) == 0)
            mutate(&m);
        int by_intervals = ss_verify(p, &m, &err);
        int by_every = ss_verify_every_number(p, &m, &err);
        c->mutants++;
        c->refused += by_every != 0;
        if (ss_bpf_check(&m, &err) == 0) {
            memset(&pts, 0, sizeof pts);
            c->fallback += !ss_nr_compared_only(&m, &pts);
        }
        if ((by_intervals != 0) != (by_every != 0) && c->differ++ < 5) {
            fprintf(stderr, "# %s: mutant %u: by intervals %s, by every number %s\n", name, i,
                    by_intervals ? "refused" : "accepted", by_every ? "refused" : "accepted");
            for (unsigned k = 0; k < m.len; k++)
                if (k >= prog->len || memcmp(&m.insns[k], &prog->insns[k], sizeof m.insns[k]))
                    fprintf(stderr, "#   insn %u: %04x %u %u %#x (was %04x %u %u %#x)\n", k,
                            m.insns[k].code, m.insns[k].jt, m.insns[k].jf, m.insns[k].k,
                            prog->insns[k].code, prog->insns[k].jt, prog->insns[k].jf,
                            prog->insns[k].k);
        }
    }
}

static struct ss_policy *load(enum ss_arch a, const char *path, const char *text,
                              struct ss_program *prog)
{
    struct ss_policy *p = ss_policy_new(a);
    struct ss_error err;

    if (!p || (path ? ss_parse_file(p, path, &err) : ss_parse_text(p, text, "random", &err)) ||
        p->mode != SS_MODE_FILTER || ss_compile(p, prog, &err)) {
        ss_policy_free(p);
        return NULL;
    }
    return p;
}

int main(int argc, char **argv)
{
    static const enum ss_arch targets[] = {SS_ARCH_X86_64, SS_ARCH_AARCH64};
    static struct ss_program prog;
    struct counts conf = {0}, random = {0};
    unsigned n = 10000, per_file, unchanged = 0;
    char text[2048];
    int opt;

    state = 0x1e7e;
    while ((opt = getopt(argc, argv, "n:r:")) != -1)
        if (opt == 'n')
            n = (unsigned)strtoul(optarg, NULL, 0);
        else if (opt == 'r')
            state = strtoull(optarg, NULL, 0);
        else
            return 2;
    per_file = argc > optind ? n / 4 / (unsigned)(argc - optind) / 2 : 0;

    /* The shipped policies' programs: the intervals apply (no fallback). */
    for (int i = optind; i < argc; i++)
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            static struct ss_nr_points pts;
            struct ss_policy *p;
            p = load(targets[t], argv[i], NULL, &prog);
            if (!p)
                continue; /* strict mode, or not for this target */
            memset(&pts, 0, sizeof pts);
            unchanged += ss_nr_compared_only(&prog, &pts);
            mutants(p, &prog, per_file, &conf, argv[i]);
            ss_policy_free(p);
        }
    ok(unchanged > 0, "%s: %u compiled programs compare nr only with constants", "conf", unchanged);
    ok(conf.differ == 0, "%s: the verifiers disagree on %u mutants", "conf", conf.differ);
    printf("# conf: %u mutants, %u refused, %u fall back to every number\n", conf.mutants,
           conf.refused, conf.fallback);

    while (random.mutants < n - conf.mutants) {
        struct ss_policy *p;
        enum ss_arch a = targets[pick(2)];
        random_policy(a, text, sizeof text);
        p = load(a, NULL, text, &prog);
        if (!p)
            continue;
        mutants(p, &prog, 20, &random, "random");
        ss_policy_free(p);
    }
    ok(random.differ == 0, "%s: the verifiers disagree on %u mutants", "random", random.differ);
    printf("# random: %u mutants, %u refused, %u fall back to every number\n", random.mutants,
           random.refused, random.fallback);
    ok(conf.mutants + random.mutants >= n, "%s: %u mutants in all", "both",
       conf.mutants + random.mutants);
    printf("1..%u\n", tests);
    return failures != 0;
}
