/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Tries socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) and says what happened, with
 * raw write(2) only, so that it runs under a tiny allowlist. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    const char *msg = fd >= 0 ? "raw socket made\n" : errno == EPERM ? "EPERM\n" : "other error\n";

    return write(1, msg, strlen(msg)) < 0;
}
