/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policies by name: `-p docker-default`, SECCOMP_SHIM_POLICY=docker-default,
 * `include = landlock-base.ini`. A word without a slash that is not a file
 * where it was given is looked up in the policy folders, first one first. */
#define _GNU_SOURCE
#include "internal.h"

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
