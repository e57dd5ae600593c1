# Anima — two commands on a fresh Debian 12 machine:
#   make run    install what is missing, build (release), run the creature on the simulator board
#   make test   install what is missing, start a throwaway PostgreSQL, run every test
#   make pi     cross-build anima for Raspberry Pi (arm64) and package dist/anima_<version>_arm64.deb
#   make pi-smoke  install that .deb in clean bookworm and trixie arm64 roots (qemu) and compare with x86
#   make pi-test   build the test suite for arm64 and run it under qemu (all but the PostgreSQL and browser suites)
#   make hw-test   that .deb on QEMU's Raspberry Pi 3 with Debian's arm64 kernel: GPIO, SPI bytes, I2C sensors
# Swift from PATH, or the toolchain's usual place on our Debian machines.
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift
DATA_DIR ?= ./var

.PHONY: run demo test bench build setup setup-run clean version pi pi-smoke pi-test hw-test

# `make run` installs only what the creature needs; `make test` adds libpq and a PostgreSQL server.
setup-run:
	@deploy/setup-dev.sh run

setup:
	@deploy/setup-dev.sh test

# The version `anima --version` prints: written into a gitignored header only when it changed (one C file recompiles).
version:
	@scripts/version.sh --write >/dev/null

build: setup-run version
	$(SWIFT) build -c release --product anima

# A newcomer's first look: the same creature on a virtual clock, paced so a drawing forms in a few minutes while
# var/demo/display/latest.png updates (open it in a viewer that reloads). Ctrl-C stops; finished drawings stay.
demo: build
	@mkdir -p $(DATA_DIR)/demo
	@echo "anima: a paced demo (60 draw() calls a second); watch $(DATA_DIR)/demo/display/latest.png, drawings land in $(DATA_DIR)/demo/drawings. Ctrl-C stops."
	.build/release/anima run --board simulator --data-dir $(DATA_DIR)/demo --clock-step 1 --pace 60

run: build
	@mkdir -p $(DATA_DIR)
	@echo "anima: drawing on the simulator board; the panel is $(DATA_DIR)/display/latest.png, finished drawings go to $(DATA_DIR)/drawings. Ctrl-C stops."
	.build/release/anima run --board simulator --data-dir $(DATA_DIR)

# Build the tests once (switching between plain and test builds recompiles), then run them against
# a PostgreSQL cluster that lives only as long as the run. Swift Testing runs tests in parallel.
# Tests that drive whole processes (spawn, signal, wait) block their threads for seconds; they run in a second
# pass so they cannot starve the timing-sensitive async tests (connection pool, HTTP) of the 2-core thread pool.
PROCESS_TESTS = EndToEndTests\.|RecorderCrashTests|AnimaCommandLineTests|HostBinaryTests|HostTLSTests|CrashRecoveryTests|DashboardBrowserTests
test: setup version
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh sh -c '$(SWIFT) test --skip-build --skip "$(PROCESS_TESTS)" && $(SWIFT) test --skip-build --filter "$(PROCESS_TESTS)"'
	scripts/failover-e2e.sh

bench: setup
	$(SWIFT) build -c release --product anima-bench
	.build/release/anima-bench
	$(SWIFT) build -c release --product governance-bench
	scripts/with-postgres.sh .build/release/governance-bench

# Raspberry Pi (arm64): everything from Debian packages, cached in .pi/ (delete it to rebuild the roots).
pi: version
	scripts/pi/build.sh
	scripts/pi/package.sh

pi-smoke: pi
	$(SWIFT) build --build-tests
	scripts/pi/smoke.sh

# The real kernel's answers (docs/hal.md, "The emulated Pi"): QEMU's raspi3b with Debian's arm64 kernel runs the
# .deb's anima on the real Pi drivers; cached in .hw/. The x86 debug build gives the trace reference.
hw-test: pi
	$(SWIFT) build --build-tests
	scripts/hw/run.sh

# The test suite built for arm64 and run under qemu in a sid arm64 root (slow: not part of `make test` or CI).
pi-test: version
	scripts/pi/test.sh

clean:
	rm -rf .build dist
