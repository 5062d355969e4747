# seccomp-shim: `make` builds the shim and the command, `make test` runs the
# tests, `make demo` runs the classic experiments. See README.md.

CC      ?= gcc
PKGS    := libseccomp inih
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CLI_LIBS   = $(shell pkg-config --libs jansson 2>/dev/null)

B       := build

# `make install PREFIX=... DESTDIR=...`; the command is built knowing LIBDIR.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
LIBDIR  := $(PREFIX)/lib/seccomp-shim
DOCDIR  := $(PREFIX)/share/doc/seccomp-shim
MANDIR  := $(PREFIX)/share/man
CFLAGS  ?= -O2 -g
override CFLAGS += -std=gnu11 -Wall -Wextra -Werror -fPIC -fvisibility=hidden \
           -Iinclude -I$(B)/gen $(PKG_CFLAGS)
LDFLAGS ?=

# engine/: the policy compiler (shim and command). preload/: what runs inside
# the sandboxed process; shim.c is the constructor, the rest (the install
# sequence) is linked into the command too, for `run --direct`. cli/: the
# command. Each sees include/ and its own folder, nothing else's.
SHIM_SRC   := preload/shim.c
GUEST_SRC  := $(filter-out $(SHIM_SRC),$(wildcard preload/*.c))
ENGINE_SRC := $(wildcard engine/*.c)
CLI_SRC    := $(wildcard cli/*.c)
GEN        := $(B)/gen/syscalls_x86_64.inc $(B)/gen/syscalls_i386.inc $(B)/gen/constants.inc \
              $(B)/gen/constants_headers.h $(B)/gen/groups.inc $(B)/gen/table_sizes.h

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(B)/%.o)
GUEST_OBJ  := $(GUEST_SRC:%.c=$(B)/%.o)
SHIM_OBJ   := $(SHIM_SRC:%.c=$(B)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(B)/%.o)

SHIM    := $(B)/libseccomp-shim.so
ENGINE  := $(B)/libseccomp-shim-engine.a
GUEST   := $(B)/libseccomp-shim-guest.a
CLI     := $(B)/seccomp-shim

TEST_PROG_SRC := $(wildcard tests/progs/*.c)
TEST_PROGS    := $(TEST_PROG_SRC:tests/progs/%.c=$(B)/tests/%)
UNIT_SRC      := $(wildcard tests/unit/*.c)
UNIT_TESTS    := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)

all: $(SHIM) $(if $(CLI_SRC),$(CLI))

$(GEN) &: tools/gen-tables.sh tools/constants.list data/syscall-groups.txt data/syscall-groups-extra.txt \
          data/syscalls-x86_64-newer.txt
	sh tools/gen-tables.sh "$(CC)" $(B)/gen

$(ENGINE_OBJ): CFLAGS += -Iengine
$(GUEST_OBJ) $(SHIM_OBJ): CFLAGS += -Ipreload
$(CLI_OBJ): CFLAGS += -Icli

$(B)/%.o: %.c $(wildcard include/*.h) $(GEN)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<";)
	$(if $(V),,@)$(CC) $(CFLAGS) -MMD -c -o $@ $<

$(ENGINE): $(ENGINE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(GUEST): $(GUEST_OBJ)
	rm -f $@ && ar rcs $@ $^

# The shim carries libseccomp and inih inside, their symbols hidden by
# shim.map: a process then maps one object instead of three (README.md,
# Performance, has the numbers). SHIM_LIBS='$(PKG_LIBS)' links them dynamically.
SHIM_LIBS ?= -Wl,--push-state,-Bstatic -lseccomp -linih -Wl,--pop-state
SHIM_LINK  = $(CC) -shared -Wl,--version-script=preload/shim.map -Wl,--exclude-libs,ALL \
             -Wl,-z,now -Wl,-z,relro $(LDFLAGS)

$(SHIM): $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE) $(SHIM_LIBS)

# Where the installed command looks for the installed shim. The stamp changes
# (and the command is rebuilt) only when PREFIX does.
LIBDIR_STAMP := $(B)/gen/libdir.txt
$(LIBDIR_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(LIBDIR)' >$@.new; if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi
$(CLI_OBJ): CFLAGS += -DSS_LIBDIR='"$(LIBDIR)"'
$(CLI_OBJ): $(LIBDIR_STAMP)

$(CLI): $(CLI_OBJ) $(GUEST) $(ENGINE)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(GUEST) $(ENGINE) $(PKG_LIBS) $(CLI_LIBS)

# Small programs the tests run under the shim.
$(B)/tests/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror $(TEST_PROG_CFLAGS) -o $@ $< -lpthread

# A static copy of the uname program (the filter must survive exec of a
# static binary), a malloc interposer that finds what the shim did not free,
# and a library whose constructor starts a thread before the shim's runs,
# linked by tests/progs/prethread.c.
TEST_PROGS += $(B)/tests/uname-static
$(B)/tests/uname-static: tests/progs/uname.c
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror -static -o $@ $<

$(B)/tests/libprethread.so: tests/progs/lib/prethread.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $< -lpthread

TEST_PROGS += $(B)/tests/libheapcheck.so
$(B)/tests/libheapcheck.so: tests/progs/lib/heapcheck.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $<

$(B)/tests/prethread: tests/progs/prethread.c $(B)/tests/libprethread.so
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -o $@ $< -L$(B)/tests -lprethread \
	    -Wl,-rpath,'$$ORIGIN' -lpthread
# Programs LD_PRELOAD cannot reach: static, and 32-bit i386 (no libc, so no
# gcc-multilib needed).
$(B)/tests/static-%: tests/progs/static-%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -static -o $@ $<

$(B)/tests/i386-%: tests/progs/i386-%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror -m32 -nostdlib -static -fno-pic -fno-stack-protector \
	    -o $@ $<

# Unit tests may look inside the engine (-Iengine).
$(B)/tests/unit/%: tests/unit/%.c $(ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iengine -o $@ $< $(ENGINE) $(PKG_LIBS)

# verdicts.c also runs the probe stamp, which lives in the guest.
$(B)/tests/unit/verdicts: tests/unit/verdicts.c $(ENGINE) $(GUEST)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iengine -o $@ $< $(GUEST) $(ENGINE) $(PKG_LIBS)

test-build: all $(TEST_PROGS) $(UNIT_TESTS)

# `make bench`: start-up and per-syscall costs, against the alternatives
# (README.md, Performance). Not part of `make test`: it measures, it does not test.
BENCH_DIR := $(B)/bench
BENCH     := $(BENCH_DIR)/bench $(BENCH_DIR)/child $(BENCH_DIR)/noop.so \
             $(BENCH_DIR)/libseccomp-shim-dynamic.so $(BENCH_DIR)/libseccomp-shim-nolibs.so

$(BENCH_DIR)/bench: bench/bench.c $(ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(ENGINE) $(PKG_LIBS) $(CLI_LIBS) -lm

$(BENCH_DIR)/child: bench/child.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $<

# A preloaded object with no dependencies and an empty constructor: the floor.
$(BENCH_DIR)/noop.so: bench/noop.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -o $@ $<

# The shim as it was linked before: libseccomp and inih loaded at start-up.
$(BENCH_DIR)/libseccomp-shim-dynamic.so: $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE) $(PKG_LIBS)

# Lazy loading's best case, for measurement only: the shim without libseccomp
# and inih, bound lazily so that the compiled-policy path (which never calls
# them) runs. An INI policy would crash it.
$(BENCH_DIR)/libseccomp-shim-nolibs.so: $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,--version-script=preload/shim.map $(LDFLAGS) -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE)

bench: all $(BENCH)
	$(BENCH_DIR)/bench $(BENCH_ARGS)

# Installs the Debian packages (tools/debian-packages.txt) when missing.
deps:
	sh tools/install-deps.sh

test: test-build
	ulimit -c 0; prove -f tests/*.t

# Sanitizers and fuzzing (clang). The sanitized build lives in build/san;
# the shim object itself is never sanitized (ASan must come first in a
# process, and the shim is preloaded into programs built without it): the
# normal shim is copied beside the sanitized command, which finds it there.
SAN_FLAGS    = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_TESTS   ?= tests/15-*.t tests/2[0-9]-*.t tests/4[0-9]-*.t tests/5[0-9]-*.t tests/6[0-9]-*.t \
               tests/81-*.t
FUZZ_SECONDS ?= 60
FZ           = $(B)/fuzz
FUZZ_OBJ     = $(ENGINE_SRC:%.c=$(FZ)/%.o)

check-sanitize: all $(TEST_PROGS)
	$(MAKE) B=$(B)/san CC=clang CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
	    $(B)/san/seccomp-shim $(UNIT_TESTS:$(B)/%=$(B)/san/%) $(TEST_PROGS:$(B)/%=$(B)/san/%)
	cp $(SHIM) $(B)/san/libseccomp-shim.so
	ulimit -c 0; SS_BUILD=$(CURDIR)/$(B)/san \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	    prove -f $(SAN_TESTS)

$(FZ)/%.o: %.c $(wildcard include/*.h) engine/internal.h $(GEN)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Iengine -I$(B)/gen $(PKG_CFLAGS) -c -o $@ $<

$(FZ)/policy_fuzz: tests/fuzz/policy_fuzz.c $(FUZZ_OBJ)
	clang -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Iengine -I$(B)/gen -o $@ $^ $(PKG_LIBS)

# Runs the fuzzer from a seed corpus of conf/, the bad-input corpus and every
# input that once crashed it (tests/fuzz/regressions); a new crash is saved
# in $(FZ)/ and fails the target.
# The random differential test of compiled filters against their policies
# (tests/18-differential.t runs it for 10 s) runs as long as the fuzzer.
fuzz: $(FZ)/policy_fuzz $(B)/tests/unit/differential
	$(B)/tests/unit/differential -s $(FUZZ_SECONDS)
	@mkdir -p $(FZ)/corpus
	cd $(FZ) && ./policy_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -artifact_prefix=$(CURDIR)/$(FZ)/ corpus $(CURDIR)/conf $(CURDIR)/tests/bad \
	    $(CURDIR)/tests/fuzz/regressions

demo: all $(TEST_PROGS)
	@sh tests/demo.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DOCDIR)/examples \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/seccomp-shim
	install -m 644 $(SHIM) $(DESTDIR)$(LIBDIR)/libseccomp-shim.so
	install -m 644 conf/*.ini $(DESTDIR)$(DOCDIR)/examples/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	$(if $(wildcard man/*.5),install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/seccomp-shim $(DESTDIR)$(LIBDIR)/libseccomp-shim.so \
	    $(DESTDIR)$(MANDIR)/man1/seccomp-shim.1 $(DESTDIR)$(MANDIR)/man5/seccomp-shim.ini.5
	rm -rf $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(LIBDIR)

format:
	clang-format -i include/*.h engine/*.[ch] preload/*.[ch] $(wildcard cli/*.[ch] tests/progs/*.c tests/progs/lib/*.c tests/unit/*.c tests/fuzz/*.c bench/*.c)

clean:
	rm -rf $(B)

FORCE:

.PHONY: all bench check-sanitize fuzz deps test test-build demo install uninstall format clean FORCE
-include $(ENGINE_OBJ:.o=.d) $(GUEST_OBJ:.o=.d) $(SHIM_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
