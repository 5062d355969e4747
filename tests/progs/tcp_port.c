/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tcp_port connect|bind PORT: one TCP connect to, or bind on, 127.0.0.1:PORT.
 * Prints "connect 9: Permission denied" or "bind 9: ok"; exit 0 either way
 * (the test reads the line: a refused port is not a failure of this program). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    int fd, rc;

    if (argc != 3 || (strcmp(argv[1], "connect") && strcmp(argv[1], "bind"))) {
        fprintf(stderr, "usage: tcp_port connect|bind PORT\n");
        return 2;
    }
    sa.sin_port = htons((unsigned short)atoi(argv[2]));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    rc = strcmp(argv[1], "bind") ? connect(fd, (struct sockaddr *)&sa, sizeof sa)
                                 : bind(fd, (struct sockaddr *)&sa, sizeof sa);
    printf("%s %s: %s\n", argv[1], argv[2], rc ? strerror(errno) : "ok");
    close(fd);
    return 0;
}
