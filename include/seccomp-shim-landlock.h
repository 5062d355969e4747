/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * seccomp-shim-landlock.h: the kernel's Landlock ABI as the project uses it.
 *
 * Landlock's user-space interface is a stable kernel ABI, but Debian 12's
 * linux-libc-dev (Linux 6.1) describes only ABI 1 and 2: the ruleset's
 * network and scope fields, the rights added later and the port rule are
 * missing. They are defined here under our own names (SS_LL_*, struct
 * ss_ll_*), so newer kernel headers included beside this one cannot clash.
 *
 * Why a header of its own: the engine (engine/landlock.c) models the
 * policy's [filesystem], [network] and [scope] sections with these bits, and
 * the guest (preload/landlock.c) hands them to the kernel. Both include it
 * through seccomp-shim-contract.h; nothing here depends on either.
 */
#ifndef SECCOMP_SHIM_LANDLOCK_H
#define SECCOMP_SHIM_LANDLOCK_H

#include <stdint.h>

/* x86_64 syscall numbers (Linux 5.13). */
#define SS_LL_NR_CREATE_RULESET 444
#define SS_LL_NR_ADD_RULE       445
#define SS_LL_NR_RESTRICT_SELF  446

/* landlock_create_ruleset(NULL, 0, this): the highest ABI the kernel offers. */
#define SS_LL_CREATE_RULESET_VERSION (1u << 0)

/* Rule types of landlock_add_rule. */
#define SS_LL_RULE_PATH_BENEATH 1
#define SS_LL_RULE_NET_PORT     2 /* ABI 4 */

/* Filesystem rights (handled_access_fs, allowed_access of a path rule). */
#define SS_LL_FS_EXECUTE     (1ULL << 0)
#define SS_LL_FS_WRITE_FILE  (1ULL << 1)
#define SS_LL_FS_READ_FILE   (1ULL << 2)
#define SS_LL_FS_READ_DIR    (1ULL << 3)
#define SS_LL_FS_REMOVE_DIR  (1ULL << 4)
#define SS_LL_FS_REMOVE_FILE (1ULL << 5)
#define SS_LL_FS_MAKE_CHAR   (1ULL << 6)
#define SS_LL_FS_MAKE_DIR    (1ULL << 7)
#define SS_LL_FS_MAKE_REG    (1ULL << 8)
#define SS_LL_FS_MAKE_SOCK   (1ULL << 9)
#define SS_LL_FS_MAKE_FIFO   (1ULL << 10)
#define SS_LL_FS_MAKE_BLOCK  (1ULL << 11)
#define SS_LL_FS_MAKE_SYM    (1ULL << 12)
#define SS_LL_FS_REFER       (1ULL << 13) /* ABI 2 */
#define SS_LL_FS_TRUNCATE    (1ULL << 14) /* ABI 3 */
#define SS_LL_FS_IOCTL_DEV   (1ULL << 15) /* ABI 5 */
#define SS_LL_FS_BITS        16
#define SS_LL_FS_ALL         ((1ULL << SS_LL_FS_BITS) - 1)
/* The rights a rule on a file (not a directory) may carry: the kernel
 * refuses the others there with EINVAL. */
#define SS_LL_FS_FILE_RIGHTS                                                                       \
    (SS_LL_FS_EXECUTE | SS_LL_FS_WRITE_FILE | SS_LL_FS_READ_FILE | SS_LL_FS_TRUNCATE |             \
     SS_LL_FS_IOCTL_DEV)

/* Network rights (ABI 4): TCP only. */
#define SS_LL_NET_BIND_TCP    (1ULL << 0)
#define SS_LL_NET_CONNECT_TCP (1ULL << 1)
#define SS_LL_NET_BITS        2
#define SS_LL_NET_ALL         ((1ULL << SS_LL_NET_BITS) - 1)

/* Scopes (ABI 6). */
#define SS_LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define SS_LL_SCOPE_SIGNAL        (1ULL << 1)
#define SS_LL_SCOPE_BITS          2
#define SS_LL_SCOPE_ALL           ((1ULL << SS_LL_SCOPE_BITS) - 1)

/* landlock_restrict_self flags: ABI 8 (Linux 7.0) restricts every thread. */
#define SS_LL_RESTRICT_SELF_TSYNC (1u << 3)
#define SS_LL_ABI_TSYNC           8

/* The deepest stack of Landlock domains (LANDLOCK_MAX_NUM_LAYERS). */
#define SS_LL_MAX_LAYERS 16

/* struct landlock_ruleset_attr as of ABI 6. An older kernel accepts it when
 * the fields it does not know are zero. */
struct ss_ll_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net; /* ABI 4 */
    uint64_t scoped;             /* ABI 6 */
};

struct ss_ll_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

struct ss_ll_net_port_attr {
    uint64_t allowed_access;
    uint64_t port;
};

_Static_assert(sizeof(struct ss_ll_ruleset_attr) == 24, "kernel ABI");
_Static_assert(sizeof(struct ss_ll_path_beneath_attr) == 12, "kernel ABI");
_Static_assert(sizeof(struct ss_ll_net_port_attr) == 16, "kernel ABI");

#endif
