/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* `seccomp-shim scan` and learn's static half: the syscalls a program can
 * make, read off its ELF file and the shared objects the loader maps for it
 * (never by running it). scan_elf.c reads one ELF file, scan_closure.c finds
 * the DT_NEEDED closure as ld.so does, scan_disasm.c disassembles (capstone)
 * and reads the other objects' raw syscalls, scan_libc.c maps libc's
 * functions to syscalls, scan.c puts them together. */
#ifndef SS_SCAN_H
#define SS_SCAN_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccomp-shim.h"

/* ---- one ELF file (scan_elf.c) ----------------------------------------- */

struct elf_sym {
    const char *name;
    uint64_t value, size;
    bool defined, func, ifunc;
};

struct elf_rel {
    uint64_t offset; /* the GOT slot */
    const char *name;
};

struct elf_file {
    char *path;
    const uint8_t *map;
    size_t size;
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
    const char *shstr;
    struct elf_sym *syms; /* .dynsym */
    size_t nsyms;
    struct elf_rel *rels; /* JUMP_SLOT and GLOB_DAT relocations: GOT slot -> symbol */
    size_t nrels;
    const char **needed; /* DT_NEEDED */
    size_t nneeded;
    const char *soname, *runpath, *rpath, *interp;
};

/* Maps and reads path (an x86_64 ELF64 file). 0, or -1 with why set. */
int elf_open(struct elf_file *e, const char *path, char *why, size_t whysize);
void elf_close(struct elf_file *e);
/* The section called name, or NULL. */
const Elf64_Shdr *elf_section(const struct elf_file *e, const char *name);
/* The file's bytes at virtual address addr, n of them readable; NULL when
 * addr is in no section with contents. */
const uint8_t *elf_at(const struct elf_file *e, uint64_t addr, size_t *n);

/* ---- the loader's closure (scan_closure.c) ----------------------------- */

struct scan_object {
    struct elf_file elf;
    bool libc;   /* SONAME libc.so.6: its exports are mapped to syscalls */
    bool loader; /* the dynamic loader: runs before the shim, not counted */
};

/* The program (index 0) and every object its DT_NEEDED closure maps,
 * resolved like ld.so (RPATH, RUNPATH, /etc/ld.so.cache, the standard
 * folders). 0, or -1 after printing why. */
int scan_closure(const char *program, struct scan_object **objs, size_t *n);
void scan_closure_free(struct scan_object *objs, size_t n);

/* ---- disassembly (scan_disasm.c) --------------------------------------- */

typedef struct {
    uint64_t w[SS_SYSCALL_SLOTS / 64];
} scan_bits;

static inline void scan_bit_set(scan_bits *b, int nr)
{
    if (nr >= 0 && nr < SS_SYSCALL_SLOTS)
        b->w[nr / 64] |= 1ULL << (nr % 64);
}
static inline bool scan_bit(const scan_bits *b, int nr)
{
    return nr >= 0 && nr < SS_SYSCALL_SLOTS && (b->w[nr / 64] >> (nr % 64) & 1);
}

/* libc's exported functions, each with the syscalls its code can reach. */
struct libc_map {
    struct libc_fn {
        const char *name; /* points into the ELF file's strings */
        scan_bits nrs;
    } * fn;
    size_t n;
};

/* Derives the map from libc itself (scan_libc.c). 0, or -1 after printing why. */
int scan_libc_map(const struct elf_file *libc, struct libc_map *m);
void scan_libc_map_free(struct libc_map *m);
/* The map's entry for name (a libc export), or NULL. */
const struct libc_fn *scan_libc_lookup(const struct libc_map *m, const char *name);

/* Syscalls made in e's own code with a constant number: a syscall
 * instruction after mov $N,%eax, or a call of syscall() after mov $N,%edi.
 * direct and via_call get the numbers. 0, or -1 after printing why. */
int scan_raw_syscalls(const struct elf_file *e, scan_bits *direct, scan_bits *via_call);

/* ---- the result (scan.c) ------------------------------------------------ */

struct scan_result {
    bool has[SS_SYSCALL_SLOTS];
    /* Where each came from: "libc.so.6: fopen (imported by true)" and the like,
     * the first found; count[nr] how many sources in all. */
    char *from[SS_SYSCALL_SLOTS];
    unsigned count[SS_SYSCALL_SLOTS];
    char **objects; /* the objects read, for the report */
    size_t nobjects;
};

/* Scans the program at path. 0, or -1 after printing why. */
int scan_program(const char *path, struct scan_result *r);
void scan_result_free(struct scan_result *r);
/* scan_program of what running cmd runs: found in $PATH like execvp, the
 * interpreter of a #! script; its path into path. */
int scan_command(const char *cmd, struct scan_result *r, char *path, size_t size);

#endif
