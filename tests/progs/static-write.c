/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* file_writer, linked statically: `run --direct` must confine it with
 * Landlock as the shim confines dynamically linked programs. */
#include "file_writer.c"
