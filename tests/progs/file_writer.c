/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Opens (creating) the file named by argv[1] and writes a line to it.
 * Under conf/strict.ini, open is not one of strict mode's four syscalls:
 * the kernel kills the process with SIGKILL before the file exists. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static const char line[] = "written\n";
    int fd;

    if (argc != 2) {
        fprintf(stderr, "usage: file_writer FILE\n");
        return 2;
    }
    fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line) || close(fd)) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
