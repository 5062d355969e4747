/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* OCI seccomp profile names, in both directions (oci.h). */
#include "oci.h"

#include <string.h>

static const struct {
    const char *name;
    enum ss_action_kind kind;
} actions[] = {
    {"SCMP_ACT_ALLOW", SS_ACT_ALLOW},
    {"SCMP_ACT_KILL_PROCESS", SS_ACT_KILL_PROCESS},
    {"SCMP_ACT_KILL_THREAD", SS_ACT_KILL_THREAD},
    {"SCMP_ACT_KILL", SS_ACT_KILL_THREAD}, /* libseccomp's; after the name we write */
    {"SCMP_ACT_TRAP", SS_ACT_TRAP},
    {"SCMP_ACT_LOG", SS_ACT_LOG},
    {"SCMP_ACT_ERRNO", SS_ACT_ERRNO},
    {"SCMP_ACT_TRACE", SS_ACT_TRACE},
};

static const char *const ops[] = {[SS_OP_EQ] = "SCMP_CMP_EQ",
                                  [SS_OP_NE] = "SCMP_CMP_NE",
                                  [SS_OP_LT] = "SCMP_CMP_LT",
                                  [SS_OP_LE] = "SCMP_CMP_LE",
                                  [SS_OP_GT] = "SCMP_CMP_GT",
                                  [SS_OP_GE] = "SCMP_CMP_GE",
                                  [SS_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ"};

const char *oci_action_name(enum ss_action_kind kind)
{
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (actions[i].kind == kind)
            return actions[i].name;
    return NULL;
}

int oci_action_kind(const char *name, enum ss_action_kind *kind)
{
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(actions[i].name, name) == 0) {
            *kind = actions[i].kind;
            return 0;
        }
    return -1;
}

bool oci_action_has_ret(struct ss_action a)
{
    return a.kind == SS_ACT_ERRNO || a.kind == SS_ACT_TRACE;
}

const char *oci_op_name(enum ss_op op)
{
    return ops[op];
}

int oci_op(const char *name, enum ss_op *op)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i], name) == 0) {
            *op = (enum ss_op)i;
            return 0;
        }
    return -1;
}

void oci_cond_values(const struct ss_cond *c, uint64_t *value, uint64_t *value_two)
{
    *value = c->op == SS_OP_MASKED_EQ ? c->mask : c->value;
    *value_two = c->op == SS_OP_MASKED_EQ ? c->value : 0;
}

void oci_cond_from_values(struct ss_cond *c, uint64_t value, uint64_t value_two)
{
    c->mask = c->op == SS_OP_MASKED_EQ ? value : 0;
    c->value = c->op == SS_OP_MASKED_EQ ? value_two : value;
}

bool oci_target_arch(enum ss_arch target, const char *name)
{
    enum ss_arch a;

    if (!strcmp(name, OCI_ARCH_X86_64))
        a = SS_ARCH_X86_64;
    else if (!strcmp(name, OCI_ARCH_AARCH64))
        a = SS_ARCH_AARCH64;
    else if (ss_arch_from_name(name, &a))
        return false;
    return a == target;
}

const char *oci_arch_name(enum ss_arch a)
{
    return a == SS_ARCH_AARCH64 ? OCI_ARCH_AARCH64 : OCI_ARCH_X86_64;
}
