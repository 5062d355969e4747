/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reaches a TCP port past Landlock's TCP rights, and says how far it got:
 *   tcp_reach tcp PORT      connect to 127.0.0.1:PORT (plain TCP, the control)
 *   tcp_reach mptcp PORT    the same through socket(AF_INET, SOCK_STREAM |
 *                           SOCK_CLOEXEC, IPPROTO_MPTCP): Landlock's connect
 *                           right covers IPPROTO_TCP sockets only
 *   tcp_reach mptcp-hi PORT the same with the upper halves of socket's int
 *                           arguments set (the kernel reads 32 bits)
 *   tcp_reach listen        listen() on an unbound TCP socket (the kernel
 *                           binds an ephemeral port, no bind() to check),
 *                           print "listening on PORT", accept one connection
 * Prints "connected", "accepted" or "STEP: errno N". */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static int fail(const char *step)
{
    printf("%s: errno %d\n", step, errno);
    return 1;
}

static struct sockaddr_in local(unsigned port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static int reach(const char *how, unsigned port)
{
    const long hi = 1L << 32;
    struct sockaddr_in a = local(port);
    long fd;

    if (!strcmp(how, "tcp"))
        fd = socket(AF_INET, SOCK_STREAM, 0);
    else if (!strcmp(how, "mptcp"))
        fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);
    else
        fd = syscall(SYS_socket, hi | AF_INET, hi | SOCK_STREAM, hi | IPPROTO_MPTCP);
    if (fd < 0)
        return fail("socket");
    if (connect((int)fd, (struct sockaddr *)&a, sizeof a))
        return fail("connect");
    puts("connected");
    return 0;
}

static int listen_unbound(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int s = socket(AF_INET, SOCK_STREAM, 0);

    if (s < 0)
        return fail("socket");
    if (listen(s, 1))
        return fail("listen");
    if (getsockname(s, (struct sockaddr *)&a, &len))
        return fail("getsockname");
    printf("listening on %u\n", ntohs(a.sin_port));
    alarm(30); /* nobody came: SIGALRM */
    if (accept(s, NULL, NULL) < 0)
        return fail("accept");
    puts("accepted");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 2 && !strcmp(argv[1], "listen"))
        return listen_unbound();
    if (argc == 3 &&
        (!strcmp(argv[1], "tcp") || !strcmp(argv[1], "mptcp") || !strcmp(argv[1], "mptcp-hi")))
        return reach(argv[1], (unsigned)strtoul(argv[2], NULL, 10));
    fprintf(stderr, "usage: tcp_reach tcp|mptcp|mptcp-hi PORT | listen\n");
    return 2;
}
