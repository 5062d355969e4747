/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The one way --json output is written: a whole document, built first, so
 * that an allocation that fails gives an error and no half a document. */
#include "cli.h"

#include <jansson.h>

int cli_json_print(json_t *root)
{
    int rc;

    if (!root) {
        cli_error("out of memory");
        return -1;
    }
    rc = json_dumpf(root, stdout, JSON_INDENT(2)) || fputc('\n', stdout) == EOF || fflush(stdout);
    json_decref(root);
    if (rc)
        cli_error("cannot write the JSON output");
    return rc ? -1 : 0;
}

int cli_json_append(json_t *array, json_t *value)
{
    return json_array_append_new(array, value) ? -1 : 0; /* takes value either way */
}

json_t *cli_json_where(const char *file, unsigned line)
{
    return json_pack("{s:s?,s:I}", "file", file && *file ? file : NULL, "line", (json_int_t)line);
}
