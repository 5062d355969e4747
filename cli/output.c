/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The files the command writes (-o OUT of compile, export, import, learn, merge and
 * from-strace): written to a temporary file in OUT's folder, synced, and
 * renamed over OUT, so a program starting meanwhile (or a crash) sees the old
 * file or the new one, never half of one, and a failed run leaves OUT as it
 * was. The new file gets 0644 & ~umask: readable as other tools' outputs are,
 * but never group- or world-writable even under umask 002, since a sandbox
 * trusts what it loads from it. OUT that exists and is not a regular file
 * (/dev/null, /dev/stdout, a FIFO) has nothing to replace and is written in
 * place. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUTPUT_MODE 0644

int cli_output_open(struct cli_output *o, const char *path)
{
    char dir[PATH_MAX], base[PATH_MAX];
    struct stat st;
    int fd;

    o->f = stdout;
    o->path = path && strcmp(path, "-") != 0 ? path : NULL;
    o->tmp[0] = 0;
    if (!o->path)
        return 0;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->f = fopen(path, "we");
        if (!o->f)
            cli_error("%s: %s", path, strerror(errno));
        return o->f ? 0 : -1;
    }
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(base, sizeof base, "%s", path);
    /* The base name says what the file is for, the prefix whose it is. */
    if (snprintf(o->tmp, sizeof o->tmp, "%s/.seccomp-shim-policy.%.200s.XXXXXX", dirname(dir),
                 basename(base)) >= (int)sizeof o->tmp) {
        cli_error("%s: %s", path, strerror(ENAMETOOLONG));
        return -1;
    }
    fd = mkostemp(o->tmp, O_CLOEXEC);
    if (fd < 0) {
        cli_error("%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        cli_error("%s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        return -1;
    }
    return 0;
}

int cli_output_close(struct cli_output *o, bool ok)
{
    const char *name = o->path ? o->path : "standard output";
    mode_t mask;

    if (!o->tmp[0]) { /* standard output, or a device written in place */
        bool failed = fflush(o->f) || ferror(o->f);
        int saved = errno;
        if (o->f != stdout && fclose(o->f) && !failed)
            failed = true, saved = errno;
        if (ok && failed)
            cli_error("%s: cannot write: %s", name, strerror(saved));
        return ok && !failed ? 0 : -1;
    }
    mask = umask(0);
    umask(mask);
    if (ok && (fflush(o->f) || ferror(o->f) || fchmod(fileno(o->f), OUTPUT_MODE & ~mask) ||
               fsync(fileno(o->f)))) {
        cli_error("%s: cannot write: %s", name, strerror(errno));
        ok = false;
    }
    /* close can report a write error too (NFS) */
    if (fclose(o->f) && ok) {
        cli_error("%s: cannot write: %s", name, strerror(errno));
        ok = false;
    }
    if (ok && rename(o->tmp, o->path)) {
        cli_error("%s: %s", name, strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(o->tmp);
    return ok ? 0 : -1;
}
