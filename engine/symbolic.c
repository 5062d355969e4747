/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Values written back as the constants a policy would use (AF_UNIX, TCGETS,
 * CLONE_NEWUSER|CLONE_NEWNS, errno(EAFNOSUPPORT)): for `check -v`, check
 * --json and generated policies. One value has many names (1 is AF_UNIX,
 * SOCK_STREAM, O_WRONLY, EPERM...), so a name is chosen only for an argument
 * the table below knows, from that argument's family. A name chosen is one
 * whose value is the value: parsing it back always gives the same filter. */
#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* O_LARGEFILE is 0 in 64-bit user headers (the kernel's is 0x8000): never
 * a name for 0. prefixes: the family's names; "!P" leaves out names starting with P (other
 * families sharing the prefix, aliases). flags: a value may be an OR of
 * single-bit names. min: smaller values stay numbers (ioctl: the TC* names
 * below 0x100 are tcflush/tcsetattr arguments, not requests). */
static const struct family {
    const char *syscall;
    unsigned arg;
    bool flags;
    unsigned long long min;
    const char *prefixes;
} families[] = {
    {"socket", 0, false, 0, "AF_ !AF_FILE !AF_LOCAL !AF_MAX"},
    {"socketpair", 0, false, 0, "AF_ !AF_FILE !AF_LOCAL !AF_MAX"},
    {"socket", 1, true, 0, "SOCK_"},
    {"socketpair", 1, true, 0, "SOCK_"},
    {"setsockopt", 1, false, 0, "SOL_"},
    {"getsockopt", 1, false, 0, "SOL_"},
    {"ioctl", 1, false, 0x100, "TC TIOC FIO SIOC !TIOCINQ !TIOCOUTQ"},
    {"prctl", 0, false, 0,
     "PR_SET_ PR_GET_ PR_CAPBSET_ PR_CAP_AMBIENT !PR_SET_MM_ !PR_SET_VMA_ !PR_CAP_AMBIENT_ "
     "!PR_SET_PTRACER_"},
    {"clone", 0, true, 0, "CLONE_ !CLONE_ARGS_"},
    {"unshare", 0, true, 0, "CLONE_ !CLONE_ARGS_"},
    {"setns", 1, true, 0, "CLONE_ !CLONE_ARGS_"},
    {"mmap", 2, true, 0, "PROT_"},
    {"mprotect", 2, true, 0, "PROT_"},
    {"pkey_mprotect", 2, true, 0, "PROT_"},
    {"mmap", 3, true, 0, "MAP_ !MAP_TYPE !MAP_HUGE_ !MAP_FILE !MAP_ANON !MAP_EXECUTABLE"},
    {"madvise", 2, false, 0, "MADV_"},
    {"open", 1, true, 0, "O_ !O_ACCMODE !O_FSYNC !O_NDELAY !O_RSYNC !O_LARGEFILE"},
    {"openat", 2, true, 0, "O_ !O_ACCMODE !O_FSYNC !O_NDELAY !O_RSYNC !O_LARGEFILE"},
    {"fcntl", 1, false, 0,
     "F_ !F_OK !F_SEAL_ !F_LOCK !F_TLOCK !F_ULOCK !F_TEST !F_RDLCK !F_WRLCK !F_UNLCK !F_EXLCK "
     "!F_SHLCK"},
    {"futex", 1, false, 0,
     "FUTEX_ !FUTEX_OWNER_DIED !FUTEX_WAITERS !FUTEX_TID_MASK !FUTEX_OP_ !FUTEX_32 "
     "!FUTEX_WAITV_MAX"},
    {"kill", 1, false, 1, "SIG !SIGIOT !SIGPOLL !SIGCLD !SIGEV_ !SIG_"},
    {"tkill", 1, false, 1, "SIG !SIGIOT !SIGPOLL !SIGCLD !SIGEV_ !SIG_"},
    {"tgkill", 2, false, 1, "SIG !SIGIOT !SIGPOLL !SIGCLD !SIGEV_ !SIG_"},
    {"memfd_create", 1, true, 0, "MFD_ !MFD_HUGE_"},
    {"getrandom", 2, true, 0, "GRND_"},
    {"mlockall", 0, true, 0, "MCL_"},
};

/* name is in the family: it starts with a prefix and with no "!" one. */
static bool in_family(const char *name, const char *prefixes)
{
    bool in = false;

    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        bool not = *p == '!';
        if (strncmp(name, p + not, n - not ) == 0) {
            if (not )
                return false;
            in = true;
        }
        p += n + (p[n] == ' ');
    }
    return in;
}

/* The first name of the family with this value (table order), or NULL. */
static const char *name_of(const char *prefixes, long long value)
{
    const char *name;
    long long v;

    for (size_t i = 0; (name = ss_constant_at(i, &v)); i++)
        if (v == value && in_family(name, prefixes))
            return name;
    return NULL;
}

static const struct family *family_of(int nr, unsigned arg)
{
    const char *syscall = ss_syscall_name(nr);

    for (size_t i = 0; syscall && i < sizeof families / sizeof families[0]; i++)
        if (families[i].arg == arg && strcmp(families[i].syscall, syscall) == 0)
            return &families[i];
    return NULL;
}

/* NAME|NAME|... for a value made of single-bit names only; false otherwise. */
static bool flags_text(const char *prefixes, uint64_t value, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = 0;
    for (unsigned bit = 0; bit < 64; bit++) {
        const char *name;
        if (!(value & (1ULL << bit)))
            continue;
        name = name_of(prefixes, (long long)(1ULL << bit));
        if (!name)
            return false;
        n += snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "|" : "", name);
    }
    return n > 0 && n < size;
}

char *ss_value_format(int nr, unsigned arg, uint64_t value, char *buf, size_t size)
{
    const struct family *f = family_of(nr, arg);
    const char *name =
        f && value >= f->min && value <= INT64_MAX ? name_of(f->prefixes, (long long)value) : NULL;

    if (name)
        snprintf(buf, size, "%s", name);
    else if (!(f && f->flags && flags_text(f->prefixes, value, buf, size)))
        snprintf(buf, size, "%#llx", (unsigned long long)value);
    return buf;
}

char *ss_action_format_symbolic(struct ss_action a, char *buf, size_t size)
{
    const char *name = a.kind == SS_ACT_ERRNO && a.data ? name_of("E", a.data) : NULL;

    if (name)
        snprintf(buf, size, "errno(%s)", name);
    else
        ss_action_format(a, buf, size);
    return buf;
}
