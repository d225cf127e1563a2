# coderfit - candidate-fit scoring for medical-coder applicants
#
#   make            build build/coderfit
#   make run        rank the bundled example applicants with the embedded rubric
#   make test       run the whole test suite, two suites at a time (ends
#                   "N passed, N failed"); TESTS=cli runs one suite
#   make test SAN=1 the behaviour suites under AddressSanitizer +
#                   UndefinedBehaviorSanitizer
#   make check-valgrind  the behaviour suites under valgrind's memcheck
#   make check-fault     every allocation made to fail in turn (some minutes)
#   make golden-update   write tests/golden anew after a deliberate format change
#   make panel      how the ranking agrees with the coding manager's panel,
#                   and how the panel's resume files score against their twins
#   make install    install under $(DESTDIR)$(PREFIX): the program, its
#                   manual pages, the rubrics, their starting test cases and
#                   the examples, shell completions
#   make uninstall  remove what make install installed
#   make dist       the release tarball, $(BUILD)/coderfit-VERSION.tar.gz
#
# Honours CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR and the *DIR variables below.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/coderfit
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/coderfit
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
PKG_CONFIG ?= pkg-config
DEPS := libcjson yaml-0.1 libxml-2.0 libzip

CFLAGS ?= -O2 -g
BUILD ?= build
# the suites make test runs (tests/run.sh): all, behaviour (those whose
# result the build can change), or names (TESTS="cli golden")
TESTS ?= all
ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TESTS := behaviour
# the unit tests' allocation-failure sweeps run under the same sanitizers
# in make check-fault (its loop "unit")
export UNIT_GROUPS ?= -fault
endif

# Recursive (=) so that pkg-config runs only after the deps check below.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(DEPS))
# A release build warns without failing, so that a newer compiler's new
# warning never breaks a user's build; DEVELOPER=1 (CI sets it) adds git's
# developer warnings and makes every warning an error.  (The embedded JSON
# Schemas are string literals longer than the 4095 bytes C99 promises;
# gcc and clang take any length.)
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2
ifeq ($(DEVELOPER),1)
WARN += -Werror -Wmissing-prototypes -Wvla -Wwrite-strings -Wold-style-definition -fno-common \
        -pedantic -Wno-overlength-strings
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -Isrc/lib $(DEP_CFLAGS) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(DEP_LIBS) -lm -lpthread

LIB_SRC := $(wildcard src/lib/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/rubric_default.o $(BUILD)/obj/schemas.o
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/obj/tests/%.o)
HEADERS := $(wildcard include/*.h src/lib/*.h src/cli/*.h)
STAMP := $(BUILD)/.deps-ok

.PHONY: all run test check bench panel fuzz fuzz-big fuzz-build check-valgrind check-fault golden-update install uninstall clean deps dist

all: $(BUILD)/coderfit

deps: $(STAMP)

$(STAMP): tools/ensure-deps.sh
	@PKG_CONFIG='$(PKG_CONFIG)' sh tools/ensure-deps.sh $(DEPS)
	@mkdir -p $(@D) && touch $@

$(BUILD)/obj/%.o: src/%.c $(HEADERS) | $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c $(HEADERS) | $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

# The shipped rubrics are compiled in, so that `coderfit score x.json` needs
# no other file and a rubric can extend one by its id.
$(BUILD)/embed: tools/embed.c | $(STAMP)
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

$(BUILD)/rubric_default.c: $(sort $(wildcard rubrics/*.yaml)) $(BUILD)/embed
	$(BUILD)/embed $@ $(sort $(wildcard rubrics/*.yaml))

$(BUILD)/obj/rubric_default.o: $(BUILD)/rubric_default.c | $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The JSON Schemas of the outputs, from src/schemas, for `coderfit schema`.
$(BUILD)/schemas.c: $(sort $(wildcard src/schemas/*.json)) $(BUILD)/embed
	$(BUILD)/embed -n schemas $@ $(sort $(wildcard src/schemas/*.json))

$(BUILD)/obj/schemas.o: $(BUILD)/schemas.c | $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libcoderfit.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/coderfit: $(CLI_OBJ) $(BUILD)/libcoderfit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libcoderfit.a $(LIBS)

$(BUILD)/unit-tests: $(TEST_OBJ) $(BUILD)/libcoderfit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libcoderfit.a $(LIBS)

# Benchmark helpers: a profile generator, the parse-only floor, a peak-RSS runner.
$(BUILD)/tools/%: tools/%.c | $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBS)

bench: $(BUILD)/coderfit $(BUILD)/tools/gen $(BUILD)/tools/floor $(BUILD)/tools/peakrss
	@sh tools/bench.sh $(BUILD)

# The agreement figures of docs/panel.md on tests/panel, each disagreement first.
panel: $(BUILD)/coderfit
	@sh tools/resumes.sh -v $(BUILD)
	@sh tools/panel.sh -v $(BUILD)

# The whole suite under valgrind's memcheck: no error, no leak.
check-valgrind: $(BUILD)/coderfit $(BUILD)/unit-tests
	@sh tools/valgrind.sh $(BUILD)

# Every allocation made to fail in turn, command by command (tools/fault.sh).
check-fault: | $(STAMP)
	@sh tools/fault.sh

# libFuzzer targets, each run for FUZZ_SECONDS (clang, ASan + UBSan).
FUZZ_SECONDS ?= 60
fuzz: | $(STAMP)
	@sh tools/fuzz.sh $(FUZZ_SECONDS)
# the same on inputs up to 4 MiB, for the error paths of big inputs
fuzz-big: | $(STAMP)
	@sh tools/fuzz.sh $(FUZZ_SECONDS) big

# Every fuzz target compiled and linked, none run (CI).
fuzz-build: | $(STAMP)
	@sh tools/fuzz.sh 0 build

run: $(BUILD)/coderfit
	$(BUILD)/coderfit rank examples/applicants

test: $(BUILD)/coderfit $(BUILD)/unit-tests $(BUILD)/tools/peakrss
	@sh tests/run.sh $(BUILD) $(TESTS)

# The golden outputs of tests/golden, written anew after a deliberate
# change of a format (make test compares them byte for byte).
golden-update: $(BUILD)/coderfit
	@sh tests/golden.sh $(BUILD) --update

check: test

# What make install puts where: uninstall removes these files, then the
# folders they leave empty (a file of one's own in them stays).
RUBRICS := $(wildcard rubrics/*.yaml)
# the rubrics' test cases, a team's starting point: under the data folder as
# in the source tree, so that their profile paths (../../examples/...) hold
EXAMPLES := $(wildcard examples/applicants/*.json examples/rubrics/*.yaml examples/ci/* examples/*.csv) \
            $(wildcard tests/cases/*.yaml)
DOCS := README.md LICENSE $(wildcard docs/*.md)

install: $(BUILD)/coderfit
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(DATADIR)/rubrics $(DESTDIR)$(DOCDIR)/docs \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(sort $(dir $(EXAMPLES:%=$(DESTDIR)$(DATADIR)/%)))
	install -m 755 $(BUILD)/coderfit $(DESTDIR)$(BINDIR)/coderfit
	sed 's|/usr/local/share/coderfit|$(DATADIR)|g' docs/coderfit.1 >$(DESTDIR)$(MANDIR)/man1/coderfit.1
	sed 's|/usr/local/share/coderfit|$(DATADIR)|g' docs/coderfit-rubric.5 >$(DESTDIR)$(MANDIR)/man5/coderfit-rubric.5
	chmod 644 $(DESTDIR)$(MANDIR)/man1/coderfit.1 $(DESTDIR)$(MANDIR)/man5/coderfit-rubric.5
	install -m 644 $(RUBRICS) $(DESTDIR)$(DATADIR)/rubrics/
	for f in $(EXAMPLES); do install -m 644 $$f $(DESTDIR)$(DATADIR)/$$f || exit 1; done
	chmod 755 $(DESTDIR)$(DATADIR)/examples/ci/pre-commit
	for f in $(DOCS); do install -m 644 $$f $(DESTDIR)$(DOCDIR)/$$f || exit 1; done
	install -m 644 src/completion/coderfit.bash $(DESTDIR)$(BASHCOMPDIR)/coderfit
	install -m 644 src/completion/_coderfit $(DESTDIR)$(ZSHCOMPDIR)/_coderfit

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/coderfit $(DESTDIR)$(MANDIR)/man1/coderfit.1 \
	    $(DESTDIR)$(MANDIR)/man5/coderfit-rubric.5 \
	    $(DESTDIR)$(BASHCOMPDIR)/coderfit $(DESTDIR)$(ZSHCOMPDIR)/_coderfit \
	    $(RUBRICS:%=$(DESTDIR)$(DATADIR)/%) \
	    $(EXAMPLES:%=$(DESTDIR)$(DATADIR)/%) $(DOCS:%=$(DESTDIR)$(DOCDIR)/%)
	for d in $(sort $(dir $(EXAMPLES))) examples/ tests/ rubrics/ ""; do \
	    rmdir $(DESTDIR)$(DATADIR)/$$d 2>/dev/null; done; \
	for d in $(DOCDIR)/docs $(DOCDIR) $(BINDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(MANDIR) \
	    $(BASHCOMPDIR) $(dir $(BASHCOMPDIR:%/=%)) $(ZSHCOMPDIR) $(dir $(ZSHCOMPDIR:%/=%)) \
	    $(dir $(DOCDIR:%/=%)); do \
	    rmdir $(DESTDIR)$$d 2>/dev/null; done; true

# The release tarball: every file the repository tracks, as the work tree
# has it, under coderfit-VERSION/ (what a team's CI builds and installs).
VERSION := $(shell sed -n 's/^\#define CF_VERSION "\(.*\)"$$/\1/p' include/coderfit.h)
dist:
	@mkdir -p $(BUILD)
	git ls-files -z | tar --null -T - --transform 's,^,coderfit-$(VERSION)/,' \
	    --owner=0 --group=0 --numeric-owner -czf $(BUILD)/coderfit-$(VERSION).tar.gz
	@echo $(BUILD)/coderfit-$(VERSION).tar.gz

clean:
	rm -rf build build-san build-fuzz build-vg
