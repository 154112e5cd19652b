# Kefu: `make run` and `make test` are all a newcomer needs.
# Both install missing Debian packages (apt-get), configure and build first.

BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
DB         ?= kefu-data/kefu.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)
# The carrier webhook's HMAC secret for the demo server; set your own.
CARRIER_SECRET ?= demo-carrier-secret

DEB_PACKAGES := build-essential cmake pkg-config \
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libpcre2-dev nlohmann-json3-dev \
  libsqlite3-dev libargon2-dev libicu-dev libopencc-dev libfasttext-dev libcli11-dev libspdlog-dev libssl-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
BENCH_PACKAGES := wrk python3
# The libFuzzer targets build with clang in their own folder (fuzz/).
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_BUILD    ?= build-fuzz
FUZZ_SECONDS  ?= 600
# `make fuzz-smoke` (part of `make test`) runs each fuzz target this long from
# its seed corpus.
FUZZ_SMOKE_SECONDS ?= 60
# The web console's end-to-end tests drive Debian's Chromium (never a
# downloaded browser); the CJK fonts make Chinese readable in screenshots.
E2E_PACKAGES := chromium fonts-noto-cjk
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps web-deps e2e-deps fuzz-deps build kefu web run test e2e screenshots bench fuzz fuzz-build fuzz-smoke clean

all: build

# Installs only what is missing, so a ready machine does not touch apt.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# Node.js and npm come with the machine; Debian's are the fallback.
web-deps:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q nodejs npm; }

fuzz-deps:
	@missing=$$(for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

e2e-deps:
	@missing=$$(for p in $(E2E_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# npm install takes package-lock.json's exact versions from the npm registry
# (and leaves the lock as it is). Not `npm ci`: it refuses the lock because
# the registry has no copy of a Windows-only optional dependency of Vite.
web/node_modules/.package-lock.json: web/package-lock.json | web-deps
	cd web && npm install --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Only the server binary: what `make run` needs.
kefu: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target kefu

run: kefu web
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  $(BUILD)/kefu migrate --db $(DB) && $(BUILD)/kefu demo-data --db $(DB); \
	fi
	@echo
	@echo "Kefu is starting on http://$(LISTEN)  (database $(DB); Ctrl-C stops it)"
	@echo "Console and help centre: http://$(LISTEN)/"
	@echo "Demo logins, password kefu2026: admin (admin), wang.min (manager), chen.jie (lead),"
	@echo "  li.na / zhao.lei / sun.li (agents), wangfang / zhangwei / linyijun (customers)"
	@echo "Try: curl -s http://$(LISTEN)/healthz"
	@echo
	exec $(BUILD)/kefu serve --db $(DB) --listen $(LISTEN) --carrier-secret $(CARRIER_SECRET) --web-root web/dist

test: build web e2e-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory fuzz-smoke

# The console's end-to-end tests (Playwright on Debian's Chromium) against a
# real server with the demo data; screenshots go to $(BUILD)/screenshots.
e2e: kefu web e2e-deps
	node web/e2e/run.mjs --kefu $(BUILD)/kefu --web-root web/dist --screenshots $(BUILD)/screenshots

# Refreshes the README's pictures of the console.
screenshots: kefu web e2e-deps
	node web/e2e/run.mjs --kefu $(BUILD)/kefu --web-root web/dist --screenshots docs/screenshots

# The request pipeline under libFuzzer: clang, coverage, ASan and UBSan in
# every library (fuzz/request_pipeline_fuzz.cc). `make fuzz` runs it for
# FUZZ_SECONDS, growing $(FUZZ_BUILD)/corpus from the seeds in fuzz/corpus;
# crashes are written to $(FUZZ_BUILD)/artifacts.
#
# Unoptimised and without line tables the instrumented build takes about half
# the time (it is part of `make test`); for a long run whose findings should
# name source lines, use another folder and flags:
#   make fuzz FUZZ_BUILD=build-fuzz-lines FUZZ_CXXFLAGS="-O1 -gline-tables-only"
FUZZ_CXXFLAGS ?= -O0
$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_CXX_FLAGS="$(FUZZ_CXXFLAGS)" -DKEFU_BUILD_FUZZ=ON -DKEFU_BUILD_TESTS=OFF -DKEFU_BUILD_BENCH=OFF

fuzz-build: deps fuzz-deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target request_pipeline_fuzz

FUZZ_RUN = mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/artifacts && \
  $(FUZZ_BUILD)/fuzz/request_pipeline_fuzz $(FUZZ_BUILD)/corpus fuzz/corpus/request_pipeline \
    -max_len=80000 -timeout=30 -rss_limit_mb=6144 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix=$(FUZZ_BUILD)/artifacts/

fuzz: fuzz-build
	$(FUZZ_RUN) -max_total_time=$(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	$(FUZZ_RUN) -max_total_time=$(FUZZ_SMOKE_SECONDS) -seed=1

bench: build
	@missing=$$(for p in $(BENCH_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; fi
	bench/run_all.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD) web/dist web/node_modules
