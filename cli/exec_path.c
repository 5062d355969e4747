/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Finding the program to run as execvp(3) and the shell find it: a name with
 * a slash is used as it is; any other is searched in the folders of PATH, an
 * empty entry meaning the current folder. When PATH is unset, the default is
 * confstr(_CS_PATH) ("/bin:/usr/bin" with glibc), which is also what glibc's
 * execvp searches; shells differ (bash and dash have compiled-in lists), and
 * run and learn must find what the exec they make would. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 0 when path is a file we may execute, else the errno an exec would give. */
static int executable_file(const char *path)
{
    struct stat st;

    if (stat(path, &st))
        return errno == ENOTDIR ? ENOENT : errno;
    if (S_ISDIR(st.st_mode))
        return EISDIR;
    if (!S_ISREG(st.st_mode) || access(path, X_OK))
        return EACCES;
    return 0;
}

/* 0 with the path in out, ENOENT, or the error of a match that cannot be run
 * (when no later entry can). */
static int search_path(const char *cmd, char *out, size_t size)
{
    const char *path = getenv("PATH");
    char defpath[256];
    int rc, best = ENOENT;

    if (!path) {
        if (confstr(_CS_PATH, defpath, sizeof defpath) - 1 >= sizeof defpath)
            snprintf(defpath, sizeof defpath, "/bin:/usr/bin");
        path = defpath;
    }
    for (const char *dir = path;; dir++) {
        const char *end = strchrnul(dir, ':');
        int len = end - dir;

        if (snprintf(out, size, "%.*s/%s", len ? len : 1, len ? dir : ".", cmd) < (int)size) {
            rc = executable_file(out);
            if (rc == 0)
                return 0;
            if (rc != ENOENT)
                best = rc;
        }
        if (!*end)
            return best;
        dir = end;
    }
}

int cli_find_program(const char *cmd, char *out, size_t size, int *err)
{
    if (!*cmd)
        *err = ENOENT;
    else if (!strchr(cmd, '/'))
        *err = search_path(cmd, out, size);
    else if ((*err = executable_file(cmd)) == 0 && snprintf(out, size, "%s", cmd) >= (int)size)
        *err = ENAMETOOLONG;
    return *err ? -1 : 0;
}

int cli_resolve_command(const char *cmd, char *out, size_t size, int *err)
{
    if (cli_find_program(cmd, out, size, err) == 0)
        return 0;
    if (*err == ENOENT && !strchr(cmd, '/'))
        cli_error("%s: command not found", cmd);
    else
        cli_error("%s: %s", cmd, strerror(*err));
    return -1;
}

int cli_exec_status(int err)
{
    return err == ENOENT ? SS_EXIT_NOTFOUND : SS_EXIT_REFUSE;
}
