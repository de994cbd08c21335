# tsunagu — the two commands are `make run` and `make test`. `make` only builds.
BUILD ?= build
JOBS ?= $(shell nproc)
DATA ?= ./var
LISTEN ?= 127.0.0.1:8080
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/package.json web/package-lock.json -type f 2>/dev/null) docs/openapi.json

.PHONY: all build web setup run test bench audit-ui lint clean fuzz soak

all: build

# `make run` installs only what running needs; `make test` (and `make setup`) also the test tools.
setup:
	@scripts/setup test

web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run build --silent
	scripts/precompress web/dist
	@touch web/dist/index.html

web: web/dist/index.html

# ccache (when installed) lets a rebuild, or another checkout of the tree, reuse compiled objects.
CCACHE := $(shell command -v ccache 2>/dev/null)
export CCACHE_BASEDIR := $(CURDIR)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE))

build: web $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run:
	@scripts/setup run
	@$(MAKE) --no-print-directory build
	@$(BUILD)/tsunagu demo --data $(DATA)
	@echo "open http://$(LISTEN)"
	@$(BUILD)/tsunagu serve --data $(DATA) --listen $(LISTEN)

test:
	@scripts/setup test
	cd web && npm run --silent check:api-drift
	@$(MAKE) --no-print-directory build
	cd web && npm run --silent test:budget
	cd $(BUILD) && ctest --output-on-failure -j 2 --timeout 600

bench:
	@scripts/setup test
	@$(MAKE) --no-print-directory build
	@scripts/bench

# Lighthouse mobile (accessibility 100, performance ≥ 90); not part of `make test`.
audit-ui: setup
	@$(MAKE) --no-print-directory build
	@scripts/audit-ui

# Each fuzz harness for FUZZ_TIME seconds (ctest runs them a few seconds each in `make test`).
FUZZ_TIME ?= 120
fuzz: setup
	@$(MAKE) --no-print-directory build
	@test -d $(BUILD)/fuzz || { echo "no fuzz harnesses: clang++ is missing (scripts/setup test)"; exit 1; }
	cd $(BUILD) && for f in fuzz/*; do ../scripts/fuzz-run $$f ../tests/fuzz/corpus/$$(basename $$f) $(FUZZ_TIME) || exit 1; done

# The crash test with many more kill -9 rounds than `make test` runs.
SOAK_ROUNDS ?= 200
soak: setup
	@$(MAKE) --no-print-directory build
	TSUNAGU_BIN=$(CURDIR)/$(BUILD)/tsunagu TSUNAGU_CRASH_ROUNDS=$(SOAK_ROUNDS) node --test tests/api/crash.test.mjs

lint: $(BUILD)/CMakeCache.txt
	find src bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror
	@out=$$(find src -name '*.cpp' -not -name '*_test.cpp' | xargs -P $(JOBS) -n 4 clang-tidy -p $(BUILD) --quiet 2>/dev/null | grep -E 'warning:|error:' | sort -u); \
	  if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "lint: clean"

clean:
	rm -rf $(BUILD) web/dist
