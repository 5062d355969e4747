/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The engine looks a syscall name up in its own table before asking
 * libseccomp (engine/syscalls.c): for every name of the table, for each
 * target, libseccomp must give the same number or none (a syscall newer than
 * it), and the lookup (by tools/gen-tables.sh's hash index) the table's
 * number. Prints each disagreement; exit 1 when there is one. */
#include "internal.h"

#include <seccomp.h>
#include <stdio.h>

static int check(enum ss_arch a, const char *label)
{
    int bad = 0, names = 0, known = 0;

    for (int nr = 0; nr < 4096; nr++) {
        const char *name = ss_syscall_name_arch(a, nr);
        bool elsewhere = true, by_number;
        int lib, got;

        if (!name)
            continue;
        names++;
        lib = seccomp_syscall_resolve_name_arch(ss_arch_audit(a), name);
        known += lib >= 0;
        if (lib >= 0 && lib != nr)
            bad++, printf("%s %s: table %d, libseccomp %d\n", label, name, nr, lib);
        got = ss_syscall_lookup_arch(a, name, &elsewhere, NULL);
        if (got != nr || elsewhere)
            bad++, printf("%s %s: table %d, lookup %d%s\n", label, name, nr, got,
                          elsewhere ? " (elsewhere)" : "");
        if (!ss_syscall_in_tables(name)) /* the generated hash index finds it */
            bad++, printf("%s %s: not in the tables\n", label, name);
        got = ss_syscall_lookup_arch(a, name, NULL, &by_number);
        if (got != nr || by_number != (lib < 0))
            bad++, printf("%s %s: by_number %d, libseccomp %d\n", label, name, by_number, lib);
    }
    printf("%s: %d names, %d known to libseccomp, %d disagreements\n", label, names, known, bad);
    return bad || names < 300;
}

int main(void)
{
    int rc = check(SS_ARCH_X86_64, "x86_64") | check(SS_ARCH_AARCH64, "aarch64");
    bool elsewhere = false;

    for (int nr = 0; nr < 4096; nr++)
        if (ss_syscall_name_i386(nr) && !ss_syscall_in_tables(ss_syscall_name_i386(nr)))
            rc = 1, printf("i386 %s: not in the tables\n", ss_syscall_name_i386(nr));
    /* A name of another architecture's only, and one no table has. */
    if (ss_syscall_lookup_arch(SS_ARCH_X86_64, "chown32", &elsewhere, NULL) != -1 || !elsewhere)
        rc = 1, printf("chown32: not another architecture's\n");
    if (ss_syscall_lookup_arch(SS_ARCH_X86_64, "no_such_call", &elsewhere, NULL) != -1 || elsewhere)
        rc = 1, printf("no_such_call: known\n");
    return rc;
}
