/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* One ELF file as scan needs it: its dynamic symbols, the relocations that
 * say which GOT slot holds which import, DT_NEEDED, DT_RUNPATH/DT_RPATH and
 * DT_SONAME. Read from the file mapped read-only; every offset is checked
 * against its size (the file is the user's, maybe hostile). */
#define _GNU_SOURCE
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static bool in_file(const struct elf_file *e, uint64_t off, uint64_t len)
{
    return off <= e->size && len <= e->size - off;
}

/* The string at off of the string section sh, or NULL when out of bounds. */
static const char *str_at(const struct elf_file *e, const Elf64_Shdr *sh, uint64_t off)
{
    const char *s;

    if (!sh || off >= sh->sh_size || !in_file(e, sh->sh_offset, sh->sh_size))
        return NULL;
    s = (const char *)e->map + sh->sh_offset + off;
    return memchr(s, 0, sh->sh_size - off) ? s : NULL;
}

const Elf64_Shdr *elf_section(const struct elf_file *e, const char *name)
{
    const Elf64_Shdr *strs = &e->sh[e->eh->e_shstrndx];

    for (unsigned i = 0; i < e->eh->e_shnum; i++) {
        const char *n = str_at(e, strs, e->sh[i].sh_name);
        if (n && !strcmp(n, name))
            return &e->sh[i];
    }
    return NULL;
}

const uint8_t *elf_at(const struct elf_file *e, uint64_t addr, size_t *n)
{
    for (unsigned i = 0; i < e->eh->e_shnum; i++) {
        const Elf64_Shdr *s = &e->sh[i];
        if (s->sh_type == SHT_NOBITS || !(s->sh_flags & SHF_ALLOC) || addr < s->sh_addr ||
            addr - s->sh_addr >= s->sh_size || !in_file(e, s->sh_offset, s->sh_size))
            continue;
        *n = s->sh_size - (addr - s->sh_addr);
        return e->map + s->sh_offset + (addr - s->sh_addr);
    }
    return NULL;
}

static int read_symbols(struct elf_file *e)
{
    const Elf64_Shdr *sym = elf_section(e, ".dynsym");
    const Elf64_Shdr *str;

    if (!sym || sym->sh_link >= e->eh->e_shnum || !in_file(e, sym->sh_offset, sym->sh_size))
        return 0; /* a static program: nothing imported */
    str = &e->sh[sym->sh_link];
    e->nsyms = sym->sh_size / sizeof(Elf64_Sym);
    e->syms = calloc(e->nsyms ? e->nsyms : 1, sizeof *e->syms);
    if (!e->syms)
        return -1;
    for (size_t i = 0; i < e->nsyms; i++) {
        const Elf64_Sym *s = (const Elf64_Sym *)(e->map + sym->sh_offset) + i;
        const char *name = str_at(e, str, s->st_name);
        e->syms[i] = (struct elf_sym){name ? name : "",
                                      s->st_value,
                                      s->st_size,
                                      s->st_shndx != SHN_UNDEF,
                                      ELF64_ST_TYPE(s->st_info) == STT_FUNC ||
                                          ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC,
                                      ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC};
    }
    /* The relocations naming imports by GOT slot: how a call through the PLT
     * or through the GOT (-fno-plt) is known to be a call of syscall(). */
    for (unsigned i = 0; i < e->eh->e_shnum; i++) {
        const Elf64_Shdr *s = &e->sh[i];
        size_t n;
        if (s->sh_type != SHT_RELA || !in_file(e, s->sh_offset, s->sh_size))
            continue;
        n = s->sh_size / sizeof(Elf64_Rela);
        struct elf_rel *grown = realloc(e->rels, (e->nrels + n + 1) * sizeof *grown);
        if (!grown)
            return -1;
        e->rels = grown;
        for (size_t k = 0; k < n; k++) {
            const Elf64_Rela *r = (const Elf64_Rela *)(e->map + s->sh_offset) + k;
            uint32_t type = ELF64_R_TYPE(r->r_info), idx = ELF64_R_SYM(r->r_info);
            if ((type == R_X86_64_JUMP_SLOT || type == R_X86_64_GLOB_DAT) && idx && idx < e->nsyms)
                e->rels[e->nrels++] = (struct elf_rel){r->r_offset, e->syms[idx].name};
        }
    }
    return 0;
}

static int read_dynamic(struct elf_file *e)
{
    const Elf64_Shdr *dyn = elf_section(e, ".dynamic"), *str;
    const Elf64_Shdr *interp = elf_section(e, ".interp");

    if (interp && in_file(e, interp->sh_offset, interp->sh_size) && interp->sh_size &&
        memchr(e->map + interp->sh_offset, 0, interp->sh_size))
        e->interp = (const char *)e->map + interp->sh_offset;
    if (!dyn || dyn->sh_link >= e->eh->e_shnum || !in_file(e, dyn->sh_offset, dyn->sh_size))
        return 0;
    str = &e->sh[dyn->sh_link];
    size_t n = dyn->sh_size / sizeof(Elf64_Dyn);
    e->needed = calloc(n + 1, sizeof *e->needed);
    if (!e->needed)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const Elf64_Dyn *d = (const Elf64_Dyn *)(e->map + dyn->sh_offset) + i;
        const char *s = str_at(e, str, d->d_un.d_val);
        if (d->d_tag == DT_NULL)
            break;
        if (!s)
            continue;
        if (d->d_tag == DT_NEEDED)
            e->needed[e->nneeded++] = s;
        else if (d->d_tag == DT_SONAME)
            e->soname = s;
        else if (d->d_tag == DT_RUNPATH)
            e->runpath = s;
        else if (d->d_tag == DT_RPATH)
            e->rpath = s;
    }
    return 0;
}

int elf_open(struct elf_file *e, const char *path, char *why, size_t whysize)
{
    struct stat st;
    int fd;

    memset(e, 0, sizeof *e);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        snprintf(why, whysize, "%s", fd < 0 || errno ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    e->size = st.st_size;
    e->map = e->size ? mmap(NULL, e->size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (e->map == MAP_FAILED) {
        e->map = NULL;
        snprintf(why, whysize, "cannot map it: %s", e->size ? strerror(errno) : "empty file");
        return -1;
    }
    e->eh = (const Elf64_Ehdr *)e->map;
    if (e->size < sizeof *e->eh || memcmp(e->eh->e_ident, ELFMAG, SELFMAG) ||
        e->eh->e_ident[EI_CLASS] != ELFCLASS64 || e->eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        snprintf(why, whysize, "not a 64-bit little-endian ELF file");
        goto bad;
    }
    if (e->eh->e_machine != EM_X86_64) {
        snprintf(why, whysize, "an ELF file for machine %u: scan reads x86_64 code only",
                 e->eh->e_machine);
        goto bad;
    }
    if (e->eh->e_shentsize != sizeof(Elf64_Shdr) || !e->eh->e_shnum ||
        e->eh->e_shstrndx >= e->eh->e_shnum ||
        !in_file(e, e->eh->e_shoff, (uint64_t)e->eh->e_shnum * sizeof(Elf64_Shdr))) {
        snprintf(why, whysize, "no section headers (a stripped-of-sections file)");
        goto bad;
    }
    e->sh = (const Elf64_Shdr *)(e->map + e->eh->e_shoff);
    if (read_symbols(e) || read_dynamic(e)) {
        snprintf(why, whysize, "out of memory");
        goto bad;
    }
    e->path = strdup(path);
    if (!e->path) {
        snprintf(why, whysize, "out of memory");
        goto bad;
    }
    return 0;
bad:
    elf_close(e);
    return -1;
}

void elf_close(struct elf_file *e)
{
    if (e->map)
        munmap((void *)e->map, e->size);
    free(e->syms);
    free(e->rels);
    free(e->needed);
    free(e->path);
    memset(e, 0, sizeof *e);
}
