/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The Landlock sections of a policy: [filesystem] (which paths, which
 * rights), [network] (which TCP ports) and [scope] (signals, abstract UNIX
 * sockets), `landlock = required | best-effort` in [policy], and the plan
 * the guest applies (preload/landlock.c). parse.c hands us their lines.
 *
 * Paths are checked here, when the policy is read: one that does not exist
 * is an error unless written `?PATH`. The guest opens them again when it
 * applies the plan (Landlock wants an open directory or file per rule). */
#define _GNU_SOURCE
#include "internal.h"
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The dynamic loader, as every dynamically linked program of the machine
 * names it (PT_INTERP); on Debian a symlink into /usr. Landlock applies where
 * the shim runs, so this is the build's architecture, not the policy's. */
#ifdef __aarch64__
#define LOADER "/lib/ld-linux-aarch64.so.1"
#else
#define LOADER "/lib64/ld-linux-x86-64.so.2"
#endif

struct right {
    const char *name;
    int abi;
};

static const struct right fs_rights[SS_LL_FS_BITS] = {
    {"execute", 1},    {"write_file", 1},  {"read_file", 1}, {"read_dir", 1},
    {"remove_dir", 1}, {"remove_file", 1}, {"make_char", 1}, {"make_dir", 1},
    {"make_reg", 1},   {"make_sock", 1},   {"make_fifo", 1}, {"make_block", 1},
    {"make_sym", 1},   {"refer", 2},       {"truncate", 3},  {"ioctl_dev", 5},
};
static const struct right net_rights[SS_LL_NET_BITS] = {{"bind", 4}, {"connect", 4}};
static const struct right scope_rights[SS_LL_SCOPE_BITS] = {{"abstract-unix", 6}, {"signals", 6}};

#define READ_RIGHTS (SS_LL_FS_READ_FILE | SS_LL_FS_READ_DIR)
#define WRITE_RIGHTS                                                                               \
    (READ_RIGHTS | SS_LL_FS_WRITE_FILE | SS_LL_FS_REMOVE_DIR | SS_LL_FS_REMOVE_FILE |              \
     SS_LL_FS_MAKE_DIR | SS_LL_FS_MAKE_REG | SS_LL_FS_MAKE_SOCK | SS_LL_FS_MAKE_FIFO |             \
     SS_LL_FS_MAKE_SYM | SS_LL_FS_REFER | SS_LL_FS_TRUNCATE)
/* Rights that change what is stored under a path (for the protect lint). */
#define MODIFY_RIGHTS (WRITE_RIGHTS & ~READ_RIGHTS)

/* The keys of [filesystem] beyond the single rights. */
static const struct {
    const char *name;
    uint64_t access;
} fs_keys[] = {
    {"read", READ_RIGHTS},
    {"write", WRITE_RIGHTS},
    {"exec", READ_RIGHTS | SS_LL_FS_EXECUTE},
    {"make_dev", SS_LL_FS_MAKE_CHAR | SS_LL_FS_MAKE_BLOCK},
};

const char *ss_landlock_right(enum ss_landlock_kind kind, unsigned bit, int *abi)
{
    const struct right *table = kind == SS_LL_KIND_FS    ? fs_rights
                                : kind == SS_LL_KIND_NET ? net_rights
                                                         : scope_rights;
    unsigned n = kind == SS_LL_KIND_FS    ? SS_LL_FS_BITS
                 : kind == SS_LL_KIND_NET ? SS_LL_NET_BITS
                                          : SS_LL_SCOPE_BITS;

    if (bit >= n)
        return NULL;
    if (abi)
        *abi = table[bit].abi;
    return table[bit].name;
}

char *ss_landlock_format(enum ss_landlock_kind kind, uint64_t access, char *buf, size_t size)
{
    const char *name;

    buf[0] = 0;
    for (unsigned b = 0; (name = ss_landlock_right(kind, b, NULL)); b++)
        if (access & (1ULL << b))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? "," : "", name);
    if (!buf[0])
        snprintf(buf, size, "-");
    return buf;
}

const char *ss_landlock_key_name(uint64_t access)
{
    for (size_t i = 0; i < sizeof fs_keys / sizeof fs_keys[0]; i++)
        if (fs_keys[i].access == access)
            return fs_keys[i].name;
    for (unsigned b = 0; b < SS_LL_FS_BITS; b++)
        if (access == 1ULL << b)
            return fs_rights[b].name;
    return NULL;
}

bool ss_policy_has_landlock(const struct ss_policy *p)
{
    return p->landlock.filesystem || p->landlock.network || p->landlock.scoped;
}

bool ss_landlock_section(struct ss_policy *p, const char *name, struct ss_where where)
{
    struct ss_landlock *l = &p->landlock;

    if (!strcmp(name, "filesystem")) {
        if (!l->filesystem)
            l->filesystem_where = where;
        l->filesystem = true;
    } else if (!strcmp(name, "network")) {
        if (!l->network)
            l->network_where = where;
        l->network = true;
    } else if (!strcmp(name, "scope")) {
        if (!l->scope_where.file)
            l->scope_where = where;
    } else {
        return false;
    }
    return true;
}

bool ss_landlock_is_section(const char *name)
{
    return !strcmp(name, "filesystem") || !strcmp(name, "network") || !strcmp(name, "scope");
}

/* "ioctl-dev" and "ioctl_dev" alike. */
static void key_name(const char *name, char *out, size_t size)
{
    size_t i;

    for (i = 0; name[i] && i + 1 < size; i++)
        out[i] = name[i] == '-' ? '_' : name[i];
    out[i] = 0;
}

static int fs_access(const char *name, uint64_t *access)
{
    char key[64];

    key_name(name, key, sizeof key);
    for (size_t i = 0; i < sizeof fs_keys / sizeof fs_keys[0]; i++)
        if (!strcmp(key, fs_keys[i].name)) {
            *access = fs_keys[i].access;
            return 0;
        }
    for (unsigned b = 0; b < SS_LL_FS_BITS; b++)
        if (!strcmp(key, fs_rights[b].name)) {
            *access = 1ULL << b;
            return 0;
        }
    return -1;
}

/* Whether path names / however it is spelt: `//`, `/.`, `/tmp/..`, a link to
 * / (realpath), or, when it cannot be resolved, its components alone. */
static bool is_root(const char *path)
{
    char *real = realpath(path, NULL);
    size_t depth = 0;

    if (real) {
        bool root = !strcmp(real, "/");
        free(real);
        return root;
    }
    for (const char *c = path; *c; c += strcspn(c, "/")) {
        size_t n;
        c += strspn(c, "/");
        n = strcspn(c, "/");
        if (n == 2 && !strncmp(c, "..", 2))
            depth -= depth > 0;
        else if (n && !(n == 1 && c[0] == '.'))
            depth++;
    }
    return depth == 0;
}

/* $HOME, $PWD (the directory at start) or $POLICY_DIR (the folder of the
 * policy file whose line this is) in front of token, into out. */
static int expand(const char *token, const char *file_real, char *out, size_t size,
                  const char **start_var, char *why, size_t whysize)
{
    char base[4096];
    const char *rest = token;

    *start_var = NULL;
    if (token[0] != '$') {
        base[0] = 0;
    } else if (!strncmp(token, "$HOME", 5) && (token[5] == '/' || !token[5])) {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            snprintf(why, whysize, "%s: HOME is not set to an absolute path", token);
            return -1;
        }
        snprintf(base, sizeof base, "%s", home);
        rest = token + 5;
        *start_var = "$HOME";
    } else if (!strncmp(token, "$PWD", 4) && (token[4] == '/' || !token[4])) {
        if (!getcwd(base, sizeof base)) {
            snprintf(why, whysize, "%s: cannot get the current directory: %s", token,
                     strerror(errno));
            return -1;
        }
        rest = token + 4;
        *start_var = "$PWD";
    } else if (!strncmp(token, "$POLICY_DIR", 11) && (token[11] == '/' || !token[11])) {
        const char *slash = file_real ? strrchr(file_real, '/') : NULL;
        if (!slash) {
            snprintf(why, whysize, "%s: $POLICY_DIR needs a policy file (this is policy text)",
                     token);
            return -1;
        }
        snprintf(base, sizeof base, "%.*s", slash == file_real ? 1 : (int)(slash - file_real),
                 file_real);
        rest = token + 11;
        *start_var = "$POLICY_DIR";
    } else {
        snprintf(why, whysize, "%s: unknown variable (use $HOME, $PWD or $POLICY_DIR)", token);
        return -1;
    }
    if (snprintf(out, size, "%s%s", base, rest) >= (int)size) {
        snprintf(why, whysize, "%s: path too long", token);
        return -1;
    }
    /* A learned `write = $PWD` started from / (a service's default) must not
     * quietly become a grant on the whole file system. */
    if (token[0] == '$' && out[0] == '/' && is_root(out)) {
        snprintf(why, whysize,
                 "%s is / here: that grant would cover every file; write / itself "
                 "if that is meant",
                 token);
        return -1;
    }
    if (out[0] != '/') {
        snprintf(why, whysize,
                 "%s: not an absolute path (start it with /, $HOME, $PWD or "
                 "$POLICY_DIR)",
                 token);
        return -1;
    }
    return 0;
}

/* Room for one more element in the array *arr points to (n used of *cap,
 * each size bytes). memcpy: arr is a `struct T **`, not a `void **`. */
static int grow(void *arr, size_t n, size_t *cap, size_t size)
{
    size_t more = *cap ? 2 * *cap : 16;
    void *old, *bigger;

    if (n < *cap)
        return 0;
    memcpy(&old, arr, sizeof old);
    if (!(bigger = realloc(old, more * size)))
        return -1;
    memcpy(arr, &bigger, sizeof bigger);
    *cap = more;
    return 0;
}

static int add_path(struct ss_landlock *l, const char *path, uint64_t access, bool optional,
                    const char *start_var, struct ss_where where)
{
    struct ss_landlock_path *e;

    if (grow(&l->paths, l->npaths, &l->paths_cap, sizeof *l->paths))
        return -1;
    e = &l->paths[l->npaths];
    if (!(e->path = strdup(path)))
        return -1;
    e->access = access;
    e->optional = optional;
    e->start_var = start_var;
    e->where = where;
    l->npaths++;
    return 0;
}

static int add_port(struct ss_landlock *l, uint16_t port, uint64_t access, struct ss_where where)
{
    if (grow(&l->ports, l->nports, &l->ports_cap, sizeof *l->ports))
        return -1;
    l->ports[l->nports++] = (struct ss_landlock_port){port, access, where};
    return 0;
}

#define OOM(why, whysize) (snprintf(why, whysize, "out of memory"), -1)

/* True when path is dir or beneath it (both resolved, absolute). */
static bool beneath(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    return !strcmp(dir, "/") || (!strncmp(path, dir, n) && (!path[n] || path[n] == '/'));
}

/* A write grant on $PWD started in the home folder or above it would let
 * the program rewrite ~/.bashrc and every file of the user's: refused, as
 * $PWD being / is. Compared resolved, as Landlock resolves them. */
static int pwd_covers_home(const char *token, const char *pwd, char *why, size_t whysize)
{
    const char *home = getenv("HOME");
    char real_home[PATH_MAX], real_pwd[PATH_MAX];

    if (!home || home[0] != '/' || !realpath(home, real_home) || !realpath(pwd, real_pwd) ||
        !beneath(real_home, real_pwd))
        return 0;
    snprintf(why, whysize,
             "%s is %s, %s %s: a write grant there would let the program rewrite ~/.bashrc and "
             "every file of yours; start it in a project folder",
             token, real_pwd,
             strcmp(real_home, real_pwd) ? "above the home folder" : "the home folder", real_home);
    return -1;
}

static int filesystem_key(struct ss_policy *p, const char *name, const char *value,
                          struct ss_where where, const char *file_real, char *why, size_t whysize)
{
    char *copy, *save, *tok, path[4096];
    const char *start_var;
    uint64_t access;
    int rc = 0, n = 0;

    if (fs_access(name, &access)) {
        snprintf(why, whysize,
                 "unknown key `%s` in [filesystem] (read, write, exec, make_dev, or a single "
                 "right such as ioctl_dev, refer, truncate)",
                 name);
        return -1;
    }
    if (!(copy = strdup(value)))
        return OOM(why, whysize);
    for (tok = strtok_r(copy, " \t", &save); tok && !rc; tok = strtok_r(NULL, " \t", &save)) {
        bool optional = tok[0] == '?';
        struct stat st;
        n++;
        if (expand(tok + optional, file_real, path, sizeof path, &start_var, why, whysize)) {
            rc = -1;
        } else if (start_var && !strcmp(start_var, "$PWD") && (access & MODIFY_RIGHTS) &&
                   pwd_covers_home(tok + optional, path, why, whysize)) {
            rc = -1;
        } else if (stat(path, &st) && !optional) {
            snprintf(why, whysize, "%s: %s: %s (write `?%s` if it may be missing)", name, path,
                     strerror(errno), tok);
            rc = -1;
        } else if (add_path(&p->landlock, path, access, optional, start_var, where)) {
            rc = OOM(why, whysize);
        }
    }
    free(copy);
    if (!rc && !n) {
        snprintf(why, whysize, "%s: no path given", name);
        rc = -1;
    }
    return rc;
}

static int network_key(struct ss_policy *p, const char *name, const char *value,
                       struct ss_where where, char *why, size_t whysize)
{
    uint64_t access = !strcmp(name, "bind")      ? SS_LL_NET_BIND_TCP
                      : !strcmp(name, "connect") ? SS_LL_NET_CONNECT_TCP
                                                 : 0;
    const char *s = value;
    int n = 0;

    if (!access) {
        snprintf(why, whysize, "unknown key `%s` in [network] (bind, connect)", name);
        return -1;
    }
    if (!strcmp(value, "none")) /* says "no port" on purpose: no lint warning */
        return add_port(&p->landlock, 0, 0, where) ? OOM(why, whysize) : 0;
    while (*s) {
        char *end;
        unsigned long port;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        port = strtoul(s, &end, 10);
        if (end == s || port > 65535 || (*end && *end != ' ' && *end != '\t') || *s == '-' ||
            *s == '+') {
            snprintf(why, whysize, "%s: `%.*s` is not a port number (0..65535)", name,
                     (int)strcspn(s, " \t"), s);
            return -1;
        }
        if (add_port(&p->landlock, (uint16_t)port, access, where))
            return OOM(why, whysize);
        n++;
        s = end;
    }
    if (!n) {
        snprintf(why, whysize, "%s: no port given (write `none` to grant none)", name);
        return -1;
    }
    return 0;
}

static int scope_key(struct ss_policy *p, const char *name, const char *value, char *why,
                     size_t whysize)
{
    uint64_t bit = !strcmp(name, "signals") ? SS_LL_SCOPE_SIGNAL
                   : !strcmp(name, "abstract-unix") || !strcmp(name, "abstract_unix")
                       ? SS_LL_SCOPE_ABSTRACT_UNIX
                       : 0;

    if (!bit) {
        snprintf(why, whysize, "unknown key `%s` in [scope] (signals, abstract-unix)", name);
        return -1;
    }
    /* `no` is the default, and never undoes a `yes` of another line or of
     * another file of the include tree: confinement is their union, and which
     * include came last must not decide it (review). */
    if (!strcmp(value, "yes"))
        p->landlock.scoped |= bit;
    else if (strcmp(value, "no")) {
        snprintf(why, whysize, "%s must be yes or no, not `%s`", name, value);
        return -1;
    }
    return 0;
}

int ss_landlock_key(struct ss_policy *p, const char *section, const char *name, const char *value,
                    struct ss_where where, const char *file_real, char *why, size_t whysize)
{
    if (!strcmp(section, "filesystem"))
        return filesystem_key(p, name, value, where, file_real, why, whysize);
    if (!strcmp(section, "network"))
        return network_key(p, name, value, where, why, whysize);
    return scope_key(p, name, value, why, whysize);
}

int ss_landlock_setting(const char *value, bool *best_effort, char *why, size_t whysize)
{
    if (!strcmp(value, "best-effort"))
        *best_effort = true;
    else if (!strcmp(value, "required"))
        *best_effort = false;
    else {
        snprintf(why, whysize, "landlock must be required or best-effort, not `%s`", value);
        return -1;
    }
    return 0;
}

#define WARN(...)                                                                                  \
    do {                                                                                           \
        if (ss_policy_warn(p, __VA_ARGS__))                                                        \
            return ss_fail(err, (struct ss_where){0}, "out of memory");                            \
    } while (0)

/* A section present whose first line is in another file than setting's. */
static bool other_file(bool present, struct ss_where section, struct ss_where setting)
{
    return present && section.file != setting.file; /* interned: one pointer per file */
}

int ss_landlock_finish(struct ss_policy *p, struct ss_error *err)
{
    struct ss_landlock *l = &p->landlock;
    bool socket_rule = false;
    int socket_nr = ss_syscall_lookup_arch(p->arch, "socket", NULL, NULL);

    /* An include's opt-out covers the sections of every file. */
    if (l->best_effort && l->best_effort_layer > 1 &&
        (other_file(l->filesystem, l->filesystem_where, l->best_effort_where) ||
         other_file(l->network, l->network_where, l->best_effort_where) ||
         other_file(l->scoped, l->scope_where, l->best_effort_where)))
        WARN(l->best_effort_where,
             "landlock = best-effort in an included file applies to every Landlock section of "
             "the policy; set `landlock = required` in the including file (or run with "
             "--landlock required) to refuse to run without them");
    if (l->filesystem && !l->npaths)
        WARN(l->filesystem_where, "[filesystem] grants nothing: no dynamically linked program "
                                  "can start (include landlock-base.ini)");
    if (!l->network)
        return 0;
    if (!l->nports) /* `none` is an entry too */
        WARN(l->network_where, "[network] grants no port: every TCP bind and connect is refused "
                               "(write `connect = none` if that is what you mean)");
    for (size_t i = 0; i < p->nrules; i++)
        socket_rule |= p->rules[i].nr == socket_nr;
    if (p->mode == SS_MODE_FILTER && !socket_rule &&
        (p->default_action.kind == SS_ACT_ALLOW || p->default_action.kind == SS_ACT_LOG))
        WARN(l->network_where,
             "[network] confines TCP only: UDP and other protocols need Landlock ABI 10 or a "
             "[syscalls] rule such as `socket = errno(EACCES) if arg0 != AF_UNIX` (see "
             "conf/no-network.ini)");
    return 0;
}

int ss_landlock_lint_protect(struct ss_policy *p, const char *path, const char *what)
{
    char *target = realpath(path, NULL);
    int rc = 0;

    if (!target)
        return 0; /* nothing there to protect */
    for (size_t i = 0; i < p->landlock.npaths && !rc; i++) {
        const struct ss_landlock_path *g = &p->landlock.paths[i];
        char *grant;
        if (!(g->access & MODIFY_RIGHTS) || !(grant = realpath(g->path, NULL)))
            continue;
        if (beneath(target, grant))
            rc = ss_policy_warn(p, g->where,
                                "the write grant on %s covers %s (%s): the program can change "
                                "what its children load; keep it out of the granted tree",
                                g->path, target, what);
        free(grant);
    }
    free(target);
    return rc;
}

void ss_landlock_free(struct ss_landlock *l)
{
    for (size_t i = 0; i < l->npaths; i++)
        free(l->paths[i].path);
    free(l->paths);
    free(l->ports);
}

/* ---- the plan ------------------------------------------------------------ */

static int plan_path(struct ss_landlock_plan *out, const char *path, uint64_t access, bool optional,
                     struct ss_where where, struct ss_error *err)
{
    size_t used = 0, len = strlen(path);

    if (out->npaths)
        used = out->paths[out->npaths - 1].text +
               strlen(out->text + out->paths[out->npaths - 1].text) + 1;
    if (out->npaths == SS_LL_PLAN_PATHS || used + len + 1 > SS_LL_PLAN_TEXT)
        return ss_fail(err, where, "[filesystem]: more than %d paths or %d bytes of paths",
                       SS_LL_PLAN_PATHS, SS_LL_PLAN_TEXT);
    memcpy(out->text + used, path, len + 1);
    out->paths[out->npaths].access = access;
    out->paths[out->npaths].text = used;
    out->paths[out->npaths].optional = optional;
    out->npaths++;
    return 0;
}

/* Read on every file of includes ("PATH\n" each): an exec'd child recognises
 * the policy by hashing them all (engine/source.c), as it does the top file. */
static int grant_includes(struct ss_landlock_plan *out, const char *includes, size_t inclen,
                          const char *policy_file, struct ss_error *err)
{
    const char *inc = includes, *end = includes + inclen;
    struct ss_where where = {policy_file, 0};
    char path[4096];
    size_t pre;

    while (inc < end) {
        const char *nl = memchr(inc, '\n', end - inc);
        size_t n = nl ? (size_t)(nl - inc) : (size_t)(end - inc);

        pre = inc[0] == '/' || !policy_file ? 0 : ss_source_prefix(policy_file);
        if (n && pre + n < sizeof path) {
            if (pre) /* policy text: includes resolve from the current directory */
                memcpy(path, policy_file, pre);
            memcpy(path + pre, inc, n);
            path[pre + n] = 0;
            if (plan_path(out, path, SS_LL_FS_READ_FILE, true, where, err))
                return -1;
        }
        inc = nl ? nl + 1 : end;
    }
    return 0;
}

int ss_landlock_plan_rules(const struct ss_policy *p, struct ss_landlock_plan *out,
                           struct ss_error *err)
{
    const struct ss_landlock *l = &p->landlock;

    memset(out, 0, sizeof *out);
    if (!ss_policy_has_landlock(p))
        return 0;
    out->active = true;
    out->best_effort = l->best_effort;
    out->filesystem = l->filesystem;
    out->network = l->network;
    out->scoped = l->scoped;
    for (size_t i = 0; l->filesystem && i < l->npaths; i++)
        if (plan_path(out, l->paths[i].path, l->paths[i].access, l->paths[i].optional,
                      l->paths[i].where, err))
            return -1;
    for (size_t i = 0; l->network && i < l->nports; i++) {
        if (!l->ports[i].access)
            continue; /* `none` */
        if (out->nports == SS_LL_PLAN_PORTS)
            return ss_fail(err, l->ports[i].where, "[network]: more than %d ports",
                           SS_LL_PLAN_PORTS);
        out->ports[out->nports].access = l->ports[i].access;
        out->ports[out->nports].port = l->ports[i].port;
        out->nports++;
    }
    return 0;
}

/* The implicit grants (docs/landlock.md): children start through the
 * loader, load the shim again and read the policy to recognise it. */
int ss_landlock_plan_implicit(struct ss_landlock_plan *out, const char *shim,
                              const char *policy_file, const char *includes, size_t inclen,
                              struct ss_error *err)
{
    struct ss_where where = {policy_file, 0};

    if (!out->active || !out->filesystem)
        return 0;
    if (plan_path(out, LOADER, SS_LL_FS_READ_FILE | SS_LL_FS_EXECUTE, true, where, err) ||
        (shim && plan_path(out, shim, SS_LL_FS_READ_FILE | SS_LL_FS_EXECUTE, true, where, err)) ||
        (policy_file && plan_path(out, policy_file, SS_LL_FS_READ_FILE, true, where, err)))
        return -1;
    return grant_includes(out, includes, inclen, policy_file, err);
}

int ss_landlock_plan_build(const struct ss_policy *p, const char *shim, const char *policy_file,
                           struct ss_landlock_plan *out, struct ss_error *err)
{
    unsigned char id[SS_SOURCE_ID_LEN];
    const char *includes;
    size_t inclen;

    if (ss_landlock_plan_rules(p, out, err))
        return -1;
    ss_policy_source(p, id, &includes, &inclen);
    return ss_landlock_plan_implicit(out, shim, policy_file, includes, inclen, err);
}
