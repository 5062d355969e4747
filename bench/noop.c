/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* An object to preload that does nothing: what any preload costs at least. */
__attribute__((constructor)) static void noop(void) {}
