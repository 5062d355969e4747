/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What cmd_check.c and check_json.c share. */
#ifndef SS_CLI_CHECK_H
#define SS_CLI_CHECK_H

#include "cli.h"

/* The check --json object of one policy: p NULL (err says why) or parsed,
 * err->msg "" or what made it invalid (a compile error). NULL when memory runs out. */
struct json_t *check_json_policy(const char *file, const struct ss_policy *p,
                                 const struct ss_error *err);

#endif
