/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Syscall names <-> numbers of each target architecture (arch.c). libseccomp
 * is the authority for names a policy may use; the tables generated from the
 * kernel headers give names without allocating (the explain handler runs
 * after the filter is live). */
#include "internal.h"

#include <seccomp.h>
#include <string.h>

#include "table_sizes.h"

/* Arrays, not pointers: nothing here needs relocating when the shim is
 * loaded, which every process under the shim pays for. Numbers no syscall
 * has are empty names. */
static const char x86_64_names[][SS_SYSCALL_NAME_SIZE] = {
#include "syscalls_x86_64.inc"
};

static const char aarch64_names[][SS_SYSCALL_NAME_SIZE] = {
#include "syscalls_aarch64.inc"
};

/* Architecture a's table. */
#define SS_TABLE(a, names, n)                                                                      \
    const char(*names)[SS_SYSCALL_NAME_SIZE] =                                                     \
        (a) == SS_ARCH_AARCH64 ? aarch64_names : x86_64_names;                                     \
    size_t n = (a) == SS_ARCH_AARCH64 ? sizeof aarch64_names / sizeof aarch64_names[0]             \
                                      : sizeof x86_64_names / sizeof x86_64_names[0]

static const char i386_names[][SS_SYSCALL_NAME_SIZE] = {
#include "syscalls_i386.inc"
};

const char *ss_syscall_name_i386(int nr)
{
    if (nr < 0 || (size_t)nr >= sizeof i386_names / sizeof i386_names[0] || !i386_names[nr][0])
        return NULL;
    return i386_names[nr];
}

const char *ss_syscall_name_arch(enum ss_arch a, int nr)
{
    SS_TABLE(a, names, n);

    if (nr < 0 || (size_t)nr >= n || !names[nr][0])
        return NULL;
    return names[nr];
}

int ss_syscall_number_arch(enum ss_arch a, const char *name, bool *elsewhere)
{
    int nr = seccomp_syscall_resolve_name_arch(ss_arch_audit(a), name);

    *elsewhere = false;
    if (nr >= 0)
        return nr;
    /* Negative pseudo numbers are names of other architectures (chown32,
     * socketcall): the target has no such syscall. */
    *elsewhere = nr != __NR_SCMP_ERROR;
    if (!*elsewhere) {
        static const uint32_t others[] = {SCMP_ARCH_X86_64,  SCMP_ARCH_X86,   SCMP_ARCH_AARCH64,
                                          SCMP_ARCH_ARM,     SCMP_ARCH_PPC64, SCMP_ARCH_S390X,
                                          SCMP_ARCH_RISCV64, SCMP_ARCH_MIPS};
        for (size_t i = 0; i < sizeof others / sizeof others[0] && !*elsewhere; i++)
            *elsewhere = seccomp_syscall_resolve_name_arch(others[i], name) != __NR_SCMP_ERROR;
    }
    /* The engine's own tables know names an older libseccomp does not
     * (uretprobe is x86_64's alone): another architecture's all the same. */
    if (!*elsewhere)
        *elsewhere = ss_syscall_in_tables(name);
    return -1;
}

/* A name's number in a table, by hash: a policy names some 350 syscalls, and
 * a scan of 460 names for each (or for each of Docker's 50 names of other
 * architectures) was a twentieth of start-up. tools/gen-tables.sh writes
 * the slots (number + 1, 0 empty) with the same hash. */
static uint32_t hash(const char *s)
{
    uint32_t h = 0;

    for (; *s; s++)
        h = h * 31 + (unsigned char)*s;
    return h;
}

static int find(const uint16_t *slot, const char (*names)[SS_SYSCALL_NAME_SIZE], const char *name)
{
    for (uint32_t k = hash(name) % SS_SYSCALL_INDEX_SLOTS; slot[k];
         k = (k + 1) % SS_SYSCALL_INDEX_SLOTS)
        if (strcmp(names[slot[k] - 1], name) == 0)
            return slot[k] - 1;
    return -1;
}

static const uint16_t x86_64_index[SS_SYSCALL_INDEX_SLOTS] = {
#include "syscalls_x86_64_index.inc"
};

static const uint16_t aarch64_index[SS_SYSCALL_INDEX_SLOTS] = {
#include "syscalls_aarch64_index.inc"
};

static const uint16_t i386_index[SS_SYSCALL_INDEX_SLOTS] = {
#include "syscalls_i386_index.inc"
};

/* The number of name in a's table, -1 when it has none. */
static int table_number(enum ss_arch a, const char *name)
{
    return a == SS_ARCH_AARCH64 ? find(aarch64_index, aarch64_names, name)
                                : find(x86_64_index, x86_64_names, name);
}

bool ss_syscall_in_tables(const char *name)
{
    return find(x86_64_index, x86_64_names, name) >= 0 ||
           find(aarch64_index, aarch64_names, name) >= 0 || find(i386_index, i386_names, name) >= 0;
}

int ss_syscall_lookup_arch(enum ss_arch a, const char *name, bool *elsewhere, bool *by_number)
{
    bool other;
    int nr;

    if (elsewhere)
        *elsewhere = false;
    if (by_number)
        *by_number = false;
    /* The table first: for every name in it, libseccomp gives the same
     * number or none (tests/unit/syscall_table.c checks each), and the table
     * costs a hash, libseccomp a search of every architecture's names for
     * those of others. Whether libseccomp knows the name only it can say. */
    nr = by_number ? -1 : table_number(a, name);
    if (nr >= 0)
        return nr;
    nr = ss_syscall_number_arch(a, name, &other);
    if (elsewhere)
        *elsewhere = other;
    if (nr >= 0)
        return nr;
    nr = table_number(a, name);
    if (nr >= 0) {
        if (elsewhere)
            *elsewhere = false;
        if (by_number)
            *by_number = true;
    }
    return nr;
}

/* Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment): `unmae` is one edit from uname, two from munmap. */
static unsigned ss_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned rows[3][64], *before = rows[0], *prev = rows[1], *row = rows[2], *t;

    if (la >= 64 || lb >= 64)
        return 1000;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            unsigned del = prev[j] + 1, ins = row[j - 1] + 1;
            unsigned d = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            row[j] = d;
        }
        t = before, before = prev, prev = row, row = t;
    }
    return prev[lb];
}

const char *ss_closest(const char *name, const void *base, size_t n, size_t stride, bool by_pointer)
{
    const char *best = NULL;
    unsigned best_d = 3; /* more than two edits away is no suggestion */

    for (size_t i = 0; i < n; i++) {
        const char *entry = (const char *)base + i * stride;
        const char *candidate = by_pointer ? *(const char *const *)entry : entry;
        unsigned d = candidate && *candidate ? ss_distance(name, candidate) : best_d + 1;
        /* On a tie, a name that extends the misspelt one wins: umount -> umount2. */
        if (d < best_d || (d == best_d && best && strncmp(candidate, name, strlen(name)) == 0 &&
                           strncmp(best, name, strlen(name)) != 0)) {
            best_d = d;
            best = candidate;
        }
    }
    return best;
}

const char *ss_syscall_suggest_arch(enum ss_arch a, const char *name)
{
    SS_TABLE(a, names, n);

    return ss_closest(name, names, n, sizeof names[0], false);
}
