# SPDX-License-Identifier: LGPL-2.1-or-later
# seccomp-shim: `make` builds the shim and the command, `make test` runs the
# tests, `make demo` runs the classic experiments. See README.md.

CC      ?= gcc
PKG_CONFIG ?= pkg-config
PKGS    := libseccomp inih
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# capstone: scan's disassembler, the command's only. NO_CAPSTONE=1 builds
# without it (the aarch64 cross build: Debian 12's libcapstone-dev cannot be
# installed for two architectures at once, and scan reads x86_64 code only).
CLI_LIBS   = $(shell $(PKG_CONFIG) --libs jansson libcap $(if $(NO_CAPSTONE),,capstone) 2>/dev/null)

B       := build

# The version `seccomp-shim --version` and the man pages print. The one place
# it is written is the top entry of debian/changelog (a native package: its
# version is the project's); the man pages' date is that entry's.
VERSION := $(shell sed -n '1s/^[^ ]* .\([^ ]*\). .*/\1/p' debian/changelog)
DATE    := $(shell date -u -d "$$(sed -n '/^ -- /{s/^ -- .*>  //p;q}' debian/changelog)" +%Y-%m-%d)
ifeq ($(VERSION),)
$(error no version: debian/changelog is missing or its first line is not "seccomp-shim (VERSION) ...")
endif

# `make install PREFIX=... DESTDIR=...`; the command is built knowing LIBDIR.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
LIBDIR  := $(PREFIX)/lib/seccomp-shim
DOCDIR  := $(PREFIX)/share/doc/seccomp-shim
MANDIR  := $(PREFIX)/share/man
# Policies by name (engine/search.c): the shipped ones, and the system's.
POLICYDIR := $(PREFIX)/share/seccomp-shim/policies
SYSCONFDIR ?= /etc
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  := $(PREFIX)/share/zsh/vendor-completions
# CFLAGS, CPPFLAGS and LDFLAGS are the builder's (dpkg-buildflags' for a
# Debian package); the project's own flags are added after them. Warnings are
# errors only with WERROR=1, which `make test` and CI set: a distribution's
# build with a newer compiler then warns instead of failing.
CFLAGS  ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
WERROR  ?=
override CFLAGS += -std=gnu11 -Wall -Wextra $(if $(WERROR),-Werror) -fPIC -fvisibility=hidden \
           -Iinclude -I$(B)/gen $(PKG_CFLAGS)

# engine/: the policy compiler (shim and command). preload/: what runs inside
# the sandboxed process; shim.c is the constructor, the rest (the plan and
# the install sequence) is the guest archive, which the command links for
# `run --direct` and tests/unit/startup for the plan. cli/: the command. Each sees include/ and its own folder, nothing else's.
SHIM_SRC   := preload/shim.c
GUEST_SRC  := $(filter-out $(SHIM_SRC),$(wildcard preload/*.c))
ENGINE_SRC := $(wildcard engine/*.c)
CLI_SRC    := $(wildcard cli/*.c cli/learn/*.c)
GEN        := $(B)/gen/syscalls_x86_64.inc $(B)/gen/syscalls_i386.inc $(B)/gen/syscalls_aarch64.inc \
              $(B)/gen/syscalls_x86_64_index.inc $(B)/gen/syscalls_i386_index.inc \
              $(B)/gen/syscalls_aarch64_index.inc \
              $(B)/gen/constants.inc $(B)/gen/constants_aarch64.inc \
              $(B)/gen/constants_headers.h $(B)/gen/groups.inc $(B)/gen/table_sizes.h \
              $(B)/gen/syscall_args.inc $(B)/gen/syscall_arg_kinds.inc

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

# The man pages, their .TH line carrying VERSION and DATE.
MAN := $(patsubst man/%,$(B)/man/%,$(wildcard man/*.[1-8]))

all: $(SHIM) $(if $(CLI_SRC),$(CLI)) $(MAN)

# The tables come from committed data only (tools/gen-arch-data.sh makes it
# from the headers), never from the build machine's headers: an x86_64 and an
# aarch64 machine, native or cross, generate the same files.
$(GEN) &: tools/gen-tables.sh tools/constants.list data/syscall-groups.txt data/syscall-groups-extra.txt \
          data/syscalls-x86_64.txt data/syscalls-x86_64-newer.txt data/syscalls-i386.txt \
          data/syscalls-aarch64.txt data/syscalls-aarch64-newer.txt \
          data/constants-x86_64.txt data/constants-aarch64.txt data/syscall-args.txt
	sh tools/gen-tables.sh $(B)/gen

# What compiled a policy: a compiled sibling made by another engine (or
# another libseccomp) is not used in place of its INI (engine/source.c).
ENGINE_ID := $(B)/gen/engine_id.h
$(ENGINE_ID): $(ENGINE_SRC) engine/internal.h $(wildcard include/*.h) $(GEN)
	@mkdir -p $(dir $@)
	@printf '#define SS_ENGINE_ID "%s libseccomp %s"\n' "$$(cat $^ | sha256sum | cut -c1-32)" \
	    "$$($(PKG_CONFIG) --modversion libseccomp)" >$@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi
$(B)/engine/source.o: $(ENGINE_ID)

$(ENGINE_OBJ): CFLAGS += -Iengine
$(GUEST_OBJ) $(SHIM_OBJ): CFLAGS += -Ipreload
$(CLI_OBJ): CFLAGS += -Icli $(if $(NO_CAPSTONE),-DSS_NO_CAPSTONE) -Icli/learn

$(B)/%.o: %.c $(wildcard include/*.h) $(GEN)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<";)
	$(if $(V),,@)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(ENGINE): $(ENGINE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(GUEST): $(GUEST_OBJ)
	rm -f $@ && ar rcs $@ $^

# The shim carries libseccomp and inih inside, their symbols hidden by
# shim.map: a process then maps one object instead of three (docs/performance.md
# has the numbers). SHIM_LIBS='$(PKG_LIBS)' links them dynamically. -z defs:
# a symbol no library defines is a link error, not a shim that kills every
# program it is preloaded into (exit 127, "symbol lookup error").
SHIM_LIBS ?= -Wl,--push-state,-Bstatic -lseccomp -linih -Wl,--pop-state
SHIM_LINK  = $(CC) -shared -Wl,--version-script=preload/shim.map -Wl,--exclude-libs,ALL \
             -Wl,-z,defs -Wl,-z,now -Wl,-z,relro $(LDFLAGS)

$(SHIM): $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE) $(SHIM_LIBS)

# Where the installed command looks for the installed shim, and its version.
# The stamp changes (and the command is rebuilt) only when PREFIX or VERSION does.
LIBDIR_STAMP := $(B)/gen/libdir.txt
$(LIBDIR_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(LIBDIR) $(VERSION) $(POLICYDIR) $(SYSCONFDIR)' >$@.new; if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi
$(CLI_OBJ): CFLAGS += -DSS_LIBDIR='"$(LIBDIR)"' -DSS_VERSION='"$(VERSION)"'
$(CLI_OBJ): $(LIBDIR_STAMP)
$(B)/engine/search.o: CFLAGS += -DSS_POLICYDIR='"$(POLICYDIR)"' -DSS_SYSCONFDIR='"$(SYSCONFDIR)"'
$(B)/engine/search.o: $(LIBDIR_STAMP)

# Bound at start (-z now) like the shim, so its GOT can be read-only (RELRO).
$(CLI): $(CLI_OBJ) $(GUEST) $(ENGINE)
	$(CC) -Wl,-z,now -Wl,-z,relro $(LDFLAGS) -o $@ $(CLI_OBJ) $(GUEST) $(ENGINE) $(PKG_LIBS) $(CLI_LIBS)

$(B)/man/%: man/% debian/changelog
	@mkdir -p $(dir $@)
	sed '1s/^\.TH \([^ ]*\) \([^ ]*\) [^ ]* [^ ]* /.TH \1 \2 $(DATE) "seccomp-shim $(VERSION)" /' $< >$@.new
	@grep -q '^\.TH .* "seccomp-shim $(VERSION)" ' $@.new || { echo "$<: no .TH line to put the version in"; exit 1; }
	mv $@.new $@

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

# Makes the Nth allocation fail (FAIL_AT=N): the command must then fail, not
# write a damaged file.
TEST_PROGS += $(B)/tests/libfailmalloc.so
$(B)/tests/libfailmalloc.so: tests/progs/lib/failmalloc.c
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
	$(CC) $(CPPFLAGS) $(CFLAGS) -Iengine $(UNIT_LDFLAGS) -o $@ $< $(ENGINE) $(PKG_LIBS)

# The start-up path is the shim's own (preload/plan.c, marker.c), bound at
# load as the shim is (-z now): tests/83 counts the path's instructions, not
# the loader's lazy binding.
$(B)/tests/unit/startup: tests/unit/startup.c $(GUEST) $(ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Iengine -Ipreload -Wl,-z,now -o $@ $< $(GUEST) $(ENGINE) $(PKG_LIBS)

# The guest's Landlock part as on older kernels: links the guest too.
$(B)/tests/unit/landlock_abi: tests/unit/landlock_abi.c $(GUEST) $(ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Ipreload -o $@ $< $(GUEST) $(ENGINE) $(PKG_LIBS)

# verdicts.c also runs the probe stamp, which lives in the guest.
$(B)/tests/unit/verdicts: tests/unit/verdicts.c $(ENGINE) $(GUEST)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iengine -o $@ $< $(GUEST) $(ENGINE) $(PKG_LIBS)

test-build: all $(TEST_PROGS) $(UNIT_TESTS)

# The shim and the command for aarch64, cross-compiled against Debian's arm64
# packages (tools/debian-packages-cross-aarch64.txt, `make deps-cross-aarch64`) into
# build/aarch64/, warnings as errors; cross-aarch64-check runs them under
# qemu-aarch64-static (tools/cross-aarch64-check.sh): the command's parts that
# need no kernel, the shim's refusal where seccomp() is missing, and that the
# tables generated with aarch64's compiler and headers (as a native aarch64
# build has them) are x86_64's.
AARCH64_CC ?= aarch64-linux-gnu-gcc
AARCH64_PKG_CONFIG ?= env PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config
cross-aarch64:
	$(MAKE) B=$(B)/aarch64 CC=$(AARCH64_CC) PKG_CONFIG='$(AARCH64_PKG_CONFIG)' NO_CAPSTONE=1 \
	    WERROR=1 all

cross-aarch64-check: cross-aarch64 $(GEN)
	$(MAKE) B=$(B)/aarch64 CC=$(AARCH64_CC) PKG_CONFIG='$(AARCH64_PKG_CONFIG)' NO_CAPSTONE=1 \
	    WERROR=1 $(B)/aarch64/tests/unit/arch
	sh tools/cross-aarch64-check.sh $(B)/aarch64 $(B)/gen

deps-cross-aarch64:
	dpkg --add-architecture arm64
	apt-get update -q
	apt-get install -y -q $$(cat tools/debian-packages-cross-aarch64.txt)

# The project's own checks keep warnings as errors (CI runs `make deps test`);
# `make test WERROR=` does not.
test test-build check-sanitize: WERROR = 1

# `make bench`: start-up and per-syscall costs, against the physical limit
# and the alternatives (docs/performance.md). Not part of `make test`: it
# measures, it does not test. BENCH_QUICK=1: under a minute, for development.
# bench-deps installs what the alternatives' rows run (bwrap, firejail).
BENCH_DIR   := $(B)/bench
BENCH_QUICK ?=
BENCH       := $(BENCH_DIR)/bench $(BENCH_DIR)/child $(BENCH_DIR)/noop.so $(BENCH_DIR)/rawinstall.so \
               $(BENCH_DIR)/libseccomp-shim-dynamic.so $(BENCH_DIR)/libseccomp-shim-nolibs.so \
               $(BENCH_DIR)/libseccomp-shim-nosep.so
BENCH_TOOLS := /usr/bin/bwrap /usr/bin/firejail

$(BENCH_DIR)/bench: bench/bench.c $(wildcard include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -lm

$(BENCH_DIR)/child: bench/child.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $<

# Preloaded objects with no library of their own: an empty constructor (the
# floor of any preload), and one seccomp() of a raw BPF file (the limit of a
# precompiled policy).
$(BENCH_DIR)/noop.so $(BENCH_DIR)/rawinstall.so: $(BENCH_DIR)/%.so: bench/%.c include/seccomp-shim-landlock.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude -fPIC -shared -o $@ $<

# The shim as it was linked before: libseccomp and inih loaded at start-up.
$(BENCH_DIR)/libseccomp-shim-dynamic.so: $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE) $(PKG_LIBS)

# Lazy loading's best case, for measurement only: the shim without libseccomp
# and inih, bound lazily so that the compiled-policy path (which never calls
# them) runs. An INI policy would crash it (so no -z defs here).
$(BENCH_DIR)/libseccomp-shim-nolibs.so: $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,--version-script=preload/shim.map -Wl,--exclude-libs,ALL $(LDFLAGS) -o $@ \
	    $(SHIM_OBJ) $(GUEST) $(ENGINE)

# The shim in two LOAD segments instead of four (-z separate-code is the
# default): two mmaps fewer per start, at the price of executable rodata.
$(BENCH_DIR)/libseccomp-shim-nosep.so: $(SHIM_OBJ) $(GUEST) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(SHIM_LINK) -Wl,-z,noseparate-code -o $@ $(SHIM_OBJ) $(GUEST) $(ENGINE) $(SHIM_LIBS)

bench: all $(BENCH)
	@for t in $(BENCH_TOOLS); do test -x $$t || \
	    echo "bench: no $$t, its rows are skipped: make bench-deps installs it"; done
	$(BENCH_DIR)/bench $(if $(BENCH_QUICK),-q) $(BENCH_ARGS)

# The alternatives the bench compares with, from Debian (minijail is not in
# Debian 12).
bench-deps:
	apt-get update && apt-get install -y bubblewrap firejail

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
	$(MAKE) B=$(B)/san CC=clang CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" WERROR=$(WERROR) \
	    $(B)/san/seccomp-shim $(UNIT_TESTS:$(B)/%=$(B)/san/%) $(TEST_PROGS:$(B)/%=$(B)/san/%)
	cp $(SHIM) $(B)/san/libseccomp-shim.so
	ulimit -c 0; SS_BUILD=$(CURDIR)/$(B)/san \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	    prove -f $(SAN_TESTS)

$(FZ)/%.o: %.c $(wildcard include/*.h) engine/internal.h $(GEN)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Iengine -I$(B)/gen $(PKG_CFLAGS) -c -o $@ $<

$(FZ)/engine/source.o: $(ENGINE_ID)

$(FZ)/policy_fuzz: tests/fuzz/policy_fuzz.c $(FUZZ_OBJ)
	clang -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Iengine -I$(B)/gen -o $@ $^ $(PKG_LIBS)

# Runs the fuzzer from a seed corpus of conf/, the bad-input corpus and every
# input that once crashed it (tests/fuzz/regressions); a new crash is saved
# in $(FZ)/ and fails the target.
# The random differential test of compiled filters against their policies
# (tests/31-differential.t runs it for 10 s) runs as long as the fuzzer.
fuzz: $(FZ)/policy_fuzz $(B)/tests/unit/differential $(CLI)
	$(B)/tests/unit/differential -s $(FUZZ_SECONDS)
	@mkdir -p $(FZ)/corpus
	$(CLI) compile -o $(FZ)/corpus/read-only.compiled conf/read-only.ini 2>/dev/null
	$(CLI) compile -o $(FZ)/corpus/deny-uname.compiled conf/deny-uname.ini 2>/dev/null
	cd $(FZ) && ./policy_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -artifact_prefix=$(CURDIR)/$(FZ)/ corpus $(CURDIR)/conf $(CURDIR)/tests/bad \
	    $(CURDIR)/tests/fuzz/regressions

demo: all $(TEST_PROGS)
	@sh tests/demo.sh

# The Debian package (debian/), built in a copy of the tree, checked by lintian.
deb:
	sh tools/build-deb.sh $(CURDIR)/$(B)/deb

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(POLICYDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/seccomp-shim
	install -m 644 $(SHIM) $(DESTDIR)$(LIBDIR)/libseccomp-shim.so
	install -m 644 conf/*.ini $(DESTDIR)$(POLICYDIR)/
	# Compiled siblings: the shim installs X.compiled for X.ini (no parse).
	# Status 3: a Landlock path with $$PWD or $$HOME (write-here.ini), which
	# depends on the start: that policy stays INI only. HOME is not the
	# installer's: a build's HOME beneath the tree (debhelper 13.24 puts it
	# there) would make write-here.ini's home check fail before status 3.
	for f in $(DESTDIR)$(POLICYDIR)/*.ini; do \
	    HOME=/nonexistent $(CLI) compile "$$f" 2>$(B)/install-compile.err; rc=$$?; \
	    [ $$rc = 0 ] || [ $$rc = 3 ] || { cat $(B)/install-compile.err; exit 1; }; done
	install -m 644 $(filter %.1,$(MAN)) $(DESTDIR)$(MANDIR)/man1/
	$(if $(filter %.5,$(MAN)),install -m 644 $(filter %.5,$(MAN)) $(DESTDIR)$(MANDIR)/man5/)
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completions/seccomp-shim.bash $(DESTDIR)$(BASHCOMPDIR)/seccomp-shim
	install -m 644 completions/_seccomp-shim $(DESTDIR)$(ZSHCOMPDIR)/_seccomp-shim

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/seccomp-shim $(DESTDIR)$(LIBDIR)/libseccomp-shim.so \
	    $(DESTDIR)$(MANDIR)/man1/seccomp-shim.1 $(DESTDIR)$(MANDIR)/man5/seccomp-shim.ini.5
	rm -rf $(DESTDIR)$(POLICYDIR) $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PREFIX)/share/seccomp-shim
	rm -f $(DESTDIR)$(BASHCOMPDIR)/seccomp-shim $(DESTDIR)$(ZSHCOMPDIR)/_seccomp-shim

format:
	clang-format -i include/*.h engine/*.[ch] preload/*.[ch] $(wildcard cli/*.[ch] cli/learn/*.[ch] tests/progs/*.c tests/progs/lib/*.c tests/unit/*.c tests/fuzz/*.c bench/*.c)

clean:
	rm -rf $(B)

FORCE:

.PHONY: all bench bench-deps check-sanitize deb fuzz deps test test-build demo install uninstall format clean cross-aarch64 cross-aarch64-check deps-cross-aarch64 FORCE
-include $(ENGINE_OBJ:.o=.d) $(GUEST_OBJ:.o=.d) $(SHIM_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
