/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Proof that this process runs under one particular filter, without /proc.
 *
 * The shim stamps the program it installs with a few instructions in front:
 * access(IDENTITY.lo, SS_PROBE_MODE, IDENTITY.hi) answers ERRNO(SS_PROBE_ERRNO):
 * all 128 bits of the identity, as the marker carries them. An exec'd
 * child that finds the parent's marker asks that question: only a process
 * under a filter stamped with this very identity gets that answer (filters
 * are inherited and cannot be removed). Unfiltered, or under another filter,
 * access() fails with EINVAL (no such mode bits) and touches nothing.
 *
 * access is a syscall the dynamic loader itself makes in every program
 * (/etc/ld.so.preload) before the shim runs, so any filter the child
 * inherited lets it through; it is rare later, so the argument check that
 * costs it the kernel's action cache costs nothing measurable. */
#define _GNU_SOURCE
#include "guest.h"
#include "raw_syscall.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROBE_LEN SS_PROBE_LEN

/* aarch64 has no access(): faccessat(IDENTITY.lo, IDENTITY.hi, SS_PROBE_MODE)
 * instead, which checks its mode first as access() does (EINVAL). */
#ifdef __NR_access
#define PROBE_NR       __NR_access
#define PROBE_ARG_LO   0
#define PROBE_ARG_MODE 1
#define PROBE_ARG_HI   2
#else
#define PROBE_NR       __NR_faccessat
#define PROBE_ARG_LO   0
#define PROBE_ARG_HI   1
#define PROBE_ARG_MODE 2
#endif

/* Labels of the stamp, for the jump offsets. */
enum { L_PROBE = 14, L_POLICY = 15 };

int ss_probe_stamp(struct ss_program *prog, struct ss_identity identity, struct ss_error *err)
{
    /* Jumps are relative, so the program after the stamp is unchanged; every
     * path out of the stamp but the probe falls through to its first insn. */
    const struct sock_filter stamp[PROBE_LEN] = {
        /* 0 */ SS_LD_ARCH,
        /* 1 */ SS_JEQ(SS_AUDIT_ARCH_NATIVE, 0, SS_TO(L_POLICY, 1)),
        /* 2 */ SS_LD_NR,
        /* 3 */ SS_JEQ(PROBE_NR, 0, SS_TO(L_POLICY, 3)),
        /* 4 */ SS_LD_ARG_LO(PROBE_ARG_MODE),
        /* 5 */ SS_JEQ(SS_PROBE_MODE, 0, SS_TO(L_POLICY, 5)),
        /* 6 */ SS_LD_ARG_LO(PROBE_ARG_LO),
        /* 7 */ SS_JEQ((uint32_t)identity.lo, 0, SS_TO(L_POLICY, 7)),
        /* 8 */ SS_LD_ARG_HI(PROBE_ARG_LO),
        /* 9 */ SS_JEQ((uint32_t)(identity.lo >> 32), 0, SS_TO(L_POLICY, 9)),
        /* 10 */ SS_LD_ARG_LO(PROBE_ARG_HI),
        /* 11 */ SS_JEQ((uint32_t)identity.hi, 0, SS_TO(L_POLICY, 11)),
        /* 12 */ SS_LD_ARG_HI(PROBE_ARG_HI),
        /* 13 */ SS_JEQ((uint32_t)(identity.hi >> 32), SS_TO(L_PROBE, 13), SS_TO(L_POLICY, 13)),
        /* 14 */ SS_RET(SECCOMP_RET_ERRNO | SS_PROBE_ERRNO),
    };

    _Static_assert(sizeof stamp / sizeof stamp[0] == SS_PROBE_LEN, "SS_PROBE_LEN is the stamp");
    if (prog->len + PROBE_LEN > SS_PROGRAM_MAX)
        return ss_fail(err, (struct ss_where){0},
                       "the filter has %u instructions; with the shim's %d it exceeds the "
                       "kernel's %d",
                       prog->len, PROBE_LEN, SS_PROGRAM_MAX);
    memmove(prog->insns + PROBE_LEN, prog->insns, prog->len * sizeof prog->insns[0]);
    memcpy(prog->insns, stamp, sizeof stamp);
    prog->len += PROBE_LEN;
    return 0;
}

bool ss_probe_check(struct ss_identity identity)
{
#ifdef __NR_access
    return ss_raw_syscall(SYS_access, (long)identity.lo, SS_PROBE_MODE, (long)identity.hi, 0, 0,
                          0) == -SS_PROBE_ERRNO;
#else
    return ss_raw_syscall(SYS_faccessat, (long)identity.lo, (long)identity.hi, SS_PROBE_MODE, 0, 0,
                          0) == -SS_PROBE_ERRNO;
#endif
}
