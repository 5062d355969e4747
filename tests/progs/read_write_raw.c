/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copies stdin to stdout behind "raw:" with raw read() and write() only, then
 * returns 7 from main: what stdio-only.ini and strict mode let through. */
#include <unistd.h>

int main(void)
{
    char buf[256];
    ssize_t n;

    if (write(1, "raw:", 4) != 4)
        return 1;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (write(1, buf, n) != n)
            return 1;
    return 7;
}
