/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* At the top of main, reports whether anyone used stdin, stdout or stderr
 * before: glibc allocates a stream's buffer (and decides its buffering mode)
 * at its first use, so a shim that printed anything would leave one behind. */
#include <stdio.h>

static const char *state(FILE *f)
{
    return f->_IO_buf_base ? "used" : "untouched";
}

int main(void)
{
    const char *in = state(stdin), *out = state(stdout), *err = state(stderr);

    printf("stdin %s, stdout %s, stderr %s\n", in, out, err);
    return 0;
}
