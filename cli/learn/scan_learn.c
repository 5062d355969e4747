/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* learn's policy with what the binary can call (scan.c) beside what the run
 * showed: the trace decides where it saw a call (its lines, its argument
 * conditions); the binary adds the rest, each line saying so, but never the
 * powers learn_never_widen names, clone only without namespace flags and
 * socket for no family. */
#define _GNU_SOURCE
#include "learn.h"

#include <errno.h>
#include "scan.h"

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

/* The source as a comment can carry it: printable ASCII (an import's name is
 * the binary's bytes), cut so the line stays within the parser's limit. */
static void clean(const char *from, char *buf, size_t size)
{
    size_t n = 0;

    for (; from && *from && n + 1 < size; from++)
        buf[n++] = *from >= 0x20 && *from < 0x7f ? *from : '?';
    buf[n] = 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(ss_syscall_name(*(const int *)a), ss_syscall_name(*(const int *)b));
}

/* fork and vfork are clone with fixed flags, none a namespace's: a binary
 * that can clone can make them (tar starting gzip for -z). */
static bool binary_can(const struct scan_result *r, int nr)
{
#ifdef __NR_fork /* aarch64 has neither: clone is its fork */
    if ((nr == __NR_fork || nr == __NR_vfork) && r->has[__NR_clone])
        return true;
#endif
    return r->has[nr];
}

void scan_write_lines(FILE *out, const struct tally *t, const struct scan_result *r,
                      const bool *skip, bool *covered, struct policy_stats *st)
{
    int nrs[SS_SYSCALL_SLOTS];
    size_t n = 0;
    bool header = false;

    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        const char *name = ss_syscall_name(nr);
        bool elsewhere;
        /* A number libseccomp does not know is left out: a name it cannot
         * compile would make the whole policy fail. */
        if (binary_can(r, nr) && !learn_seen(t, nr) && !covered[nr] && !(skip && skip[nr]) &&
            name && ss_syscall_number(name, &elsewhere) == nr)
            nrs[n++] = nr;
    }
    qsort(nrs, n, sizeof nrs[0], by_name);
    for (size_t i = 0; i < n; i++) {
        int nr = nrs[i];
        const char *name = ss_syscall_name(nr);
        char from[120];

        clean(r->has[nr] ? r->from[nr] : r->from[__NR_clone], from, sizeof from);
        if (!header)
            fputs("\n; Not seen in this run: what the binary and its libraries can call "
                  "(seccomp-shim\n"
                  "; scan; seccomp-shim learn --no-scan leaves them out):\n",
                  out);
        header = true;
        if (learn_never_widen(nr)) {
            fprintf(out, "; %s left out: the binary can call it (%s), the run did not\n", name,
                    from);
            continue;
        }
        if (nr == __NR_clone3)
            cli_rule_line(out, name, nr, (struct ss_action){SS_ACT_ERRNO, ENOSYS}, NULL, 0,
                          "from the binary (%s): glibc falls back to clone", from);
        else if (nr == __NR_socket)
            /* No family the run did not use; an error, not a kill: glibc's
             * nscd probe (getpwnam and the like) falls back to the files. */
            cli_rule_line(out, name, nr, (struct ss_action){SS_ACT_ERRNO, EAFNOSUPPORT}, NULL, 0,
                          "from the binary (%s): the run made no socket", from);
        else if (nr == __NR_clone && !t->tight)
            cli_rule_line(out, name, nr, (struct ss_action){SS_ACT_ALLOW, 0}, LEARN_CLONE_NO_NS, 1,
                          "from the binary (%s), no namespaces", from);
        else if (!learn_may_add(t, nr))
            continue; /* only the values seen: an argument is recorded */
        else
            cli_rule_line(out, name, nr, (struct ss_action){SS_ACT_ALLOW, 0}, NULL, 0,
                          "from the binary (%s)", from);
        covered[nr] = true;
        st->lines++;
        st->scanned++;
    }
}
