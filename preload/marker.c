/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The marker SECCOMP_SHIM_ACTIVE=HASH:DEPTH[:e][\nINCLUDE...]: exec chains.
 * The kernel keeps the filter across exec, so a child that loads the shim
 * again with the same policy must not stack a second copy. The parent stamps
 * its filter with its 128-bit identity (probe.c) and leaves the marker in the
 * environment; a child computes the identity from the policy file and the
 * listed includes without parsing, and when its filter answers the probe it
 * installs nothing and makes no seccomp or prctl call. */
#define _GNU_SOURCE
#include "guest.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hexdigit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses the marker "HASH:DEPTH[:e][\nINCLUDE...]" as ss_marker_set writes it.
 * Returns what follows DEPTH, or NULL when it does not fit. By hand, not
 * sscanf: scanf's code and locale tables cost an inherited child five page
 * faults. */
static const char *parse_marker(const char *s, struct ss_identity *id, int *depth)
{
    uint64_t *half[2] = {&id->lo, &id->hi};
    int i;

    id->lo = id->hi = 0;
    for (i = 0; i < SS_MARKER_HEX; i++, s++) {
        int d = hexdigit(*s);
        if (d < 0)
            return NULL;
        *half[i / 16] = *half[i / 16] << 4 | d;
    }
    if (*s++ != ':')
        return NULL;
    *depth = 0;
    for (i = 0; *s >= '0' && *s <= '9'; i++, s++)
        if (i == 6) /* no process has a million filters */
            return NULL;
        else
            *depth = *depth * 10 + (*s - '0');
    return i ? s : NULL;
}

struct ss_identity ss_shim_identity(const struct ss_shim_source *src,
                                    const unsigned char *source_id)
{
    return ss_identity(src->var, src->value, src->want_explain, source_id);
}

bool ss_marker_match(const struct ss_shim_source *src, struct ss_identity *id, bool *explain)
{
    const char *marker = getenv(SS_ENV_ACTIVE), *rest;
    unsigned char source_id[SS_SOURCE_ID_LEN];
    struct ss_identity mine;
    int depth;

    if (!marker || !(rest = parse_marker(marker, id, &depth)))
        return false;
    *explain = strncmp(rest, SS_MARKER_EXPLAIN, strlen(SS_MARKER_EXPLAIN)) == 0;
    if (*explain)
        rest += strlen(SS_MARKER_EXPLAIN);
    if (*rest && *rest++ != '\n')
        return false;
    /* A file is hashed as it is read, before it is read whole: no heap. */
    if (src->bytes ? ss_source_id(src->file, src->bytes, src->len, rest, strlen(rest), source_id)
                   : ss_source_id_file(src->file, rest, strlen(rest), source_id))
        return false;
    mine = ss_shim_identity(src, source_id);
    return mine.lo == id->lo && mine.hi == id->hi;
}

/* The marker's "NAME=VALUE" and an environ holding it, in static storage:
 * setenv's malloc would be the first of most programs (brk, getrandom, fresh
 * heap pages) and part of every start. glibc's setenv and putenv copy an
 * environ they did not allocate and unsetenv edits it in place, so the
 * program sees an ordinary environment; its children inherit the marker.
 * More variables or a longer include list than fit: setenv. */
static char marker_entry[1024];
static char *marker_environ[512];

/* environ with entry as its only SECCOMP_SHIM_ACTIVE (where the first one
 * was, or added). Later copies are left out: some shells (dash) export the
 * last of several, which would make a child miss the marker (review). False
 * when it does not fit. */
static bool environ_with(char *entry)
{
    size_t n = 0, at = SIZE_MAX, prefix = sizeof SS_ENV_ACTIVE; /* "NAME=" */

    for (size_t i = 0; environ && environ[i]; i++) {
        bool marker = strncmp(environ[i], entry, prefix) == 0;
        if (marker && at != SIZE_MAX)
            continue;
        if (n + 2 > sizeof marker_environ / sizeof marker_environ[0])
            return false;
        if (marker)
            at = n;
        marker_environ[n++] = environ[i];
    }
    marker_environ[at == SIZE_MAX ? n++ : at] = entry;
    marker_environ[n] = NULL;
    environ = marker_environ;
    return true;
}

static char *put_hex64(char *out, uint64_t v)
{
    for (int shift = 60; shift >= 0; shift -= 4)
        *out++ = "0123456789abcdef"[v >> shift & 15];
    return out;
}

int ss_marker_set(struct ss_identity identity, bool explain, const char *includes, size_t inclen,
                  struct ss_error *err)
{
    size_t prefix = sizeof SS_ENV_ACTIVE; /* "NAME=" */
    size_t need = prefix + SS_MARKER_HEX + sizeof ":2" SS_MARKER_EXPLAIN + inclen;
    char *entry = need <= sizeof marker_entry ? marker_entry : malloc(need), *end;
    int rc;

    if (!entry)
        return ss_fail(err, (struct ss_where){0}, "cannot set " SS_ENV_ACTIVE ": out of memory");
    /* SS_MARKER_FORMAT by hand, as parse_marker reads it: snprintf's code
     * costs every sandboxed start three page faults. DEPTH: the filters this
     * policy adds (explain stacks two: its guard and the policy's);
     * informative, the probe is what children verify. */
    end = stpcpy(entry, SS_ENV_ACTIVE "=");
    end = put_hex64(put_hex64(end, identity.lo), identity.hi);
    *end++ = ':';
    *end++ = explain ? '2' : '1';
    end = stpcpy(end, explain ? SS_MARKER_EXPLAIN : "");
    if (inclen) { /* "\nA\nB" from "A\nB\n" */
        *end++ = '\n';
        memcpy(end, includes, inclen - 1);
        end += inclen - 1;
    }
    *end = 0;
    if (entry == marker_entry && environ_with(entry))
        return 0;
    unsetenv(SS_ENV_ACTIVE); /* every copy, as environ_with leaves one */
    rc = setenv(SS_ENV_ACTIVE, entry + prefix, 1);
    if (entry != marker_entry)
        free(entry);
    if (rc)
        return ss_fail(err, (struct ss_where){0}, "cannot set " SS_ENV_ACTIVE ": out of memory");
    return 0;
}
