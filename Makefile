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
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev nlohmann-json3-dev \
  libsqlite3-dev libargon2-dev libicu-dev libopencc-dev libfasttext-dev libcli11-dev libspdlog-dev libssl-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
BENCH_PACKAGES := wrk python3

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build kefu run test bench clean

all: build

# Installs only what is missing, so a ready machine does not touch apt.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Only the server binary: what `make run` needs.
kefu: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target kefu

run: kefu
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  $(BUILD)/kefu migrate --db $(DB) && $(BUILD)/kefu demo-data --db $(DB); \
	fi
	@echo
	@echo "Kefu is starting on http://$(LISTEN)  (database $(DB); Ctrl-C stops it)"
	@echo "Demo logins, password kefu2026: admin (admin), wang.min (manager), chen.jie (lead),"
	@echo "  li.na / zhao.lei / sun.li (agents), wangfang / zhangwei / linyijun (customers)"
	@echo "Try: curl -s http://$(LISTEN)/healthz"
	@echo
	exec $(BUILD)/kefu serve --db $(DB) --listen $(LISTEN) --carrier-secret $(CARRIER_SECRET)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@missing=$$(for p in $(BENCH_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; fi
	bench/run_all.sh $(BUILD)

clean:
	rm -rf $(BUILD)
