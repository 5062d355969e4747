/* An object to preload that does nothing: what any preload costs at least. */
__attribute__((constructor)) static void noop(void) {}
