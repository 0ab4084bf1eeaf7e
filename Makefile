# sma-allies: plain make, no configure step.  Everything a packager sets
# can be overridden: make PREFIX=/usr DESTDIR=/tmp/pkg install

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
# Where each shell looks for completions (zsh: Debian's own directory
# for packages, site-functions for a local install).
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
ifeq ($(PREFIX),/usr)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
else
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
endif
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
VERSION     = 0.1.0

PKGS        = ncursesw yaml-0.1 libpcre2-8 libqrencode libutf8proc jansson
# Our warnings live apart from CFLAGS so that a user's CFLAGS cannot drop them.
WARN        = -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
              -Wpointer-arith -Wundef
ifeq ($(WERROR),1)
WARN       += -Werror
endif
FEATURES    = -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED -D_DEFAULT_SOURCE \
              -DVERSION='"$(VERSION)"'
# gcc 12 sees a NULL format in vsnprintf() on paths the UB sanitizer adds
# ("null format string"), a false positive: that warning stays on in the
# normal build.
SAN         = -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
ifneq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),clang)
SAN        += -Wno-format-truncation
endif

# What each part needs, as CHECK:NAME:DEBIAN-PACKAGE (see src/deps.sh).
BUILD_DEPS  = cmd:cc:gcc cmd:pkg-config:pkg-config \
              pc:ncursesw:libncurses-dev pc:yaml-0.1:libyaml-dev \
              pc:libpcre2-8:libpcre2-dev pc:libqrencode:libqrencode-dev \
              pc:libutf8proc:libutf8proc-dev pc:jansson:libjansson-dev
TEST_DEPS   = pc:cmocka:libcmocka-dev pc:vterm:libvterm-dev \
              cmd:/usr/bin/time:time cmd:script:bsdutils cmd:zbarimg:zbar-tools \
              cmd:zsh:zsh cmd:fish:fish cmd:locale-gen:locales \
              ti:tmux-256color:ncurses-term $(SSH_DEPS) \
              cmd:setsid:util-linux cmd:tic:ncurses-bin
# The public mode's tests and load test run a private sshd.
SSH_DEPS    = cmd:/usr/sbin/sshd:openssh-server cmd:ssh:openssh-client
LOAD_DEPS   = $(SSH_DEPS) pc:vterm:libvterm-dev
FUZZ_DEPS   = cmd:clang:clang
SHOT_DEPS   = cmd:rsvg-convert:librsvg2-bin
DEB_DEPS    = cmd:dpkg-buildpackage:dpkg-dev cmd:dh:debhelper \
              cmd:fakeroot:fakeroot cmd:lintian:lintian

# Only the goals below install what is missing; every other one, plain
# make and make install among them, names what is missing and stops.
# Each installs the build's packages and its own in one round, with
# EXTRA_DEPS when given (CI adds clang that way).
INSTALL_GOALS     = run test test-deps soak screenshots fuzz bench deb \
                    deb-check load
NEEDS_run         =
NEEDS_test        = $(TEST_DEPS)
NEEDS_test-deps   = $(TEST_DEPS)
NEEDS_soak        = $(TEST_DEPS)
NEEDS_screenshots = $(TEST_DEPS) $(SHOT_DEPS)
NEEDS_fuzz        = $(FUZZ_DEPS)
NEEDS_bench       = $(BENCH_DEPS)
NEEDS_load        = $(LOAD_DEPS)
NEEDS_deb         = $(DEB_DEPS)
NEEDS_deb-check   = $(DEB_DEPS)
INSTALLING        = $(filter $(INSTALL_GOALS),$(MAKECMDGOALS))
DEPS_SH           = PKG_CONFIG='$(PKG_CONFIG)' sh src/deps.sh
# The recipe line of an installing goal: what $@ needs.
INSTALL_DEPS      = @$(DEPS_SH) --install $(BUILD_DEPS) $(NEEDS_$@) \
                    $(EXTRA_DEPS)

SRCS        = util.c record.c text.c url.c diag.c keyset.c reader.c yamlfeed.c \
              load.c pattern.c match.c output.c output_json.c lookup.c \
              sort.c source.c keys.c theme.c config.c config_out.c lineedit.c \
              history.c histfile.c bar.c listview.c kiosk.c message.c stats.c \
              stats_file.c stats_report.c console.c app_state.c app.c watch.c \
              feed.c \
              layout.c qr.c probe.c draw.c pane_bars.c pane_loading.c pane_list.c \
              pane_detail.c pane_overlay.c pane_qr.c searchbar.c open.c ui.c \
              topics.c pane_topics.c public.c ui_term.c
# Input: a paste made into a query, curses' keys and marks, the app's side.
SRCS       += paste.c ui_input.c app_input.c app_start.c pick.c args.c
# The kiosk for visitors: touch buttons and drags, the attract screen.
SRCS       += buttons.c app_kiosk.c app_mouse.c ui_mouse.c pane_attract.c
# A query read as words or as a regex; a kiosk's type-to-search.
SRCS       += query.c app_search.c
MAIN        = main.c
OBJS        = $(SRCS:%.c=build/obj/%.o) build/obj/allies_data.o
AOBJS       = $(SRCS:%.c=build/asan/%.o) build/asan/allies_data.o
UNIT_TESTS  = test_load test_progress test_match test_output test_text test_util \
              test_app test_scan test_input test_pattern test_source \
              test_stats test_topics test_probe test_untrusted test_config
UNIT_TESTS += test_words
E2E_TESTS   = tty/vt_selftest e2e/test_browser e2e/test_kiosk e2e/test_data \
              e2e/test_history e2e/test_terms e2e/test_unsafe e2e/test_stats \
              e2e/test_topics e2e/test_sizes
E2E_TESTS  += e2e/test_input e2e/test_graphemes e2e/test_start \
              e2e/test_public e2e/test_regex e2e/test_config
E2E_TESTS  += e2e/test_visitor e2e/test_words

.PHONY: all asan test unit e2e cli run install uninstall clean fuzz deps \
        test-deps bench

all: sma-allies

# Build flags come from pkg-config once the libraries are surely there:
# build/config.mk checks for them (an installing goal installs them then,
# with its own packages in the same round), then records the flags; make
# reads it and restarts.
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),)
include build/config.mk
endif

build/config.mk: Makefile src/deps.sh
	@mkdir -p build
	@$(DEPS_SH) $(if $(INSTALLING),--install) $(BUILD_DEPS) \
	    $(foreach g,$(INSTALLING),$(NEEDS_$(g))) $(EXTRA_DEPS)
# ncursesw's flags carry -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 (Debian's
# do).  Coming after FEATURES, the second would redefine _XOPEN_SOURCE, a
# warning in every file, and lower it to 600: the feature macros are
# FEATURES' alone, so the sed takes both out.
	@{ echo "DEPS_CFLAGS = $$($(PKG_CONFIG) --cflags $(PKGS) | \
	       sed -e 's/-D_XOPEN_SOURCE=[0-9]*//g' -e 's/-D_DEFAULT_SOURCE//g')"; \
	   echo "DEPS_LIBS = $$($(PKG_CONFIG) --libs $(PKGS))"; } > $@.tmp
	@mv $@.tmp $@

ALL_CFLAGS  = $(WARN) $(FEATURES) $(DEPS_CFLAGS) $(CPPFLAGS) $(CFLAGS)

sma-allies: $(OBJS) build/obj/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS) -pthread $(LDLIBS)

build/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# data/allies.yaml becomes a byte array, so the binary works from anywhere.
build/allies_data.c: data/allies.yaml
	@mkdir -p $(@D)
	@{ echo '/* Generated from data/allies.yaml by the Makefile. */'; \
	   echo '#include <stddef.h>'; \
	   echo 'extern const unsigned char allies_data[];'; \
	   echo 'extern const size_t allies_data_len;'; \
	   echo 'const unsigned char allies_data[] = {'; \
	   od -An -v -tx1 $< | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' \
	       -e 's/^ *//'; \
	   echo '0 };'; \
	   echo "const size_t allies_data_len = $$(wc -c < $<);"; } > $@.tmp
	@mv $@.tmp $@

build/obj/allies_data.o: build/allies_data.c
	$(CC) $(CFLAGS) -c -o $@ $<

# The same program under AddressSanitizer and UndefinedBehaviorSanitizer:
# every test runs against this one.
asan: build/asan/sma-allies

build/asan/sma-allies: $(AOBJS) build/asan/main.o
	$(CC) $(SAN) -g -o $@ $^ $(DEPS_LIBS) -pthread

build/asan/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(WARN) $(FEATURES) $(DEPS_CFLAGS) -O1 -g $(SAN) -MMD -MP -c -o $@ $<

build/asan/allies_data.o: build/allies_data.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -c -o $@ $<

# Tests.  `make test` installs what the tests need, builds everything
# under the sanitizers and runs unit, command-line and browser tests.
test-deps:
	$(INSTALL_DEPS)

test: test-deps
	@$(MAKE) --no-print-directory run-tests

TEST_CFLAGS = $(WARN) $(FEATURES) $(DEPS_CFLAGS) -Isrc -Itests -O1 -g $(SAN) \
              $$($(PKG_CONFIG) --cflags cmocka vterm)
TEST_LIBS   = $(DEPS_LIBS) $$($(PKG_CONFIG) --libs cmocka vterm) -lutil -lm \
              -pthread

build/tests/%: tests/unit/%.c $(AOBJS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -MMD -MP -o $@ $< $(AOBJS) $(TEST_LIBS)

# The terminal harness and the code every end-to-end program shares.
E2E_LIB     = tests/e2e/e2e.c tests/e2e/qrread.c tests/tty/vt.c
E2E_HDRS    = tests/e2e/e2e.h tests/e2e/qrread.h tests/tty/vt.h
VT_CFLAGS   = $(WARN) $(FEATURES) -Itests \
              $$($(PKG_CONFIG) --cflags vterm libutf8proc)
VT_LIBS     = $$($(PKG_CONFIG) --libs vterm libutf8proc) -lutil

# An end-to-end test is one file, tests/DIR/NAME.c, built with the shared
# code as build/tests/DIR/NAME.
build/tests/%: tests/%.c $(E2E_LIB) $(E2E_HDRS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(E2E_LIB) $(TEST_LIBS)

# A soak of the kiosk, not part of make test: make soak SOAK_SECONDS=600
SOAK_SECONDS ?= 600
.PHONY: soak run-soak
soak: test-deps
	@$(MAKE) --no-print-directory run-soak
run-soak: sma-allies build/tests/soak
	SOAK_SECONDS=$(SOAK_SECONDS) sh tests/soak/soak.sh build/tests/soak \
	    ./sma-allies data/allies.yaml

build/tests/soak: tests/soak/soak.c $(E2E_LIB) $(E2E_HDRS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(VT_CFLAGS) -O2 -g -o $@ tests/soak/soak.c $(E2E_LIB) $(VT_LIBS)

# 100 public sessions at once over SSH on loopback, not part of make
# test: make load LOAD_SESSIONS=100 (as root: it adds a throwaway account
# and starts a private sshd, both gone again after).
LOAD_SESSIONS ?= 100
.PHONY: load run-load
load: build/config.mk
	$(INSTALL_DEPS)
	@$(MAKE) --no-print-directory run-load
run-load: sma-allies build/tests/load
	LOAD_SESSIONS=$(LOAD_SESSIONS) sh tests/ssh/sshd.sh ./sma-allies \
	    build/tests/load ./sma-allies

build/tests/load: tests/load/load.c $(E2E_LIB) $(E2E_HDRS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(VT_CFLAGS) -O2 -g -o $@ tests/load/load.c $(E2E_LIB) $(VT_LIBS)

build/tests/shots: tests/shots/shots.c $(E2E_LIB) $(E2E_HDRS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(VT_CFLAGS) -O1 -g -o $@ tests/shots/shots.c $(E2E_LIB) $(VT_LIBS)

# Screenshots come from scripted runs of the real binary; make test fails
# when the committed ones are out of date.
.PHONY: screenshots
screenshots: sma-allies build/tests/shots
	$(INSTALL_DEPS)
	rm -rf build/screenshots
	build/tests/shots ./sma-allies build/screenshots
	@mkdir -p screenshots
	rm -f screenshots/*.svg screenshots/*.png
	cp build/screenshots/*.svg screenshots/
	@for f in screenshots/*.svg; do \
	    rsvg-convert -o "$${f%.svg}.png" "$$f" || exit 1; done

.PHONY: run-tests
# Locales the tests read numbers and text in, built here so that they do
# not depend on what the machine has generated (tests/run.sh sets
# LOCPATH to build/locale).
TEST_LOCALES = en_US de_DE
build/locale/%.UTF-8:
	@mkdir -p $(@D)
	localedef -c -i $* -f UTF-8 $@ 2>/dev/null || test -d $@

run-tests: $(TEST_LOCALES:%=build/locale/%.UTF-8)
run-tests: build/asan/sma-allies sma-allies \
    $(UNIT_TESTS:%=build/tests/%) $(E2E_TESTS:%=build/tests/%) \
    build/bench/gen-allies build/tests/shots build/tests/fuzz-replay \
    build/tests/fuzz-match-replay
	@sh tests/run.sh build/asan/sma-allies $(UNIT_TESTS:%=build/tests/%) \
	    build/tests/fuzz-replay build/tests/fuzz-match-replay -- \
	    $(E2E_TESTS:%=build/tests/%)

run: sma-allies
	./sma-allies

# libFuzzer on the loader and on patterns against data, one after the
# other: make fuzz FUZZ_SECONDS=600.  A pattern that takes longer than
# FUZZ_MATCH_TIMEOUT seconds on an input is a finding.
FUZZ_SECONDS ?= 60
FUZZ_MATCH_TIMEOUT ?= 2
fuzz: build/config.mk build/allies_data.c
	$(INSTALL_DEPS)
	@mkdir -p build/fuzz build/fuzz/corpus
	clang $(FEATURES) $(DEPS_CFLAGS) -Isrc -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz-load \
	    tests/fuzz/fuzz_load.c $(SRCS:%=src/%) build/allies_data.c \
	    $(DEPS_LIBS)
	build/fuzz/fuzz-load -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -rss_limit_mb=1024 -timeout=10 -dict=tests/fuzz/yaml.dict \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus tests/fuzz/corpus tests/fuzz/regress
	@mkdir -p build/fuzz/match-corpus
	clang $(FEATURES) $(DEPS_CFLAGS) -Isrc -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz-match \
	    tests/fuzz/fuzz_match.c $(SRCS:%=src/%) build/allies_data.c \
	    $(DEPS_LIBS)
	build/fuzz/fuzz-match -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -rss_limit_mb=1024 -timeout=$(FUZZ_MATCH_TIMEOUT) \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/match- \
	    build/fuzz/match-corpus tests/fuzz/match-corpus \
	    tests/fuzz/match-regress

build/tests/fuzz-replay: tests/fuzz/fuzz_load.c tests/fuzz/replay.c \
    tests/fuzz/fuzz_load.h $(AOBJS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(WARN) $(FEATURES) $(DEPS_CFLAGS) -Isrc -O1 -g $(SAN) -o $@ \
	    tests/fuzz/fuzz_load.c tests/fuzz/replay.c $(AOBJS) $(DEPS_LIBS) \
	    -pthread

build/tests/fuzz-match-replay: tests/fuzz/fuzz_match.c tests/fuzz/replay.c \
    tests/fuzz/fuzz_load.h $(AOBJS) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(WARN) $(FEATURES) $(DEPS_CFLAGS) -Isrc -O1 -g $(SAN) \
	    -DREPLAY_TIMEOUT=5 -DREPLAY_CORPUS='"tests/fuzz/match-corpus"' \
	    -DREPLAY_REGRESS='"tests/fuzz/match-regress"' -o $@ \
	    tests/fuzz/fuzz_match.c tests/fuzz/replay.c $(AOBJS) $(DEPS_LIBS) \
	    -pthread

# Benchmarks against libyaml's floor, grep and fzf: make bench
# (BENCH_SIZES="1000 10000" picks sizes).  Not part of make test.
BENCH_DEPS  = cmd:fzf:fzf cmd:/usr/bin/time:time pc:vterm:libvterm-dev
BENCH_OBJS  = $(OBJS)

build/bench/bench: tests/bench/bench.c tests/bench/timing.h $(BENCH_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -Itests -o $@ $< $(BENCH_OBJS) $(DEPS_LIBS) -pthread

build/bench/gen-allies: tests/bench/gen-allies.c
	@mkdir -p $(@D)
	$(CC) -O2 -g -o $@ $<

build/bench/yaml-floor: tests/bench/yaml_floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(DEPS_LIBS)

build/bench/trivial-curses: tests/bench/trivial_curses.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(DEPS_LIBS)

# The programs that drive the browser in a pseudo-terminal.
build/bench/startup build/bench/live: build/bench/%: tests/bench/%.c \
    tests/bench/timing.h tests/tty/vt.c tests/tty/vt.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $$($(PKG_CONFIG) --cflags vterm \
	    libutf8proc) -o $@ $< tests/tty/vt.c -lutil \
	    $$($(PKG_CONFIG) --libs vterm libutf8proc)

bench: build/config.mk
	$(INSTALL_DEPS)
	@$(MAKE) --no-print-directory sma-allies build/bench/bench \
	    build/bench/yaml-floor build/bench/trivial-curses \
	    build/bench/startup build/bench/live build/bench/gen-allies
	@bash tests/bench/bench.sh

INSTALLED   = $(BINDIR)/sma-allies $(MANDIR)/man1/sma-allies.1 \
              $(BASHCOMPDIR)/sma-allies $(ZSHCOMPDIR)/_sma-allies \
              $(FISHCOMPDIR)/sma-allies.fish
install: sma-allies
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
	    "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)" \
	    "$(DESTDIR)$(FISHCOMPDIR)"
	install -m 755 sma-allies "$(DESTDIR)$(BINDIR)/sma-allies"
	install -m 644 data/sma-allies.1 "$(DESTDIR)$(MANDIR)/man1/sma-allies.1"
	install -m 644 data/completions/sma-allies.bash \
	    "$(DESTDIR)$(BASHCOMPDIR)/sma-allies"
	install -m 644 data/completions/_sma-allies \
	    "$(DESTDIR)$(ZSHCOMPDIR)/_sma-allies"
	install -m 644 data/completions/sma-allies.fish \
	    "$(DESTDIR)$(FISHCOMPDIR)/sma-allies.fish"

# The directories go too as far up as they are empty (install may have
# made them), never DESTDIR itself.
uninstall:
	rm -f $(INSTALLED:%="$(DESTDIR)%")
	@for d in $(patsubst %/,%,$(dir $(INSTALLED))); do \
	    d="$(DESTDIR)$$d"; \
	    while [ -n "$$d" ] && [ "$$d" != "$(DESTDIR)" ] && \
	        rmdir "$$d" 2>/dev/null; do \
	        d=$${d%/*}; \
	    done; \
	done

# A Debian package, built from a copy of the tree with the packaging
# files of data/debian: build/deb/sma-allies_VERSION_ARCH.deb, checked
# by lintian (an error fails the build).  deb-check also installs it
# into a scratch root and looks at what landed.
DEB_TREE    = build/deb/sma-allies-$(VERSION)
.PHONY: deb deb-check
deb:
	$(INSTALL_DEPS)
	rm -rf build/deb
	mkdir -p $(DEB_TREE)
	cp -R Makefile LICENSE README.md src data $(DEB_TREE)/
	cp -R data/debian $(DEB_TREE)/debian
	sed 's#/usr/local/bin/#/usr/bin/#' data/kiosk/sma-allies-kiosk.service \
	    > $(DEB_TREE)/debian/sma-allies.sma-allies-kiosk.service
	cd $(DEB_TREE) && dpkg-buildpackage -b -us -uc --no-sign
	lintian --fail-on error --info build/deb/sma-allies_$(VERSION)_*.deb

deb-check: deb
	sh tests/deb.sh build/deb/sma-allies_$(VERSION)_*.deb

clean:
	rm -rf build sma-allies

-include $(OBJS:.o=.d) $(AOBJS:.o=.d) build/obj/main.d build/asan/main.d
