/* Which policy is this? A SHA-256 over the bytes of the top file and of every
 * file it includes, in the order the parser reads them, each with its path
 * relative to the top file's folder. The parser computes it while reading;
 * the shim computes the same without parsing from the top file's bytes and
 * the include list a marker or a compiled sibling recorded (ss_source_id). A
 * recorded list cannot lie: it is part of what is hashed, and the top file's
 * bytes decide which files the parser would include. */
#define _GNU_SOURCE
#include "internal.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(struct ss_source),
               "struct ss_source holds nettle's SHA-256 state");
_Static_assert(SS_SOURCE_ID_LEN == SHA256_DIGEST_SIZE, "the source id is a SHA-256");

static struct sha256_ctx *ctx(struct ss_source *s)
{
    return (struct sha256_ctx *)s->state;
}

/* Length-prefixed, so that no two sequences of pieces hash alike. */
static void piece(struct sha256_ctx *c, const void *data, size_t len)
{
    uint64_t n = len;

    sha256_update(c, sizeof n, (const uint8_t *)&n);
    sha256_update(c, len, data);
}

void ss_source_init(struct ss_source *s)
{
    sha256_init(ctx(s));
}

void ss_source_add(struct ss_source *s, const char *rel, const void *bytes, size_t len)
{
    piece(ctx(s), rel, strlen(rel));
    piece(ctx(s), bytes, len);
}

void ss_source_done(struct ss_source *s, unsigned char id[SS_SOURCE_ID_LEN])
{
    sha256_digest(ctx(s), SS_SOURCE_ID_LEN, id);
}

size_t ss_source_prefix(const char *top)
{
    const char *slash = top ? strrchr(top, '/') : NULL;

    return slash ? (size_t)(slash - top + 1) : 0;
}

const char *ss_source_rel(const char *top, const char *path)
{
    size_t n = ss_source_prefix(top);

    return n && strncmp(path, top, n) == 0 ? path + n : path;
}

int ss_source_id(const char *top_name, const void *top, size_t len, const char *includes,
                 size_t inclen, unsigned char id[SS_SOURCE_ID_LEN])
{
    const char *end = includes + inclen;
    struct ss_source s;
    struct ss_error err;
    char path[4096];

    ss_source_init(&s);
    ss_source_add(&s, "", top, len);
    while (includes < end) { /* entries end with a newline (the last may not) */
        const char *nl = memchr(includes, '\n', end - includes);
        size_t n = nl ? (size_t)(nl - includes) : (size_t)(end - includes);
        size_t pre = includes[0] == '/' ? 0 : ss_source_prefix(top_name), flen;
        char *bytes;

        if (n == 0 || pre + n >= sizeof path)
            return -1;
        memcpy(path, top_name, pre);
        memcpy(path + pre, includes, n);
        path[pre + n] = 0;
        bytes = ss_read_policy(path, &flen, NULL, &err);
        if (!bytes)
            return -1;
        ss_source_add(&s, path + pre, bytes, flen);
        free(bytes);
        includes = nl ? nl + 1 : end;
    }
    ss_source_done(&s, id);
    return 0;
}

struct ss_identity ss_identity(const char *var, const char *value, bool explain,
                               const unsigned char source_id[SS_SOURCE_ID_LEN])
{
    static const char tag[] = "seccomp-shim identity 2";
    struct sha256_ctx c;
    unsigned char d[SHA256_DIGEST_SIZE];
    unsigned char e = explain;
    struct ss_identity id;

    sha256_init(&c);
    piece(&c, tag, sizeof tag);
    piece(&c, var, strlen(var));
    piece(&c, value, strlen(value));
    piece(&c, &e, 1);
    piece(&c, source_id, SS_SOURCE_ID_LEN);
    sha256_digest(&c, sizeof d, d);
    memcpy(&id.lo, d, 8);
    memcpy(&id.hi, d + 8, 8);
    return id;
}
