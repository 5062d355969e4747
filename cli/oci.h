/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* OCI runtime seccomp profiles (the JSON runc, crun, Docker, Podman and
 * Kubernetes read): the names of actions, comparisons, the architecture and
 * the flag, and how a condition is encoded, in both directions. export writes
 * profiles with them, import reads profiles with them. */
#ifndef SS_CLI_OCI_H
#define SS_CLI_OCI_H

#include "seccomp-shim.h"

#include <stdbool.h>
#include <stdint.h>

#define OCI_ARCH_X86_64  "SCMP_ARCH_X86_64"
#define OCI_ARCH_AARCH64 "SCMP_ARCH_AARCH64"
#define OCI_FLAG_LOG     "SECCOMP_FILTER_FLAG_LOG"

/* "SCMP_ACT_ALLOW", ... for kind. */
const char *oci_action_name(enum ss_action_kind kind);

/* The kind a profile's action name means (SCMP_ACT_KILL is libseccomp's
 * KILL_THREAD): 0, or -1 when there is no such name or we have no equivalent. */
int oci_action_kind(const char *name, enum ss_action_kind *kind);

/* True when the action's data is a profile's errnoRet (ERRNO and TRACE). */
bool oci_action_has_ret(struct ss_action a);

/* "SCMP_CMP_EQ", ... for op; oci_op reads one back: 0, or -1 when unknown. */
const char *oci_op_name(enum ss_op op);
int oci_op(const char *name, enum ss_op *op);

/* A condition as a profile's args entry has it: for SCMP_CMP_MASKED_EQ,
 * value is the mask and valueTwo what the masked argument equals; for the
 * others value is the operand and valueTwo 0. */
void oci_cond_values(const struct ss_cond *c, uint64_t *value, uint64_t *value_two);
void oci_cond_from_values(struct ss_cond *c, uint64_t value, uint64_t value_two);

/* True when a profile's architecture name is target ("amd64",
 * "x86_64", "SCMP_ARCH_X86_64"; "arm64", "aarch64", "SCMP_ARCH_AARCH64"). */
bool oci_target_arch(enum ss_arch target, const char *name);

/* a's SCMP_ARCH_ name. */
const char *oci_arch_name(enum ss_arch a);

#endif
