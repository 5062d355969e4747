/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The shim `run` is about to preload, checked the way the dynamic loader will
 * map it. When ld.so cannot (a noexec mount, not a regular file, another ELF
 * class or machine, a truncated file) it prints "cannot be preloaded ...
 * ignored" and runs the program unsandboxed: what run refuses for a missing
 * shim. The shim must suit the target; cli_inspect_target has already
 * refused every target that is not x86_64 ELF64. */
#define _GNU_SOURCE
#include "cli.h"
#include "seccomp-shim-bpf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int cannot(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int cannot(const char *path, const char *fmt, ...)
{
    char why[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    cli_error("cannot preload %s: %s; refusing to run unsandboxed", path, why);
    return -1;
}

/* Whether the ELF header and the loaded segments of fd (st_size bytes) are
 * an x86_64 shared object ld.so can map. */
static int check_elf(int fd, const char *path, off_t file_size)
{
    unsigned char ident[EI_NIDENT];
    Elf64_Ehdr eh;
    Elf64_Phdr ph;

    if (pread(fd, ident, sizeof ident, 0) != sizeof ident || memcmp(ident, ELFMAG, SELFMAG))
        return cannot(path, "not an ELF file");
    if (ident[EI_CLASS] == ELFCLASS32)
        return cannot(path, "a 32-bit ELF file, not " SS_NATIVE_NAME);
    if (ident[EI_CLASS] != ELFCLASS64 || ident[EI_DATA] != ELFDATA2LSB)
        return cannot(path, "not a 64-bit little-endian ELF file");
    if (pread(fd, &eh, sizeof eh, 0) != sizeof eh)
        return cannot(path, "truncated: the ELF header is incomplete");
    if (eh.e_machine != SS_EM_NATIVE)
        return cannot(path, "an ELF file for another machine (e_machine %u), not " SS_NATIVE_NAME,
                      eh.e_machine);
    if (eh.e_type != ET_DYN)
        return cannot(path, "not a shared object");
    if (eh.e_phentsize != sizeof ph)
        return cannot(path, "malformed program headers");
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        if (pread(fd, &ph, sizeof ph, eh.e_phoff + (off_t)i * sizeof ph) != sizeof ph)
            return cannot(path, "truncated: the program headers are incomplete");
        if (ph.p_type == PT_LOAD && ph.p_offset + ph.p_filesz > (unsigned long long)file_size)
            return cannot(path, "truncated: a segment ends at byte %llu of %lld",
                          (unsigned long long)(ph.p_offset + ph.p_filesz), (long long)file_size);
    }
    return 0;
}

int cli_check_shim(const char *path)
{
    struct statvfs vfs;
    struct stat st;
    int fd, rc;

    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return cannot(path, "%s", strerror(errno));
    if (fstat(fd, &st) || fstatvfs(fd, &vfs))
        rc = cannot(path, "%s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = cannot(path, "not a regular file");
    else if (vfs.f_flag & ST_NOEXEC)
        rc = cannot(path, "it is on a noexec mount");
    else
        rc = check_elf(fd, path, st.st_size);
    close(fd);
    return rc;
}
