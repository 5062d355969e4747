/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The [filesystem] and [network] sections learn writes from what
 * learn_paths.c recorded.
 *
 * Landlock grants a right on everything beneath a path, so the paths are
 * collapsed into folders, carefully:
 * - each path is resolved as the kernel will (realpath: Debian's /lib is
 *   /usr/lib); a read of a path that does not exist now is dropped (the open
 *   failed with ENOENT, which Landlock does not change);
 * - making, removing or renaming a file needs a right on its folder: write
 *   on the folder (the nearest one that exists, when the program made it);
 * - system trees are granted at their top: /usr (exec when anything beneath
 *   it was executed), /etc, /proc (the /proc/PID the program read changes
 *   with every run), /sys; files of /dev one by one, with ioctl_dev; but a
 *   write only where it happened (one write to /proc/self/oom_score_adj is
 *   not every sysctl), the program's own /proc/PID written /proc/self;
 * - elsewhere, a folder gets a right when two or more of its entries needed
 *   it (two files read in a folder: read the folder), repeated upwards;
 * - never `/`, $HOME or a folder above it, nor a folder directly under `/`
 *   (/tmp, /home) by collapsing: a file made directly in $HOME gets a write
 *   grant on that file alone, and a warning. */
#define _GNU_SOURCE
#include "learn_fs.h"
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SS_WRAP 96

/* The rights of a grant, each including the ones below it that it implies. */
enum { G_LIST = 1, G_READ = 2, G_WRITE = 4, G_EXEC = 8, G_IOCTL = 16 };

struct grant {
    char *path;
    unsigned r;
    bool fixed; /* a system tree or a device: not collapsed further */
};

struct grants {
    struct grant *g;
    size_t n, cap;
    const char *home; /* resolved, or NULL */
    bool oom;
};

static unsigned implied(unsigned r)
{
    if (r & (G_WRITE | G_EXEC))
        r |= G_READ;
    if (r & G_READ)
        r |= G_LIST;
    return r;
}

/* Whether path is base or beneath it. */
static bool beneath(const char *path, const char *base)
{
    size_t n = strlen(base);

    if (!strcmp(base, "/"))
        return true;
    return !strncmp(path, base, n) && (path[n] == 0 || path[n] == '/');
}

/* `/`, $HOME and the folders above it: never granted. */
static bool forbidden(const struct grants *gs, const char *path)
{
    return !strcmp(path, "/") || (gs->home && beneath(gs->home, path));
}

/* Printable ASCII without the characters the policy language reads
 * differently (spaces separate paths, `;` and `#` start comments). */
static bool writable(const char *path)
{
    for (const unsigned char *c = (const unsigned char *)path; *c; c++)
        if (*c <= ' ' || *c >= 0x7f || *c == ';' || *c == '#')
            return false;
    return strlen(path) < SS_LINE_MAX - 24;
}

/* Appends a grant; merge() joins those of the same path. */
static void add(struct grants *gs, const char *path, unsigned r, bool fixed)
{
    if (gs->n == gs->cap) {
        size_t cap = gs->cap ? 2 * gs->cap : 64;
        struct grant *g = realloc(gs->g, cap * sizeof *g);
        if (!g) {
            gs->oom = true;
            return;
        }
        gs->g = g;
        gs->cap = cap;
    }
    if (!(gs->g[gs->n].path = strdup(path))) {
        gs->oom = true;
        return;
    }
    gs->g[gs->n].r = implied(r);
    gs->g[gs->n++].fixed = fixed;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct grant *)a)->path, ((const struct grant *)b)->path);
}

/* Sorts the grants by path and joins those of the same path. */
static void merge(struct grants *gs)
{
    size_t k = 0;

    qsort(gs->g, gs->n, sizeof *gs->g, by_path);
    for (size_t i = 0; i < gs->n; i++) {
        if (k && !strcmp(gs->g[k - 1].path, gs->g[i].path)) {
            gs->g[k - 1].r |= gs->g[i].r;
            gs->g[k - 1].fixed |= gs->g[i].fixed;
            free(gs->g[i].path);
        } else {
            gs->g[k++] = gs->g[i];
        }
    }
    gs->n = k;
}

/* Cuts path to its folder in place ("/a/b" -> "/a", "/a" -> "/"). */
static void cut_to_parent(char *path)
{
    char *slash = strrchr(path, '/');

    if (slash == path)
        path[1] = 0;
    else if (slash)
        *slash = 0;
}

/* Grants r on the resolved path real: at the top of a system tree, per
 * device, or as it is; a path the policy cannot spell is replaced by its
 * nearest folder that it can. */
/* The right a warning names: the strongest of r. */
static const char *right_name(unsigned r)
{
    return r & G_WRITE ? "write" : r & G_EXEC ? "exec" : r & G_READ ? "read" : "read_dir";
}

static void grant(struct grants *gs, char *real, unsigned r)
{
    static const char *const tops[] = {"/usr", "/etc", "/proc", "/sys"};

    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
        if (!beneath(real, tops[i]))
            continue;
        /* A write is granted where it happened, not on the tree. */
        if (r & G_WRITE)
            break;
        add(gs, tops[i], r & G_WRITE ? r : (r & G_EXEC) | G_READ, true);
        return;
    }
    if (beneath(real, "/dev") && strcmp(real, "/dev")) {
        if (beneath(real, "/dev/pts"))
            strcpy(real, "/dev/pts");
        add(gs, real, r | G_IOCTL, true);
        return;
    }
    /* A path the policy language cannot spell is left out, never widened
     * to a parent folder the run did not write in as a whole. */
    if (!writable(real)) {
        cli_error("warning: learn: not granting %s on %s: the policy language cannot spell the "
                  "path (a space, `;` or `#`); grant it by hand, or a folder above it",
                  right_name(r), real);
        return;
    }
    if (forbidden(gs, real)) {
        cli_error("warning: learn: not granting %s on %s (never `/` or $HOME whole)", right_name(r),
                  real);
        return;
    }
    add(gs, real, r, false);
}

/* realpath of path, or of its nearest folder that exists. */
static int resolve_existing(const char *path, char *out)
{
    char copy[PATH_MAX + 64];

    snprintf(copy, sizeof copy, "%s", path);
    while (!realpath(copy, out)) {
        if (!strcmp(copy, "/") || !strcmp(copy, "."))
            return -1;
        if (!strchr(copy, '/'))
            strcpy(copy, "."); /* a relative name: its folder is the current one */
        else
            cut_to_parent(copy);
    }
    return 0;
}

/* path as the shim will find it at start-up when it is a file of the
 * program's own /proc/PID (written /proc/self, /proc/thread-self or with a
 * number): the number changes with every run, and realpath here would read
 * learn's own. Its fd/ links name other files: those are resolved. 0 when
 * path is one, with out set. */
static int proc_self(const char *path, char *out, size_t size)
{
    const char *rest, *self = "self";
    size_t digits;

    if (strncmp(path, "/proc/", strlen("/proc/")))
        return -1;
    rest = path + strlen("/proc/");
    digits = strspn(rest, "0123456789");
    if (!strncmp(rest, "self/", 5)) {
        rest += 5;
    } else if (!strncmp(rest, "thread-self/", 12)) {
        rest += 12;
        self = "thread-self";
    } else if (digits && rest[digits] == '/') {
        rest += digits + 1;
        digits = strncmp(rest, "task/", 5) ? 0 : strspn(rest + 5, "0123456789");
        if (digits && rest[5 + digits] == '/') {
            rest += 5 + digits + 1;
            self = "thread-self";
        }
    } else {
        return -1;
    }
    if (!strncmp(rest, "fd/", 3) || strstr(rest, "/fd/") || !*rest)
        return -1;
    return snprintf(out, size, "/proc/%s/%s", self, rest) < (int)size ? 0 : -1;
}

static void grant_recorded(struct grants *gs, const struct learn_fs_path *p)
{
    char real[PATH_MAX], folder[PATH_MAX + 64];
    struct stat st;
    unsigned r = (p->rights & LFS_LIST ? G_LIST : 0) | (p->rights & LFS_READ ? G_READ : 0) |
                 (p->rights & LFS_EXEC ? G_EXEC : 0);

    if (p->rights & LFS_CREATE) {
        snprintf(folder, sizeof folder, "%s", p->path);
        cut_to_parent(folder);
        if (resolve_existing(folder, real) == 0) {
            if (forbidden(gs, real)) {
                /* Not the folder: the file alone, so that it can at least be rewritten. */
                cli_error("warning: learn: %s makes or removes %s: not granting write on %s "
                          "(never `/` or $HOME whole); the file itself only",
                          "the program", p->path, real);
                if (realpath(p->path, real))
                    add(gs, real, G_WRITE, false);
            } else {
                grant(gs, real, G_WRITE);
            }
        }
    }
    if (p->rights & LFS_WRITE)
        r |= G_WRITE;
    if ((r & G_WRITE) && proc_self(p->path, real, sizeof real) == 0) {
        grant(gs, real, r);
        return;
    }
    if (!r || !realpath(p->path, real))
        return;
    /* A folder opened for reading needs read_dir, not read beneath it. */
    if (r == G_READ && stat(real, &st) == 0 && S_ISDIR(st.st_mode))
        r = G_LIST;
    grant(gs, real, r);
}

static char *parent_of(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s", path);
    cut_to_parent(buf);
    return buf;
}

/* A folder collapsing may grant: not forbidden, not directly under `/`,
 * not inside a system tree (those are granted at their top already). */
static bool collapsible(const struct grants *gs, const char *folder)
{
    return !forbidden(gs, folder) && strchr(folder + 1, '/') && !beneath(folder, "/dev") &&
           !beneath(folder, "/usr") && !beneath(folder, "/etc") && !beneath(folder, "/proc") &&
           !beneath(folder, "/sys");
}

/* Drops the grants a grant on a folder above them already covers: each
 * folder above is looked up in the sorted grants. */
static void drop_covered(struct grants *gs)
{
    char up[PATH_MAX];
    size_t k = 0;
    bool *covered = calloc(gs->n ? gs->n : 1, sizeof *covered);

    if (!covered) {
        gs->oom = true;
        return;
    }
    for (size_t i = 0; i < gs->n; i++) {
        snprintf(up, sizeof up, "%s", gs->g[i].path);
        while (!covered[i] && strcmp(up, "/")) {
            struct grant key = {.path = up}, *found;
            cut_to_parent(up);
            found = bsearch(&key, gs->g, gs->n, sizeof *gs->g, by_path);
            covered[i] = found && !(gs->g[i].r & ~found->r);
        }
    }
    for (size_t i = 0; i < gs->n; i++)
        if (covered[i])
            free(gs->g[i].path);
        else
            gs->g[k++] = gs->g[i];
    gs->n = k;
    free(covered);
}

static unsigned depth(const char *path)
{
    unsigned d = 0;

    for (; *path; path++)
        d += *path == '/';
    return d;
}

/* Bottom up, deepest first: a folder two of whose entries need a right gets
 * it, and is itself an entry one level up. In the sorted grants the entries
 * of one depth that share a folder are next to each other. */
static void collapse(struct grants *gs)
{
    static const unsigned levels[] = {G_WRITE, G_EXEC, G_READ};
    char folder[PATH_MAX], other[PATH_MAX];
    unsigned deepest = 0;

    for (size_t i = 0; i < gs->n; i++)
        if (depth(gs->g[i].path) > deepest)
            deepest = depth(gs->g[i].path);
    for (unsigned d = deepest; d >= 3 && !gs->oom; d--) {
        size_t n;
        merge(gs);
        n = gs->n; /* what add() appends is one level up */
        for (size_t i = 0; i < n;) {
            unsigned count[3] = {0};
            size_t j = i;
            if (gs->g[i].fixed || depth(gs->g[i].path) != d) {
                i++;
                continue;
            }
            parent_of(gs->g[i].path, folder, sizeof folder);
            for (; j < n && (gs->g[j].fixed || depth(gs->g[j].path) != d ||
                             !strcmp(parent_of(gs->g[j].path, other, sizeof other), folder));
                 j++)
                for (size_t l = 0; l < 3; l++)
                    count[l] += !gs->g[j].fixed && depth(gs->g[j].path) == d &&
                                (gs->g[j].r & levels[l]) != 0;
            for (size_t l = 0; l < 3; l++)
                if (count[l] >= 2 && collapsible(gs, folder))
                    add(gs, folder, levels[l], false);
            i = j;
        }
    }
    merge(gs);
}

/* path with cwd written $PWD and home $HOME, for the policy. */
static void spell(const char *path, const struct learn_fs_options *o, const char *home, char *out,
                  size_t size)
{
    if (o->cwd && strcmp(o->cwd, "/") && beneath(path, o->cwd))
        snprintf(out, size, "$PWD%s", path + strlen(o->cwd));
    else if (home && beneath(path, home))
        snprintf(out, size, "$HOME%s", path + strlen(home));
    else
        snprintf(out, size, "%s", path);
}

/* The lines `key = path path ...` for the grants whose rights r picks. */
static void write_key(FILE *out, const struct grants *gs, const char *key, unsigned want,
                      unsigned unless, const struct learn_fs_options *o)
{
    size_t col = 0;

    for (size_t i = 0; i < gs->n; i++) {
        char path[PATH_MAX + 8];
        if (!(gs->g[i].r & want) || (gs->g[i].r & unless))
            continue;
        spell(gs->g[i].path, o, gs->home, path, sizeof path);
        if (col && col + 1 + strlen(path) > SS_WRAP) {
            fputc('\n', out);
            col = 0;
        }
        if (!col)
            col = (size_t)fprintf(out, "%-9s = %s", key, path);
        else
            col += (size_t)fprintf(out, " %s", path);
    }
    if (col)
        fputc('\n', out);
}

static void write_filesystem(FILE *out, struct grants *gs, const struct learn_fs_options *o)
{
    fputs("\n; The files it used, collapsed into folders (seccomp-shim learn --filesystem);\n"
          "; everything else is refused. Needs Landlock ABI 5 (Linux 6.10).\n[filesystem]\n",
          out);
    if (!gs->n) {
        fputs("; nothing: every file opened after start-up is refused\n", out);
        return;
    }
    write_key(out, gs, "exec", G_EXEC, 0, o);
    write_key(out, gs, "write", G_WRITE, 0, o);
    write_key(out, gs, "read", G_READ, G_EXEC | G_WRITE, o);
    write_key(out, gs, "read_dir", G_LIST, G_READ, o);
    write_key(out, gs, "ioctl_dev", G_IOCTL, 0, o);
}

static int by_port(const void *a, const void *b)
{
    return (int)((const struct learn_fs_port *)a)->port -
           (int)((const struct learn_fs_port *)b)->port;
}

static int write_network(FILE *out, const struct learn_fs *fs)
{
    struct learn_fs_port *p = malloc((fs->nports ? fs->nports : 1) * sizeof *p);
    static const struct {
        const char *key;
        unsigned bit;
    } keys[] = {{"connect", LFS_CONNECT}, {"bind", LFS_BIND}};

    if (!p)
        return -1;
    if (fs->nports)
        memcpy(p, fs->ports, fs->nports * sizeof *p);
    qsort(p, fs->nports, sizeof *p, by_port);
    fputs("\n; The TCP ports it connected to and bound (seccomp-shim learn --network);\n"
          "; every other is refused, and so are MPTCP sockets and, with no bind port,\n"
          "; listen(). Needs Landlock ABI 4 (Linux 6.7).\n[network]\n",
          out);
    if (!fs->nports)
        fputs("connect = none ; no TCP port was used\n", out);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t col = 0;
        for (size_t i = 0; i < fs->nports; i++) {
            if (!(p[i].rights & keys[k].bit))
                continue;
            if (col > SS_WRAP) {
                fputc('\n', out);
                col = 0;
            }
            col += (size_t)(col ? fprintf(out, " %u", p[i].port)
                                : fprintf(out, "%s = %u", keys[k].key, p[i].port));
        }
        if (col)
            fputc('\n', out);
    }
    free(p);
    return 0;
}

/* Warns when a write grant covers the policy file: the program could rewrite
 * the policy its children read (`check` warns about it too). */
static void warn_protected(const struct grants *gs, const char *protect)
{
    char real[PATH_MAX];

    if (!protect || resolve_existing(protect, real))
        return;
    for (size_t i = 0; i < gs->n; i++)
        if (gs->g[i].r & G_WRITE && beneath(real, gs->g[i].path))
            cli_error("warning: learn: the write grant on %s covers the policy file %s: write "
                      "the policy elsewhere",
                      gs->g[i].path, protect);
}

/* Whether path is the shim (children load it again): the shim grants
 * itself read and execute, a policy need not name it. */
static bool is_shim(const char *path, const char *shim)
{
    char real[PATH_MAX];

    return shim[0] && realpath(path, real) && !strcmp(real, shim);
}

int learn_fs_write(FILE *out, const struct learn_fs *fs, const struct learn_fs_options *o)
{
    struct grants gs = {0};
    char home[PATH_MAX];
    int rc = 0;

    if (o->home && realpath(o->home, home) && strcmp(home, "/"))
        gs.home = home;
    if (fs->files) {
        char shim[PATH_MAX] = "";
        if (o->shim && !realpath(o->shim, shim))
            shim[0] = 0;
        for (size_t i = 0; i < fs->cap; i++)
            if (fs->table[i].path && !is_shim(fs->table[i].path, shim))
                grant_recorded(&gs, &fs->table[i]);
        collapse(&gs);
        if (!gs.oom)
            drop_covered(&gs);
        if (!gs.oom) {
            warn_protected(&gs, o->protect);
            write_filesystem(out, &gs, o);
        }
    }
    if (!gs.oom && fs->network)
        rc = write_network(out, fs);
    for (size_t i = 0; i < gs.n; i++)
        free(gs.g[i].path);
    free(gs.g);
    return gs.oom || rc ? -1 : 0;
}
