/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim audit [FILE]: decode the kernel's SECCOMP audit records
 * (type=1326 in the kernel log, type=SECCOMP in audit.log) and Landlock's
 * (type=1423/1424, LANDLOCK_ACCESS/LANDLOCK_DOMAIN) into time, process,
 * syscall name and action — what ausearch plus a syscall table give by hand.
 * Every field is untrusted text (a process chooses its own comm): missing or
 * malformed fields print as "?", and nothing reaches the terminal unescaped. */
#define _GNU_SOURCE
#include "cli.h"

#include "learn.h"
#include "seccomp-shim-bpf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim audit [-p PID] [-c COMM] [--since TIME] [--json | --follow |\n"
    "                          --suggest POLICY [-o FILE]] [FILE]\n"
    "Decode the kernel's seccomp audit records (type=1326 / type=SECCOMP) and\n"
    "Landlock's (type=1423 / LANDLOCK_ACCESS: ACTION says `landlock` with the\n"
    "rights that refused and the object; the process comes from the event's\n"
    "other records) from FILE\n"
    "(a saved dmesg, journalctl -k output, /var/log/audit/audit.log; - for standard\n"
    "input) or, without FILE, from the kernel log (/dev/kmsg). Prints time, PID,\n"
    "command, syscall (x86_64, aarch64, or i386 for arch=40000003), action and signal.\n"
    "Other lines are ignored. The kernel rate-limits these records, and with auditd\n"
    "running they go to audit.log instead of the kernel log.\n"
    "\n"
    "  -p, --pid PID      only records of process PID\n"
    "  -c, --comm COMM    only records of processes whose command name is COMM\n"
    "      --since TIME   only records from TIME on: YYYY-MM-DD [HH:MM[:SS]] (local\n"
    "                     time), @EPOCH, or -N followed by s, m, h or d (ago)\n"
    "      --json         print one JSON document (see seccomp-shim(1), JSON OUTPUT)\n"
    "  -f, --follow       print the kernel log's records, then wait for new ones\n"
    "                     (until interrupted), like journalctl -f\n"
    "  -s, --suggest POLICY\n"
    "                     instead of the table, print the lines to add to POLICY so\n"
    "                     that the syscalls the records show refused are allowed\n"
    "                     (audit2allow-style); a syscall a rule of POLICY refuses is\n"
    "                     named with that rule, which the line must replace\n"
    "  -o, --output FILE  with --suggest: write the lines to FILE\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 when a record was found, 1 when none was (or the log cannot be\n"
    "read), 2 on usage errors.\n";

/* AUDIT_ARCH_* come from linux/audit.h (seccomp-shim-bpf.h). */

/* The name of syscall n of x86_64 or aarch64, whichever machine reads the log. */
static const char *name_on(enum ss_arch arch, unsigned long n)
{
    return n < SS_SYSCALL_SLOTS ? ss_syscall_name_arch(arch, (int)n) : NULL;
}

struct field {
    char value[256];
    bool present;
};

/* The value of key in a record line: quoted, hex-encoded (audit's encoding of
 * untrusted strings with odd characters) or a plain token. */
static void get(const char *line, const char *key, struct field *f)
{
    size_t klen = strlen(key), n;
    const char *p = line, *v;

    f->present = false;
    f->value[0] = 0;
    for (;;) {
        p = strstr(p, key);
        if (!p)
            return;
        if ((p == line || p[-1] == ' ') && p[klen] == '=')
            break;
        p += klen;
    }
    v = p + klen + 1;
    if (*v == '"') {
        v++;
        n = strcspn(v, "\"");
        if (v[n] != '"')
            return; /* truncated */
    } else {
        n = strcspn(v, " \n\r\x1d");
    }
    if (n == 0 || n >= sizeof f->value)
        return;
    memcpy(f->value, v, n);
    f->value[n] = 0;
    f->present = true;
    if (v[-1] != '"' && n % 2 == 0 && strspn(f->value, "0123456789ABCDEF") == n &&
        (strcmp(key, "comm") == 0 || strcmp(key, "exe") == 0)) {
        for (size_t i = 0; i < n / 2; i++) {
            unsigned c;
            sscanf(f->value + 2 * i, "%2x", &c);
            f->value[i] = (char)c;
        }
        f->value[n / 2] = 0;
    }
    for (char *c = f->value; *c; c++)
        if (!isprint((unsigned char)*c))
            *c = '?';
}

static bool number(const struct field *f, int base, unsigned long *out)
{
    char *end;

    if (!f->present)
        return false;
    errno = 0;
    *out = strtoul(f->value, &end, base);
    return !*end && !errno && f->value[0] != '-';
}

static void action_text(const struct field *code, const struct field *sig, char *buf, size_t size)
{
    unsigned long c, s;

    if (!number(code, 0, &c)) {
        snprintf(buf, size, "?");
        return;
    }
    /* strict mode kills with SIGKILL and records code=0 like kill_thread */
    if ((c & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_KILL_THREAD && number(sig, 10, &s) &&
        s == SIGKILL) {
        snprintf(buf, size, "strict");
    } else if (((c & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO && (c & SECCOMP_RET_DATA)) ||
               (c & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE) {
        /* As a policy writes it, errno(EPERM), trace(5). The kernel's log
         * masks the errno; audit.log may carry it. */
        struct ss_action a = {(c & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO ? SS_ACT_ERRNO
                                                                                 : SS_ACT_TRACE,
                              (uint16_t)(c & SECCOMP_RET_DATA)};
        ss_action_format_symbolic(ss_arch_native(), a, buf, size);
    } else if (ss_ret_action_name((uint32_t)c) && c <= UINT32_MAX) {
        snprintf(buf, size, "%s", ss_ret_action_name((uint32_t)c));
    } else {
        snprintf(buf, size, "code %#lx", c);
    }
}

static void syscall_text(const struct field *arch, const struct field *nr, char *buf, size_t size)
{
    unsigned long a, n;
    const char *name = NULL;

    if (!number(nr, 10, &n)) {
        snprintf(buf, size, "?");
        return;
    }
    if (!number(arch, 16, &a)) {
        snprintf(buf, size, "? (%lu)", n);
        return;
    }
    if (a == AUDIT_ARCH_X86_64 && (n & 0x40000000UL)) {
        snprintf(buf, size, "? (x32 %lu)", n & ~0x40000000UL);
    } else if (a == AUDIT_ARCH_X86_64) {
        name = name_on(SS_ARCH_X86_64, n);
        snprintf(buf, size, "%s (%lu)", name ? name : "?", n);
    } else if (a == AUDIT_ARCH_AARCH64) {
        name = name_on(SS_ARCH_AARCH64, n);
        snprintf(buf, size, "%s (aarch64 %lu)", name ? name : "?", n);
    } else if (a == AUDIT_ARCH_I386) {
        name = n < SS_SYSCALL_SLOTS ? ss_syscall_name_i386((int)n) : NULL;
        snprintf(buf, size, "%s (i386 %lu)", name ? name : "?", n);
    } else {
        snprintf(buf, size, "? (%lu, arch %lx)", n, a);
    }
}

/* "audit(1700000000.123:45)" -> local time */
static void time_text(const char *line, char *buf, size_t size)
{
    const char *p = strstr(line, "audit(");
    long long secs;
    unsigned ms, serial;
    struct tm tm;
    time_t t;

    if (!p || sscanf(p, "audit(%lld.%u:%u)", &secs, &ms, &serial) != 3 || secs < 0) {
        snprintf(buf, size, "?");
        return;
    }
    t = (time_t)secs;
    if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
        snprintf(buf, size, "?");
}

/* Which records to show (the options). */
static struct {
    long pid;          /* -1: any */
    const char *comm;  /* NULL: any */
    long long since;   /* -1: any; else seconds since the epoch */
    bool suggest;      /* collect, do not print */
    bool follow;       /* flush each row */
    bool since_policy; /* since is the policy's last change (--suggest's default) */
} want = {-1, NULL, -1, false, false, false};

/* --suggest: what the records refused. */
static struct {
    unsigned long long count[SS_SYSCALL_SLOTS];
    char action[SS_SYSCALL_SLOTS][24];
    unsigned long long foreign, records, others, older;
    /* The programs (comm) the refusals came from, for the header: records of
     * the kernel log may be any program's of this user. */
    struct {
        char comm[24];
        unsigned long long count;
    } from[8];
    unsigned nfrom;
    bool more_from;
} refused;

static void count_program(const char *comm)
{
    for (unsigned i = 0; i < refused.nfrom; i++)
        if (!strcmp(refused.from[i].comm, comm)) {
            refused.from[i].count++;
            return;
        }
    if (refused.nfrom == sizeof refused.from / sizeof refused.from[0]) {
        refused.more_from = true;
        return;
    }
    snprintf(refused.from[refused.nfrom].comm, sizeof refused.from[0].comm, "%s", comm);
    refused.from[refused.nfrom++].count = 1;
}

/* The seconds of "audit(SECS.MS:SERIAL)"; -1 when absent. */
static long long record_secs(const char *line)
{
    const char *p = strstr(line, "audit(");
    long long secs;

    return p && sscanf(p, "audit(%lld.", &secs) == 1 && secs >= 0 ? secs : -1;
}

/* --since: 0 with *out set, or -1. */
static int parse_since(const char *text, long long *out)
{
    struct tm tm = {0};
    char unit = 's', *end;
    long long n;
    const char *rest;

    if (text[0] == '@' || text[0] == '-') {
        errno = 0;
        n = strtoll(text + 1, &end, 10);
        if (end == text + 1 || errno || n < 0 || (*end && end[1]))
            return -1;
        if (text[0] == '@') {
            if (*end)
                return -1;
            *out = n;
            return 0;
        }
        unit = *end ? *end : 's';
        switch (unit) {
        case 'd':
            n *= 24; /* fall through */
        case 'h':
            n *= 60; /* fall through */
        case 'm':
            n *= 60; /* fall through */
        case 's':
            break;
        default:
            return -1;
        }
        *out = (long long)time(NULL) - n;
        return 0;
    }
    rest = strptime(text, "%Y-%m-%d", &tm);
    if (rest && *rest == ' ') {
        const char *t = strptime(rest + 1, "%H:%M:%S", &tm);
        rest = t ? t : strptime(rest + 1, "%H:%M", &tm);
    }
    if (!rest || *rest)
        return -1;
    tm.tm_isdst = -1;
    *out = (long long)mktime(&tm);
    return *out == -1 ? -1 : 0;
}

static bool is_record(const char *line)
{
    return strstr(line, "type=1326 ") || strstr(line, "type=SECCOMP ");
}

static bool header_done;

/* --json: the records, instead of printing them; json_failed: one was lost. */
static json_t *json_records;
static bool json_failed;

/* One decoded record: what the table prints, "?" or "-" for what is not known. */
struct record {
    const char *kind; /* "seccomp" or "landlock" */
    const char *when, *pid, *comm, *action, *signal, *exe;
    const struct field *arch, *nr, *uid; /* uid: NULL where the record has none */
    bool has_syscall;                    /* false: a landlock record no syscall record came with */
    long long secs;                      /* the record's time; -1 unknown */
};

static json_t *known(const char *s)
{
    return strcmp(s, "?") == 0 || strcmp(s, "-") == 0 ? json_null() : json_string(s);
}

static json_t *json_record(const struct record *r)
{
    unsigned long a = 0, n = 0;
    bool has_nr = r->has_syscall && number(r->nr, 10, &n), has_arch = number(r->arch, 16, &a);
    bool x32 = has_arch && a == AUDIT_ARCH_X86_64 && (n & 0x40000000UL);
    const char *arch = !has_arch                 ? NULL
                       : x32                     ? "x32"
                       : a == AUDIT_ARCH_X86_64  ? "x86_64"
                       : a == AUDIT_ARCH_I386    ? "i386"
                       : a == AUDIT_ARCH_AARCH64 ? "aarch64"
                                                 : "other";
    const char *name = NULL;
    char *end;
    long pid = strtol(r->pid, &end, 10);

    if (has_nr && x32)
        n &= ~0x40000000UL;
    if (has_nr && !x32 && arch && strcmp(arch, "x86_64") == 0)
        name = name_on(SS_ARCH_X86_64, n);
    else if (has_nr && arch && strcmp(arch, "aarch64") == 0)
        name = name_on(SS_ARCH_AARCH64, n);
    else if (has_nr && n < SS_SYSCALL_SLOTS && arch && strcmp(arch, "i386") == 0)
        name = ss_syscall_name_i386((int)n);
    return json_pack("{s:s,s:o,s:o,s:o,s:s?,s:o,s:s?,s:s,s:o,s:o}", "kind", r->kind, "time",
                     known(r->when), "pid", *end || end == r->pid ? json_null() : json_integer(pid),
                     "comm", known(r->comm), "syscall", name, "nr",
                     has_nr ? json_integer((json_int_t)n) : json_null(), "arch", arch, "action",
                     r->action, "signal", known(r->signal), "exe", known(r->exe));
}

static void print_header(void)
{
    printf("%-19s  %7s  %-16s  %-24s  %-20s  %-7s  %s\n", "TIME", "PID", "COMM", "SYSCALL",
           "ACTION", "SIGNAL", "EXE");
}

static bool is_kill(const struct record *r)
{
    return strcmp(r->action, ss_ret_action_name(SECCOMP_RET_KILL_PROCESS)) == 0 ||
           strcmp(r->action, ss_ret_action_name(SECCOMP_RET_KILL_THREAD)) == 0;
}

/* Under explain a kill is logged twice: the trap its handler reports, then
 * the guard's kill of the re-issued call, by the same process. Whether r is
 * that kill (its trap seen among the last few records); traps are noted. */
static bool is_explain_kill(const struct record *r, unsigned long nr)
{
    static struct {
        char pid[16];
        unsigned long nr;
    } traps[16];
    static unsigned next;

    if (strcmp(r->action, ss_ret_action_name(SECCOMP_RET_TRAP)) == 0) {
        snprintf(traps[next].pid, sizeof traps[next].pid, "%s", r->pid);
        traps[next].nr = nr;
        next = (next + 1) % (sizeof traps / sizeof traps[0]);
        return false;
    }
    if (!is_kill(r))
        return false;
    for (size_t i = 0; i < sizeof traps / sizeof traps[0]; i++)
        if (traps[i].pid[0] && traps[i].nr == nr && strcmp(traps[i].pid, r->pid) == 0) {
            traps[i].pid[0] = 0;
            return true;
        }
    return false;
}

/* --suggest: one refusal the records show. */
static void collect(const struct record *r)
{
    unsigned long a, n, uid;

    refused.records++;
    if (strcmp(r->action, "allow") == 0 || strcmp(r->action, "log") == 0)
        return;
    /* Another user's process (its comm is its own to choose): not evidence
     * for what this user's program needs. */
    if (r->uid && number(r->uid, 10, &uid) && uid != (unsigned long)getuid()) {
        refused.others++;
        return;
    }
    /* This machine's own records only: names resolve for its architecture
     * (an x86_64 record read on aarch64 named another syscall: review). */
    if (!number(r->arch, 16, &a) || a != SS_AUDIT_ARCH_NATIVE || !number(r->nr, 10, &n) ||
        n >= SS_SYSCALL_SLOTS || !ss_syscall_name((int)n)) {
        refused.foreign++;
        return;
    }
    if (is_explain_kill(r, n))
        refused.count[n]--; /* its trap was counted: one refusal, a kill */
    else
        count_program(r->comm);
    if (!refused.count[n]++ || is_kill(r))
        snprintf(refused.action[n], sizeof refused.action[n], "%s", r->action);
}

/* Prints (or collects) r unless the options leave it out; true when shown. */
static bool emit(const struct record *r)
{
    char sys[64];

    if (want.comm && strcmp(r->comm, want.comm) != 0)
        return false;
    if (want.since >= 0 && r->secs < want.since) {
        if (want.since_policy && r->has_syscall && strcmp(r->kind, "seccomp") == 0 &&
            strcmp(r->action, "allow") != 0 && strcmp(r->action, "log") != 0)
            refused.older++;
        return false;
    }
    if (want.suggest) {
        if (r->has_syscall && strcmp(r->kind, "seccomp") == 0)
            collect(r);
        return true;
    }

    if (json_records) {
        json_failed |= cli_json_append(json_records, json_record(r)) != 0;
        return true;
    }
    if (r->has_syscall)
        syscall_text(r->arch, r->nr, sys, sizeof sys);
    else
        snprintf(sys, sizeof sys, "-");
    if (!header_done) {
        print_header();
        header_done = true;
    }
    printf("%-19s  %7s  %-16s  %-24s  %-20s  %-7s  %s\n", r->when, r->pid, r->comm, sys, r->action,
           r->signal, r->exe);
    if (want.follow)
        fflush(stdout);
    return true;
}

/* ---- Landlock (ABI 7): type=1423 LANDLOCK_ACCESS, type=1424 LANDLOCK_DOMAIN ----
 * An access record names the domain, the rights that blocked the request
 * (blockers=fs.write_file,...) and the object, not the process: that comes
 * in the event's other records (the domain's "allocated" record, SYSCALL).
 * So access records wait until their event (same serial) is over. */

#define LL_PENDING 64

static struct ll_access {
    unsigned long serial;
    long long secs;
    char when[32], blockers[256], object[600];
    struct field pid, comm, exe, nr, arch;
} ll_pending[LL_PENDING];
static size_t ll_npending;
static long ll_want_pid = -1;
static int ll_found;

static unsigned long serial_of(const char *line)
{
    const char *p = strstr(line, "audit(");
    unsigned long long secs;
    unsigned ms;
    unsigned long serial;

    return p && sscanf(p, "audit(%llu.%u:%lu)", &secs, &ms, &serial) == 3 ? serial : 0;
}

static void landlock_flush(void)
{
    char act[900];
    unsigned long p;

    for (size_t i = 0; i < ll_npending; i++) {
        struct ll_access *a = &ll_pending[i];
        if (ll_want_pid >= 0 && (!number(&a->pid, 10, &p) || (long)p != ll_want_pid))
            continue;
        snprintf(act, sizeof act, "landlock %s%s%s", a->blockers, a->object[0] ? " " : "",
                 a->object);
        ll_found |= emit(&(struct record){.kind = "landlock",
                                          .when = a->when,
                                          .pid = a->pid.present ? a->pid.value : "?",
                                          .comm = a->comm.present ? a->comm.value : "?",
                                          .action = act,
                                          .signal = "-",
                                          .exe = a->exe.present ? a->exe.value : "?",
                                          .arch = &a->arch,
                                          .nr = &a->nr,
                                          .has_syscall = a->nr.present,
                                          .secs = a->secs});
    }
    ll_npending = 0;
}

/* Handles the Landlock records and completes pending ones from the other
 * records of their event; true when line was a Landlock record. */
static bool landlock_record(const char *line, long want_pid)
{
    bool access = strstr(line, "type=1423 ") || strstr(line, "type=LANDLOCK_ACCESS "),
         domain = strstr(line, "type=1424 ") || strstr(line, "type=LANDLOCK_DOMAIN ");
    unsigned long serial = serial_of(line);
    struct field f;

    ll_want_pid = want_pid;
    if (ll_npending && ll_pending[0].serial != serial)
        landlock_flush(); /* a new event: the last one is complete */
    if (access && ll_npending < LL_PENDING) {
        struct ll_access *a = &ll_pending[ll_npending++];
        struct field path, dev, ino, opid, daddr, dest;
        memset(a, 0, sizeof *a);
        a->serial = serial;
        a->secs = record_secs(line);
        time_text(line, a->when, sizeof a->when);
        get(line, "blockers", &f);
        snprintf(a->blockers, sizeof a->blockers, "%s", f.present ? f.value : "?");
        get(line, "path", &path);
        get(line, "dev", &dev);
        get(line, "ino", &ino);
        get(line, "opid", &opid);
        get(line, "dest", &dest); /* connect; bind records carry src */
        if (!dest.present)
            get(line, "src", &dest);
        get(line, "daddr", &daddr);
        if (path.present)
            snprintf(a->object, sizeof a->object, "%s", path.value);
        else if (ino.present)
            snprintf(a->object, sizeof a->object, "dev %s ino %s", dev.present ? dev.value : "?",
                     ino.value);
        else if (dest.present)
            snprintf(a->object, sizeof a->object, "port %s", dest.value);
        else if (opid.present)
            snprintf(a->object, sizeof a->object, "pid %s", opid.value);
        return true;
    }
    /* The event's process: the domain's "allocated" record or SYSCALL. */
    for (size_t i = 0; i < ll_npending; i++) {
        struct ll_access *a = &ll_pending[i];
        if (!a->pid.present)
            get(line, "pid", &a->pid);
        if (!a->comm.present)
            get(line, "comm", &a->comm);
        if (!a->exe.present)
            get(line, "exe", &a->exe);
        if (!domain && !a->nr.present) {
            get(line, "syscall", &a->nr);
            get(line, "arch", &a->arch);
        }
    }
    return access || domain;
}

/* Decodes one line; true when it was a seccomp record that was printed. */
static bool decode(const char *line, long want_pid)
{
    struct field pid, comm, exe, sig, arch, nr, code, uid;
    char when[32], act[48], signame[16];
    unsigned long p, s;
    char pidtext[24] = "?";

    if (landlock_record(line, want_pid))
        return false; /* printed when its event is complete (landlock_flush) */
    if (!is_record(line))
        return false;
    get(line, "pid", &pid);
    if (want_pid >= 0 && (!number(&pid, 10, &p) || (long)p != want_pid))
        return false;
    get(line, "comm", &comm);
    get(line, "exe", &exe);
    get(line, "sig", &sig);
    get(line, "arch", &arch);
    get(line, "syscall", &nr);
    get(line, "code", &code);
    get(line, "uid", &uid);
    if (number(&pid, 10, &p))
        snprintf(pidtext, sizeof pidtext, "%lu", p);
    time_text(line, when, sizeof when);
    action_text(&code, &sig, act, sizeof act);
    if (number(&sig, 10, &s) && s > 0 && s < 65 && sigabbrev_np((int)s))
        snprintf(signame, sizeof signame, "SIG%s", sigabbrev_np((int)s));
    else
        snprintf(signame, sizeof signame, "%s", number(&sig, 10, &s) && s == 0 ? "-" : "?");
    return emit(&(struct record){.kind = "seccomp",
                                 .when = when,
                                 .pid = pidtext,
                                 .comm = comm.present ? comm.value : "?",
                                 .action = act,
                                 .signal = signame,
                                 .exe = exe.present ? exe.value : "?",
                                 .arch = &arch,
                                 .nr = &nr,
                                 .uid = uid.present ? &uid : NULL,
                                 .has_syscall = true,
                                 .secs = record_secs(line)});
}

static int from_stream(FILE *in, long want_pid)
{
    char *line = NULL;
    size_t cap = 0;
    int found = 0;

    while (getline(&line, &cap, in) > 0) {
        found |= decode(line, want_pid);
    }
    free(line);
    landlock_flush();
    return found | ll_found;
}

/* /dev/kmsg: one record per read; non-blocking, so EAGAIN ends the log.
 * --follow: then blocking, until interrupted (a signal ends us). */
static int from_kmsg(long want_pid, int *found)
{
    char rec[8192];
    ssize_t n;
    int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0)
        return -1;
    for (;;) {
        n = read(fd, rec, sizeof rec - 1);
        if (n < 0 && errno == EPIPE)
            continue; /* records were overwritten while we read: go on */
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && want.follow) {
            landlock_flush(); /* the log so far is complete */
            if (fcntl(fd, F_SETFL, 0) == 0)
                continue;
        }
        if (n <= 0)
            break;
        rec[n] = 0;
        *found |= decode(rec, want_pid);
    }
    landlock_flush();
    *found |= ll_found;
    if (n < 0 && errno != EAGAIN) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* Whether p lets nr through whatever its arguments: no rule refuses it, and
 * an unconditional rule or the default allows it. */
static bool allows_outright(const struct ss_policy *p, int nr)
{
    bool allowed = p->mode == SS_MODE_FILTER &&
                   (p->default_action.kind == SS_ACT_ALLOW || p->default_action.kind == SS_ACT_LOG);

    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        bool lets = r->action.kind == SS_ACT_ALLOW || r->action.kind == SS_ACT_LOG;

        if (r->nr != nr || r->builtin)
            continue;
        if (!lets)
            return false;
        allowed |= r->ncond == 0;
    }
    return allowed;
}

/* Whether p has a rule of its own for nr. */
static bool has_rule(const struct ss_policy *p, int nr)
{
    for (size_t i = 0; i < p->nrules; i++)
        if (p->rules[i].nr == nr && !p->rules[i].builtin)
            return true;
    return false;
}

/* --suggest: the lines that make POLICY allow what the records show refused,
 * with the lines an allowlist needs beside them (cli_additions), so that the
 * lint has nothing to say of the result. source: the log file named, NULL
 * for the kernel log. */
static int suggest(const char *policy, const char *output, const char *source)
{
    bool suggested[SS_SYSCALL_SLOTS] = {false};
    struct ss_policy *p = cli_load_policy(ss_arch_native(), policy, NULL);
    struct cli_output out;
    unsigned lines = 0;

    if (!p)
        return SS_EXIT_POLICY;
    if (cli_output_open(&out, output)) {
        ss_policy_free(p);
        return 1;
    }
    /* Names quoted: a newline in a file name must not start a policy line. */
    char qpolicy[4 * SS_LINE_MAX], qsource[4 * SS_LINE_MAX];
    cli_shell_quote(policy, qpolicy, sizeof qpolicy);
    if (source)
        cli_shell_quote(source, qsource, sizeof qsource);
    else
        snprintf(qsource, sizeof qsource, "the kernel log");
    fprintf(out.f, "; Suggested by seccomp-shim audit --suggest %s, from %llu record%s of %s%s.\n",
            qpolicy, refused.records, refused.records == 1 ? "" : "s", qsource,
            want.since_policy ? " since the policy last changed" : "");
    if (source && want.since < 0 && !want.comm && want.pid < 0)
        fprintf(out.f, "; All of its records, whatever runs they came from (--pid, --comm and "
                       "--since narrow them).\n");
    if (refused.nfrom) {
        char qcomm[4 * sizeof refused.from[0].comm];

        fprintf(out.f, "; The refusals came from:");
        for (unsigned i = 0; i < refused.nfrom; i++) {
            cli_shell_quote(refused.from[i].comm, qcomm, sizeof qcomm);
            fprintf(out.f, "%s %s (%llu)", i ? "," : "", qcomm, refused.from[i].count);
        }
        fprintf(out.f, "%s.%s\n", refused.more_from ? " and more" : "",
                !source && !want.comm && want.pid < 0
                    ? " The kernel log holds every program's records, not only runs under this "
                      "policy: --comm and --pid narrow them"
                    : "");
    }
    if (refused.older)
        fprintf(out.f,
                "; %llu refusal%s from before %s last changed left out (--since takes them)\n",
                refused.older, refused.older == 1 ? "" : "s", qpolicy);
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++) {
        const struct ss_rule *by = NULL;
        const char *name = ss_syscall_name(nr);
        char action[64];

        if (!refused.count[nr])
            continue;
        for (size_t i = 0; i < p->nrules && !by; i++)
            if (p->rules[i].nr == nr && p->rules[i].action.kind != SS_ACT_ALLOW &&
                p->rules[i].action.kind != SS_ACT_LOG && !p->rules[i].builtin)
                by = &p->rules[i];
        if (by) {
            char qfile[4 * SS_LINE_MAX];
            cli_shell_quote(by->where.file ? by->where.file : policy, qfile, sizeof qfile);
            fprintf(out.f, "; %s:%u refuses %s (`%s`): put this line in its place:\n", qfile,
                    by->where.line, name,
                    ss_action_format_symbolic(p->arch, by->action, action, sizeof action));
        } else if (allows_outright(p, nr)) {
            fprintf(out.f, "; %s: %s allows it already (the records come from another policy)\n",
                    name, qpolicy);
            continue;
        } else if (ss_policy_checked_args(p, nr)) {
            /* `name = allow` would drop the policy's conditions; a kernel
             * record carries no arguments to narrow it with. */
            fprintf(out.f,
                    "; %s: %s allows it for some argument values only, and the records do not "
                    "say which values were refused: `seccomp-shim run --explain` or `learn "
                    "--append` names them\n",
                    name, qpolicy);
            continue;
        }
        if (nr == __NR_clone) {
            /* As learn writes it: any flags but a new namespace's. */
            cli_rule_line(out.f, NULL, nr, (struct ss_action){SS_ACT_ALLOW, 0}, LEARN_CLONE_NO_NS,
                          1, "%s %llu time%s in the records, no namespace flags",
                          refused.action[nr], refused.count[nr], refused.count[nr] == 1 ? "" : "s");
        } else if (learn_conditioned(nr) >= 0 || learn_never_widen(nr)) {
            /* Its argument decides what it does (socket's family, what a
             * mount or ptrace did): a record carries none, and the syscall
             * whole would allow every value. */
            fprintf(out.f,
                    "; %s: %s %llu time%s in the records, which do not say with what arguments: "
                    "`seccomp-shim run --complain` or `learn --append` names them\n",
                    name, refused.action[nr], refused.count[nr], refused.count[nr] == 1 ? "" : "s");
            continue;
        } else {
            cli_rule_line(out.f, NULL, nr, (struct ss_action){SS_ACT_ALLOW, 0}, NULL, 0,
                          "%s %llu time%s in the records", refused.action[nr], refused.count[nr],
                          refused.count[nr] == 1 ? "" : "s");
        }
        suggested[nr] = true;
        lines++;
    }
    /* What the lint would ask for next to those lines (an allowlist only). */
    for (size_t i = 0; lines && i < sizeof cli_additions / sizeof cli_additions[0]; i++) {
        const struct cli_addition *a = &cli_additions[i];

        if (p->mode != SS_MODE_FILTER || allows_outright(p, a->nr) || has_rule(p, a->nr) ||
            suggested[a->nr] || (a->needs >= 0 && !suggested[a->needs]))
            continue;
        cli_addition_write(out.f, a);
    }
    if (refused.others)
        fprintf(out.f, "; %llu refusal%s of other users' processes left out\n", refused.others,
                refused.others == 1 ? "" : "s");
    if (refused.foreign)
        fprintf(out.f,
                "; %llu refusal%s of i386, x32 or unknown syscalls: no x86_64 policy can "
                "allow %s\n",
                refused.foreign, refused.foreign == 1 ? "" : "s",
                refused.foreign == 1 ? "it" : "them");
    ss_policy_free(p);
    if (cli_output_close(&out, true))
        return 1;
    if (!lines)
        cli_error("no line to suggest: the records show no refusal %s does not allow", policy);
    return lines ? 0 : 1;
}

int cmd_audit(int argc, char **argv)
{
    enum { OPT_SINCE = 256 };
    static const struct option options[] = {{"pid", required_argument, NULL, 'p'},
                                            {"comm", required_argument, NULL, 'c'},
                                            {"since", required_argument, NULL, OPT_SINCE},
                                            {"json", no_argument, NULL, 'J'},
                                            {"follow", no_argument, NULL, 'f'},
                                            {"suggest", required_argument, NULL, 's'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    const char *suggest_for = NULL, *output = NULL;
    long want_pid = -1;
    int found = 0, c;
    char *end;
    FILE *in;

    while ((c = getopt_long(argc, argv, ":p:c:fs:o:h", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            want_pid = strtol(optarg, &end, 10);
            if (*end || !*optarg || want_pid <= 0)
                return cli_usage_error("audit", "--pid %s: not a process id", optarg);
            break;
        case 'c':
            want.comm = optarg;
            break;
        case OPT_SINCE:
            if (parse_since(optarg, &want.since))
                return cli_usage_error(
                    "audit", "--since %s: not YYYY-MM-DD [HH:MM[:SS]], @EPOCH or -N[smhd]", optarg);
            break;
        case 'f':
            want.follow = true;
            break;
        case 's':
            suggest_for = optarg;
            want.suggest = true;
            break;
        case 'o':
            output = optarg;
            break;
        case 'J':
            if (!json_records && !(json_records = json_array())) {
                cli_error("out of memory");
                return 1;
            }
            break;
        case 'h':
            json_decref(json_records);
            fputs(usage, stdout);
            return 0;
        default:
            json_decref(json_records);
            return cli_option_error("audit", c, argv);
        }
    }
    if (argc - optind > 1 ||
        (json_records ? 1 : 0) + (want.follow ? 1 : 0) + (want.suggest ? 1 : 0) > 1 ||
        (output && !want.suggest) || (want.follow && optind < argc)) {
        json_decref(json_records);
        return cli_usage_error("audit", argc - optind > 1         ? "one FILE at a time"
                                        : output && !want.suggest ? "-o goes with --suggest"
                                        : want.follow && optind < argc
                                            ? "--follow reads the kernel log, not a FILE"
                                            : "--json, --follow and --suggest: one at a time");
    }
    want.pid = want_pid;
    /* From the kernel log, --suggest takes only what runs under the policy as
     * it is now can have caused: records since it last changed. */
    if (want.suggest && optind == argc && want.since < 0) {
        char buf[PATH_MAX];
        struct stat st;

        if (stat(ss_policy_resolve_arg(suggest_for, buf, sizeof buf), &st) == 0) {
            want.since = st.st_mtime;
            want.since_policy = true;
        }
    }
    if (optind == argc) {
        if (from_kmsg(want_pid, &found)) {
            cli_error("cannot read the kernel log: /dev/kmsg: %s; save it with dmesg or "
                      "journalctl -k and pass the file",
                      strerror(errno));
            return 1;
        }
    } else if (strcmp(argv[optind], "-") == 0) {
        found = from_stream(stdin, want_pid);
    } else {
        in = fopen(argv[optind], "r");
        if (!in) {
            cli_error("%s: %s", argv[optind], strerror(errno));
            return 1;
        }
        found = from_stream(in, want_pid);
        fclose(in);
    }
    if (json_records) {
        json_t *doc = json_failed ? NULL : json_pack("{s:O}", "records", json_records);
        json_decref(json_records);
        if (cli_json_print(doc))
            return 1;
    }
    if (!found && !(want.suggest && refused.older)) {
        cli_error("no seccomp audit records found%s",
                  optind == argc ? " in the kernel log (with auditd running they are in "
                                   "/var/log/audit/audit.log)"
                                 : "");
        return 1;
    }
    if (want.suggest)
        return suggest(suggest_for, output, optind == argc ? NULL : argv[optind]);
    return 0;
}
