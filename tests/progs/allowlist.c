/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reads a line, printf()s it back and exits: the whole job conf/allowlist.ini
 * allows. With an argument it also does "something more" the allowlist does
 * not name (open a file, uname, a socket) and must die by SIGSYS doing it. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
    char line[256];
    struct utsname u;

    if (!fgets(line, sizeof line, stdin))
        return 1;
    printf("read: %s", line);
    if (argc > 1) {
        fflush(stdout);
        if (!strcmp(argv[1], "open"))
            open("/etc/hostname", O_RDONLY);
        else if (!strcmp(argv[1], "uname"))
            uname(&u);
        else if (!strcmp(argv[1], "socket"))
            socket(AF_INET, SOCK_STREAM, 0);
        printf("survived %s\n", argv[1]);
    }
    return 0;
}
