/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* learn --filesystem / --network: the paths and TCP ports a program used
 * (learn_paths.c records them, learn_fs_write.c writes the [filesystem]
 * and [network] sections they need). */
#ifndef SS_LEARN_FS_H
#define SS_LEARN_FS_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a path was used for. */
enum {
    LFS_READ = 1,    /* a file read (or a folder, after collapsing: read beneath) */
    LFS_LIST = 2,    /* a folder listed */
    LFS_WRITE = 4,   /* written, truncated */
    LFS_EXEC = 8,    /* executed */
    LFS_CREATE = 16, /* made, removed or renamed: a right on the folder it is in */
    LFS_OPENED = 32  /* (while recording) an open: O_CREAT of an existing file makes nothing */
};

enum { LFS_BIND = 1, LFS_CONNECT = 2 };

struct learn_fs_path {
    char *path; /* absolute, as the program named it (symlinks unresolved) */
    unsigned rights;
};

struct learn_fs_port {
    unsigned port, rights;
};

struct learn_fs {
    bool files, network;         /* what to record */
    int listener;                /* the notification fd, to check a request is still live */
    struct learn_fs_path *table; /* open addressing: cap is a power of two, NULL path = free */
    size_t n, cap;
    struct learn_fs_port *ports;
    size_t nports, ports_cap;
};

void learn_fs_init(struct learn_fs *fs, bool files, bool network);
void learn_fs_free(struct learn_fs *fs);

/* Records the path(s) or the address of one notified call, read from its
 * caller's memory while it waits. -1 when out of memory. */
int learn_fs_record(struct learn_fs *fs, int listener, const struct seccomp_notif *req);

int learn_fs_add_path(struct learn_fs *fs, const char *path, unsigned rights);
int learn_fs_add_port(struct learn_fs *fs, unsigned port, unsigned rights);

struct learn_fs_options {
    const char *cwd;     /* becomes $PWD in the paths written (NULL: none) */
    const char *home;    /* becomes $HOME; never granted whole (NULL: none) */
    const char *protect; /* the policy file: warned about under a write grant (NULL: none) */
    const char *shim;    /* the shim, granted by the shim itself: left out (NULL: none) */
};

/* Writes [filesystem] (when fs->files) and [network] (when fs->network):
 * the recorded paths resolved and collapsed into the folders to grant, the
 * ports seen. Warnings (what could not be granted) go to stderr. 0, or -1
 * when out of memory or the write failed. */
int learn_fs_write(FILE *out, const struct learn_fs *fs, const struct learn_fs_options *o);

#endif
