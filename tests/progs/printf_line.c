/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reads one line and printf()s it back: what allowlist.ini lets through. */
#include <stdio.h>

int main(void)
{
    char line[256];

    if (!fgets(line, sizeof line, stdin))
        return 1;
    printf("line: %s", line);
    return 0;
}
