/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer target: policy text -> parse -> compile, or a compiled policy's
 * bytes -> ss_compiled_parse (its Landlock section is read before the
 * checksum is checked, so mutations reach it). Any crash, leak or undefined
 * behaviour is a bug; errors are fine (they must be clean). */
#include "seccomp-shim-contract.h"
#include "seccomp-shim.h"

#include <stdlib.h>
#include <string.h>

static struct ss_program program;
static struct ss_landlock_plan landlock;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    struct ss_policy *p;
    struct ss_compiled_info info;
    struct ss_error err;
    char *text;

    if (ss_compiled_sniff(data, size)) {
        ss_compiled_parse(data, size, "<fuzz>", ss_arch_native(), &program, &landlock, &info, &err);
        return 0;
    }
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    p = ss_policy_new(ss_arch_native());
    if (p && ss_parse_text(p, text, "<fuzz>", &err) == 0 && p->mode == SS_MODE_FILTER)
        ss_compile(p, &program, &err);
    ss_policy_free(p);
    free(text);
    return 0;
}
