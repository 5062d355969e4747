# seccomp-shim: `make` builds the shim and the command, `make test` runs the
# tests, `make demo` runs the classic experiments. See README.md.

CC      ?= gcc
PKGS    := libseccomp inih
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CLI_LIBS   = $(shell pkg-config --libs jansson 2>/dev/null)

B       := build
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -fPIC -fvisibility=hidden \
           -Iinclude -Ipreload -I$(B)/gen $(PKG_CFLAGS)
LDFLAGS ?=

SHIM_SRC   := preload/shim.c
ENGINE_SRC := $(filter-out $(SHIM_SRC),$(wildcard preload/*.c))
CLI_SRC    := $(wildcard cli/*.c)
GEN        := $(B)/gen/syscalls_x86_64.inc $(B)/gen/syscalls_i386.inc $(B)/gen/constants.inc \
              $(B)/gen/constants_headers.h

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(B)/%.o)
SHIM_OBJ   := $(SHIM_SRC:%.c=$(B)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(B)/%.o)

SHIM    := $(B)/libseccomp-shim.so
ENGINE  := $(B)/libseccomp-shim-engine.a
CLI     := $(B)/seccomp-shim

TEST_PROG_SRC := $(wildcard tests/progs/*.c)
TEST_PROGS    := $(TEST_PROG_SRC:tests/progs/%.c=$(B)/tests/%)
UNIT_SRC      := $(wildcard tests/unit/*.c)
UNIT_TESTS    := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)

all: $(SHIM) $(if $(CLI_SRC),$(CLI))

$(GEN) &: tools/gen-tables.sh tools/constants.list
	sh tools/gen-tables.sh "$(CC)" $(B)/gen

$(B)/%.o: %.c include/seccomp-shim.h preload/policy_internal.h $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -c -o $@ $<

$(ENGINE): $(ENGINE_OBJ)
	rm -f $@ && ar rcs $@ $^

# The shim carries libseccomp and inih inside, their symbols hidden by
# shim.map: a process then maps one object instead of three (README.md,
# Performance, has the numbers). SHIM_LIBS='$(PKG_LIBS)' links them dynamically.
SHIM_LIBS ?= -Wl,--push-state,-Bstatic -lseccomp -linih -Wl,--pop-state
SHIM_LINK  = $(CC) -shared -Wl,--version-script=preload/shim.map -Wl,--exclude-libs,ALL \
             -Wl,-z,now -Wl,-z,relro $(LDFLAGS)

$(SHIM): $(SHIM_OBJ) $(ENGINE) preload/shim.map
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(ENGINE) $(SHIM_LIBS)

$(CLI): $(CLI_OBJ) $(ENGINE)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(ENGINE) $(PKG_LIBS) $(CLI_LIBS)

# Small programs the tests run under the shim.
$(B)/tests/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror $(TEST_PROG_CFLAGS) -o $@ $< -lpthread

$(B)/tests/unit/%: tests/unit/%.c $(ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(ENGINE) $(PKG_LIBS)

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
$(BENCH_DIR)/libseccomp-shim-dynamic.so: $(SHIM_OBJ) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(SHIM_LINK) -o $@ $(SHIM_OBJ) $(ENGINE) $(PKG_LIBS)

# Lazy loading's best case, for measurement only: the shim without libseccomp
# and inih, bound lazily so that the compiled-policy path (which never calls
# them) runs. An INI policy would crash it.
$(BENCH_DIR)/libseccomp-shim-nolibs.so: $(SHIM_OBJ) $(ENGINE) preload/shim.map
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,--version-script=preload/shim.map $(LDFLAGS) -o $@ $(SHIM_OBJ) $(ENGINE)

bench: all $(BENCH)
	$(BENCH_DIR)/bench $(BENCH_ARGS)

# Installs the Debian packages (tools/debian-packages.txt) when missing.
deps:
	sh tools/install-deps.sh

test: test-build
	ulimit -c 0; prove -f tests/*.t

demo: all $(TEST_PROGS)
	@sh tests/demo.sh

format:
	clang-format -i include/*.h preload/*.[ch] $(wildcard cli/*.[ch] tests/progs/*.c tests/unit/*.c bench/*.c)

clean:
	rm -rf $(B)

.PHONY: all bench deps test test-build demo format clean
-include $(ENGINE_OBJ:.o=.d) $(SHIM_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
