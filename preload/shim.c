/* The LD_PRELOAD guest: reads the policy named by the environment, compiles
 * it, frees everything and installs it before the program's main. Any error
 * ends the process with status 125 before main: it never runs unsandboxed.
 *
 * Exec chains: the kernel keeps the filter across exec, so a child that loads
 * the shim again with the same policy must not stack a second copy. The
 * parent stamps its filter with HASH (probe.c) and leaves
 * SECCOMP_SHIM_ACTIVE=HASH:DEPTH[:e] in the environment; a child with the
 * same policy whose filter answers the probe installs nothing and makes no
 * seccomp or prctl call.
 *
 * SECCOMP_SHIM_EXPLAIN=1 (set by `seccomp-shim run --explain`) turns explain
 * on as `explain = yes` would. In an inherited child the marker, not this
 * variable, decides: it describes the filter that is really installed. */
#define _GNU_SOURCE
#include "guest.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static: the program is installed after every allocation has been freed. */
static struct ss_program program;
/* The Landlock part of the policy (inactive when it has none). */
static struct ss_landlock_plan landlock;

static void __attribute__((noreturn)) die(const struct ss_error *err)
{
    char msg[900], line[1024];
    int n =
        snprintf(line, sizeof line, "seccomp-shim: %s\n", ss_error_format(err, msg, sizeof msg));

    if (n > (int)sizeof line - 1)
        n = sizeof line - 1;
    if (write(STDERR_FILENO, line, n) < 0) {
        /* nothing more to do: the exit status still says it */
    }
    _exit(SS_EXIT_POLICY);
}

static void __attribute__((noreturn)) die_msg(const char *msg)
{
    struct ss_error err;

    ss_fail(&err, (struct ss_where){0}, "%s", msg);
    die(&err);
}

static unsigned long long fnv(unsigned long long h, const void *data, size_t len)
{
    const unsigned char *b = data;

    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

/* For the file's bytes: eight at a time, five times faster than fnv() (whose
 * byte-wise multiply chain took 8 of an inherited child's µs for Docker's
 * 5.7 KB policy). Not a cryptographic hash: the identity only tells policies
 * apart, the probe decides whether its filter is there (inherited()). */
static unsigned long long mix(unsigned long long h, const void *data, size_t len)
{
    const unsigned char *b = data;
    unsigned long long w;

    for (; len >= sizeof w; b += sizeof w, len -= sizeof w) {
        memcpy(&w, b, sizeof w);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    w = (unsigned long long)len << 56; /* the tail, and its length */
    memcpy(&w, b, len);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    return h ^ h >> 29;
}

/* Identity of the policy the environment names: its variable, its value,
 * whether explain was asked for and, for a regular file, its bytes (not
 * those of files it includes). Cheap enough to compute in every exec'd child. */
static unsigned long long policy_identity(const char *var, const char *value, bool explain)
{
    unsigned long long h = fnv(0xcbf29ce484222325ULL, var, strlen(var) + 1);
    char buf[4096];
    struct stat st;
    ssize_t n;
    int fd;

    h = fnv(h, value, strlen(value) + 1);
    h = fnv(h, &explain, sizeof explain);
    if (strcmp(var, SS_ENV_POLICY) == 0 &&
        (fd = open(value, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) >= 0) {
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
            while ((n = read(fd, buf, sizeof buf)) > 0)
                h = mix(h, buf, n);
        close(fd);
    }
    return h;
}

/* Parses the marker "HASH:DEPTH[REST]" as set_marker() writes it: 16 hex
 * digits, a colon, decimal digits. Returns REST, or NULL when it does not
 * fit. By hand, not sscanf: scanf's code and locale tables cost an inherited
 * child five page faults. */
static const char *parse_marker(const char *s, unsigned long long *hash, int *depth)
{
    int i;

    *hash = 0;
    for (i = 0; i < 16; i++, s++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
        if (d < 0)
            return NULL;
        *hash = *hash << 4 | d;
    }
    if (*s++ != ':')
        return NULL;
    *depth = 0;
    for (i = 0; *s >= '0' && *s <= '9'; i++, s++)
        if (i == 6) /* no process has a million filters */
            return NULL;
        else
            *depth = *depth * 10 + (*s - '0');
    return i ? s : NULL;
}

/* True when this process already runs under this very policy (inherited). */
static bool inherited(unsigned long long identity, bool *explain)
{
    const char *marker = getenv(SS_ENV_ACTIVE), *rest;
    unsigned long long hash;
    int depth;

    if (!marker || !(rest = parse_marker(marker, &hash, &depth)) || hash != identity)
        return false;
    *explain = strcmp(rest, SS_MARKER_EXPLAIN) == 0;
    /* Trust but verify: a copied marker must not switch the sandbox off, in
     * an unfiltered process or under someone else's filter. Only the filter
     * the shim stamped with this identity answers the probe. */
    return ss_probe_check(identity);
}

static void set_marker(unsigned long long identity, bool explain)
{
    char marker[64];

    /* DEPTH: the filters this policy adds (explain stacks two: its guard and
     * the policy's); informative, the probe is what children verify. */
    snprintf(marker, sizeof marker, SS_MARKER_FORMAT, identity, explain ? 2 : 1,
             explain ? SS_MARKER_EXPLAIN : "");
    if (setenv(SS_ENV_ACTIVE, marker, 1))
        die_msg("cannot set " SS_ENV_ACTIVE ": out of memory");
}

/* The last step of every path: the marker for exec'd children, then the
 * guest's install sequence. */
static void install(enum ss_mode mode, unsigned long long identity, bool explain, unsigned flags)
{
    struct ss_install_plan plan = {.mode = mode,
                                   .prog = &program,
                                   .filter_flags = flags,
                                   .explain = explain,
                                   .stamp = true,
                                   .identity = identity,
                                   .landlock = &landlock};
    struct ss_error err;

    if (mode == SS_MODE_FILTER)
        set_marker(identity, explain);
    if (ss_install(&plan, &err))
        die(&err);
}

/* A compiled policy (`seccomp-shim compile`): no inih, no libseccomp. False
 * when the file is INI text. */
static bool install_compiled(const char *file, unsigned long long identity, bool want_explain)
{
    struct ss_compiled_info info;
    struct ss_error err;
    int rc = ss_compiled_load(file, &program, &info, &err);

    if (rc > 0)
        return false;
    if (rc < 0)
        die(&err);
    if (want_explain && !info.explain)
        die_msg(SS_ENV_EXPLAIN "=1 but the compiled policy was compiled without explain: "
                            "compile it from a policy with `explain = yes`");
    install(info.mode, identity, info.explain, info.filter_flags);
    return true;
}

static void print_warnings(const struct ss_policy *p)
{
    char line[1024];

    for (size_t i = 0; i < p->nwarnings; i++) {
        int n = snprintf(line, sizeof line, "seccomp-shim: %s:%u: warning: %s\n",
                         p->warnings[i].where.file, p->warnings[i].where.line, p->warnings[i].msg);
        if (write(STDERR_FILENO, line, n < (int)sizeof line ? n : (int)sizeof line - 1) < 0)
            break;
    }
}

__attribute__((constructor)) static void seccomp_shim_init(void)
{
    const char *file = getenv(SS_ENV_POLICY), *text = getenv(SS_ENV_INI);
    const char *var = file ? SS_ENV_POLICY : SS_ENV_INI;
    unsigned long long identity;
    struct ss_policy *p;
    struct ss_error err;
    bool explain = false, want_explain, strict;
    unsigned flags;
    int rc;

    if (getenv(SS_ENV_LEARN)) { /* seccomp-shim learn: mark, install nothing */
        if (file || text)
            die_msg(SS_ENV_LEARN " and a policy are both set; set one");
        if (ss_learn_mark(getenv(SS_ENV_LEARN), &err))
            die(&err);
        return;
    }
    if (!file && !text)
        die_msg("neither " SS_ENV_POLICY " (a policy file) nor " SS_ENV_INI
                " (policy text) is set; refusing to run unsandboxed");
    if (file && text)
        die_msg("both " SS_ENV_POLICY " and " SS_ENV_INI " are set; set exactly one");
    if (file && !*file) /* open("") would report ENOENT without saying what */
        die_msg(SS_ENV_POLICY " is set but empty: name a policy file");

    want_explain = getenv(SS_ENV_EXPLAIN) && strcmp(getenv(SS_ENV_EXPLAIN), "1") == 0;
    identity = policy_identity(var, file ? file : text, want_explain);
    if (inherited(identity, &explain)) {
        if (explain && ss_explain_arm(&err)) /* handlers do not survive exec */
            die(&err);
        return;
    }

    if (file && install_compiled(file, identity, want_explain))
        return;

    p = ss_policy_new();
    if (!p)
        die_msg("out of memory");
    rc = file ? ss_parse_file(p, file, &err) : ss_parse_text(p, text, SS_INLINE_NAME, &err);
    if (rc == 0 && want_explain)
        rc = ss_policy_enable_explain(p, &err);
    if (rc == 0 && getenv(SS_ENV_WARNINGS))
        print_warnings(p);
    strict = rc == 0 && p->mode == SS_MODE_STRICT;
    if (rc == 0 && !strict)
        rc = ss_compile(p, &program, &err);
    if (rc == 0 && ss_policy_has_landlock(p)) {
        Dl_info self; /* our own path: children load the shim again */
        rc = ss_landlock_plan_build(p, dladdr(&landlock, &self) ? self.dli_fname : NULL, file,
                                    &landlock, &err);
    }
    explain = p->explain;
    flags = ss_policy_filter_flags(p);
    ss_policy_free(p);
    if (rc)
        die(&err);
    install(strict ? SS_MODE_STRICT : SS_MODE_FILTER, identity, explain, flags);
}
