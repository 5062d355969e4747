/* What the engine's files share and the public header does not promise. */
#ifndef SS_POLICY_INTERNAL_H
#define SS_POLICY_INTERNAL_H

#include "seccomp-shim.h"

/* A stable copy of name owned by p; NULL when out of memory. */
const char *ss_intern(struct ss_policy *p, const char *name);

/* A new zeroed rule at the end of p->rules; NULL when out of memory. The
 * pointer is valid until the next call. */
struct ss_rule *ss_policy_add_rule(struct ss_policy *p);

int ss_policy_warn(struct ss_policy *p, struct ss_where where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void ss_hash_bytes(struct ss_policy *p, const void *data, size_t len);

/* The checks that need the whole policy: conflicts, missing default, strict mode. */
int ss_policy_check(struct ss_policy *p, struct ss_error *err);

/* Parse the value of a [syscalls] key: "ACTION [if COND && ...]". */
int ss_parse_rule_spec(const char *text, struct ss_action *action, struct ss_cond *cond,
                       unsigned *ncond, char *why, size_t whysize);

/* Value of a symbolic constant from the system headers; -1 when unknown. */
int ss_constant_value(const char *name, long long *value);

/* The known constant closest to name, or NULL. */
const char *ss_constant_suggest(const char *name);

/* Edit distance, for suggestions. */
unsigned ss_distance(const char *a, const char *b);

#endif
