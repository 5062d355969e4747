/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The program `run` starts (found by exec_path.c), inspected for what makes
 * LD_PRELOAD fail open (static, another ELF class or
 * machine, setuid/setgid, file capabilities, a program interpreter other than
 * the system's dynamic loader), through #! interpreters. */
#define _GNU_SOURCE
#include "cli.h"
#include "seccomp-shim-bpf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define MAX_INTERP_DEPTH 4 /* the kernel follows at most 4 nested #! levels */

static int refuse(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *machine_name(unsigned machine)
{
    switch (machine) {
    case EM_386:
        return "i386";
    case EM_X86_64:
        return "x86_64";
    case EM_AARCH64:
        return "aarch64";
    case EM_ARM:
        return "arm";
    case EM_RISCV:
        return "riscv";
    default:
        return "another machine";
    }
}

/* The system's dynamic loader: the only program interpreter known to load
 * the shim. Every name it goes by on Debian (/lib64/..., /lib/x86_64-linux-gnu/...,
 * their /usr twins) leads to the same file. */
#ifdef __aarch64__
#define SYSTEM_LOADER "/lib/ld-linux-aarch64.so.1"
#else
#define SYSTEM_LOADER "/lib64/ld-linux-x86-64.so.2"
#endif

static bool is_system_loader(const char *interp)
{
    char real[PATH_MAX], loader[PATH_MAX];
    struct stat a, b;

    if (!realpath(interp, real) || !realpath(SYSTEM_LOADER, loader))
        return false;
    if (strcmp(real, loader) == 0)
        return true;
    /* A hard link to the loader is the loader too. */
    return stat(real, &a) == 0 && stat(loader, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* The kernel starts PT_INTERP instead of the program: whatever it names runs
 * first and decides whether LD_PRELOAD means anything. */
static int check_interpreter(int fd, const char *path, const Elf64_Phdr *ph, char *why, size_t size)
{
    char interp[PATH_MAX];

    if (ph->p_filesz < 2 || ph->p_filesz > sizeof interp ||
        pread(fd, interp, ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz ||
        interp[ph->p_filesz - 1] != 0 || strlen(interp) != ph->p_filesz - 1)
        return refuse(why, size, "%s has a malformed program interpreter (PT_INTERP)", path);
    if (!is_system_loader(interp))
        return refuse(why, size,
                      "%s names %s as its program interpreter, not the system's dynamic loader "
                      "(%s), the only one known to load the shim",
                      path, interp, SYSTEM_LOADER);
    return 0;
}

static int inspect_elf(int fd, const char *path, const unsigned char *head, size_t n, char *why,
                       size_t size)
{
    Elf64_Ehdr eh;
    Elf64_Phdr ph;

    if (n < EI_NIDENT || memcmp(head, ELFMAG, SELFMAG))
        return refuse(why, size,
                      "%s is neither an ELF executable nor a #! script (the kernel may hand it "
                      "to an interpreter seccomp-shim cannot check)",
                      path);
    if (head[EI_CLASS] != ELFCLASS64) {
        uint16_t machine = n >= 20 ? (uint16_t)(head[18] | head[19] << 8) : 0;
        return refuse(why, size,
                      "%s is a 32-bit %s executable: the " SS_NATIVE_NAME
                      " shim cannot be loaded into it "
                      "(the dynamic loader ignores it: wrong ELF class)",
                      path, machine_name(machine));
    }
    if (n < sizeof eh || head[EI_DATA] != ELFDATA2LSB)
        return refuse(why, size, "%s is a truncated or big-endian ELF file", path);
    memcpy(&eh, head, sizeof eh);
    if (eh.e_machine != SS_EM_NATIVE)
        return refuse(why, size, "%s is an executable for %s, not " SS_NATIVE_NAME, path,
                      machine_name(eh.e_machine));
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
        return refuse(why, size, "%s is an ELF file but not an executable", path);
    if (eh.e_phentsize != sizeof ph)
        return refuse(why, size, "%s has malformed program headers", path);
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        if (pread(fd, &ph, sizeof ph, eh.e_phoff + (off_t)i * sizeof ph) != sizeof ph)
            return refuse(why, size, "%s has truncated program headers", path);
        if (ph.p_type == PT_INTERP)
            return check_interpreter(fd, path, &ph, why, size);
    }
    return refuse(why, size,
                  "%s is statically linked (it has no program interpreter): LD_PRELOAD cannot "
                  "load the shim into it",
                  path);
}

static int inspect(const char *path, int depth, char *why, size_t size);

/* #!INTERP [ARG]: the interpreter is what gets the shim; `#!/usr/bin/env NAME`
 * hands over to NAME found through PATH, so NAME is inspected too. */
static int inspect_script(const char *path, unsigned char *head, size_t n, int depth, char *why,
                          size_t size)
{
    char line[256], *interp, *arg, *save = NULL, *tok, target[PATH_MAX];
    const char *base;
    int err;

    if (depth >= MAX_INTERP_DEPTH)
        return refuse(why, size, "%s: too many levels of #! interpreters", path);
    if (n > sizeof line - 1)
        n = sizeof line - 1;
    memcpy(line, head + 2, n - 2);
    line[n - 2] = 0;
    line[strcspn(line, "\n")] = 0;
    interp = line + strspn(line, " \t");
    arg = interp + strcspn(interp, " \t");
    if (*arg)
        *arg++ = 0;
    if (!*interp)
        return refuse(why, size, "%s has an empty #! line", path);
    if (inspect(interp, depth + 1, why, size))
        return -1;
    base = strrchr(interp, '/') ? strrchr(interp, '/') + 1 : interp;
    if (strcmp(base, "env") != 0)
        return 0;
    /* env [-S] [-i] [VAR=value]... NAME: the first word that is neither an
     * option nor an assignment. */
    for (tok = strtok_r(arg, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (!strcmp(tok, "-u") || !strcmp(tok, "--unset") || !strcmp(tok, "-C") ||
            !strcmp(tok, "--chdir")) {
            tok = strtok_r(NULL, " \t", &save); /* the option's argument */
            if (!tok)
                break;
            continue;
        }
        if (tok[0] == '-' || strchr(tok, '='))
            continue;
        if (strchr(tok, '/'))
            return inspect(tok, depth + 1, why, size);
        /* Not found: env will fail and say so itself. */
        return cli_find_program(tok, target, sizeof target, &err)
                   ? 0
                   : inspect(target, depth + 1, why, size);
    }
    return 0;
}

static int inspect(const char *path, int depth, char *why, size_t size)
{
    unsigned char head[256];
    struct stat st;
    ssize_t n;
    int fd, rc;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return refuse(why, size, "cannot read %s to check that the shim can reach it: %s", path,
                      strerror(errno));
    if (fstat(fd, &st)) {
        rc = refuse(why, size, "cannot stat %s: %s", path, strerror(errno));
        goto out;
    }
    if (st.st_mode & (S_ISUID | S_ISGID)) {
        rc = refuse(why, size,
                    "%s is set-user-ID or set-group-ID: the dynamic loader ignores LD_PRELOAD "
                    "in such programs",
                    path);
        goto out;
    }
    if (fgetxattr(fd, "security.capability", NULL, 0) >= 0) {
        rc = refuse(why, size,
                    "%s has file capabilities: the dynamic loader ignores LD_PRELOAD in such "
                    "programs",
                    path);
        goto out;
    }
    if (errno != ENODATA && errno != ENOTSUP) {
        rc =
            refuse(why, size, "cannot read the file capabilities of %s: %s", path, strerror(errno));
        goto out;
    }
    n = pread(fd, head, sizeof head, 0);
    if (n < 0) {
        rc = refuse(why, size, "cannot read %s: %s", path, strerror(errno));
        goto out;
    }
    if (n >= 2 && head[0] == '#' && head[1] == '!')
        rc = inspect_script(path, head, n, depth, why, size);
    else
        rc = inspect_elf(fd, path, head, n, why, size);
out:
    close(fd);
    return rc;
}

int cli_inspect_target(const char *path, char *why, size_t size)
{
    return inspect(path, 0, why, size);
}
