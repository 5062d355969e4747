/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Target architectures: which syscall table, constants and AUDIT_ARCH a
 * policy is parsed and compiled for (each policy names its own, p->arch;
 * nothing here is a setting of the process). One policy source means the
 * same thing on each: the names resolve to that architecture's numbers. */
#include "internal.h"

#include <linux/audit.h>
#include <string.h>

#if defined(__x86_64__)
#define SS_NATIVE SS_ARCH_X86_64
#elif defined(__aarch64__)
#define SS_NATIVE SS_ARCH_AARCH64
#else
#error "seccomp-shim supports x86_64 and aarch64"
#endif

enum ss_arch ss_arch_native(void)
{
    return SS_NATIVE;
}

const char *ss_arch_name(enum ss_arch a)
{
    return a == SS_ARCH_AARCH64 ? "aarch64" : "x86_64";
}

uint32_t ss_arch_audit(enum ss_arch a)
{
    return a == SS_ARCH_AARCH64 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
}

int ss_arch_from_name(const char *name, enum ss_arch *a)
{
    if (!strcmp(name, "x86_64") || !strcmp(name, "amd64"))
        *a = SS_ARCH_X86_64;
    else if (!strcmp(name, "aarch64") || !strcmp(name, "arm64"))
        *a = SS_ARCH_AARCH64;
    else
        return -1;
    return 0;
}
