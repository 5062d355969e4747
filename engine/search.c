/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policies by name: `-p docker-default`, SECCOMP_SHIM_POLICY=docker-default,
 * `include = landlock-base.ini`. A word without a slash that is not a file
 * where it was given is looked up in the policy folders, first one first. */
#define _GNU_SOURCE
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where `make install` puts conf/ (the Makefile passes it). */
#ifndef SS_POLICYDIR
#define SS_POLICYDIR "/usr/local/share/seccomp-shim/policies"
#endif
#ifndef SS_SYSCONFDIR
#define SS_SYSCONFDIR "/etc"
#endif

static const char *config_home(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

    /* The XDG base directory rule: a relative value is ignored. */
    if (xdg && xdg[0] == '/')
        return snprintf(buf, size, "%s/seccomp-shim", xdg) < (int)size ? buf : NULL;
    if (home && home[0] == '/')
        return snprintf(buf, size, "%s/.config/seccomp-shim", home) < (int)size ? buf : NULL;
    return NULL;
}

size_t ss_policy_dirs(const char *dirs[SS_POLICY_DIRS], char *buf, size_t size)
{
    size_t n = 0;

    if ((dirs[n] = config_home(buf, size)))
        n++;
    dirs[n++] = SS_SYSCONFDIR "/seccomp-shim";
    dirs[n++] = SS_POLICYDIR;
    return n;
}

bool ss_policy_is_name(const char *s)
{
    return s[0] && s[0] != '.' && !strchr(s, '/');
}

int ss_policy_find(const char *name, char *out, size_t size)
{
    const char *dirs[SS_POLICY_DIRS];
    const char *ini = ".ini", *compiled = ".compiled";
    size_t len = strlen(name), ndirs;
    char home[4096];
    /* `docker-default` means docker-default.ini; a name with its suffix, itself. */
    bool suffixed = (len > strlen(ini) && !strcmp(name + len - strlen(ini), ini)) ||
                    (len > strlen(compiled) && !strcmp(name + len - strlen(compiled), compiled));

    if (!ss_policy_is_name(name))
        return -1;
    ndirs = ss_policy_dirs(dirs, home, sizeof home);
    for (size_t i = 0; i < ndirs; i++) {
        if (snprintf(out, size, "%s/%s%s", dirs[i], name, suffixed ? "" : ini) >= (int)size)
            continue;
        if (access(out, F_OK) == 0)
            return 0;
    }
    errno = ENOENT;
    return -1;
}

const char *ss_policy_resolve_arg(const char *arg, char *buf, size_t size)
{
    if (!ss_policy_is_name(arg) || access(arg, F_OK) == 0)
        return arg;
    return ss_policy_find(arg, buf, size) == 0 ? buf : arg;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **ss_policy_names(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, **grown;

    *n = 0;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 4 || strcmp(e->d_name + len - 4, ".ini"))
            continue;
        if (!(grown = realloc(names, (*n + 1) * sizeof *names)) ||
            !(grown[*n] = strndup(e->d_name, len - 4))) {
            names = grown ? grown : names;
            break; /* out of memory: list what there is */
        }
        names = grown;
        (*n)++;
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

void ss_policy_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int ss_policy_suggest(const char *name, char *out, size_t size)
{
    const char *dirs[SS_POLICY_DIRS], *best;
    char home[4096], bare[256], **names[SS_POLICY_DIRS], **all;
    size_t ndirs = ss_policy_dirs(dirs, home, sizeof home), len = strlen(name), n[SS_POLICY_DIRS],
           total = 0;
    int rc = -1;

    /* `no-network.ini` is compared as no-network */
    if (len > 4 && !strcmp(name + len - 4, ".ini"))
        len -= 4;
    snprintf(bare, sizeof bare, "%.*s", (int)len, name);
    for (size_t i = 0; i < ndirs; i++) {
        names[i] = ss_policy_names(dirs[i], &n[i]);
        total += n[i];
    }
    /* One table of every folder's names: the closest of all wins. */
    if (total && (all = malloc(total * sizeof *all))) {
        total = 0;
        for (size_t i = 0; i < ndirs; i++)
            for (size_t k = 0; k < n[i]; k++)
                all[total++] = names[i][k];
        best = ss_closest(bare, all, total, sizeof *all, true);
        if (best && snprintf(out, size, "%s", best) < (int)size)
            rc = 0;
        free(all);
    }
    for (size_t i = 0; i < ndirs; i++)
        ss_policy_names_free(names[i], n[i]);
    return rc;
}

int ss_policy_not_found(const char *name, struct ss_error *err)
{
    const char *dirs[SS_POLICY_DIRS];
    char home[4096], list[1024] = "", hint[256];
    size_t ndirs = ss_policy_dirs(dirs, home, sizeof home), at = 0;

    for (size_t i = 0; i < ndirs && at < sizeof list; i++)
        at += snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", dirs[i]);
    if (ss_policy_suggest(name, hint, sizeof hint) == 0)
        return ss_fail(err, (struct ss_where){name, 0},
                       "no such file here, and no policy of that name in %s; did you mean %s? "
                       "(see `seccomp-shim list`)",
                       list, hint);
    return ss_fail(err, (struct ss_where){name, 0},
                   "no such file here, and no policy of that name in %s (see `seccomp-shim list`)",
                   list);
}
