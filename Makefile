# Pingyi — two commands do all the set-up on a fresh machine:
#   make run    install what is missing, build, start the private PostgreSQL, migrate, load the demo county, serve
#   make test   the same set-up, then the format lint and the whole test suite against a real PostgreSQL:
#               Schemathesis, the browser journeys in headless Chromium, the year cycle with its
#               exports opened by openpyxl and LibreOffice, the independent verifier of the joint
#               count's record (verify/), swift test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

SWIFT ?= swift
CONFIG ?= debug
# The port of `make run` (make run PORT=8081).
PORT ?= 8080
BIN = .build/$(CONFIG)/pingyi
# The libpq environment of the private cluster (empty when DATABASE_URL or PGHOST is set).
DBENV = eval "$$(scripts/pg.sh env)"

.PHONY: run test test-fast lint format browser-test year-test deps test-deps build db-start db-stop migrate demo serve screenshots clean

deps:
	@scripts/deps.sh

test-deps:
	@scripts/deps.sh test
	@scripts/pytools.sh >/dev/null

build: deps
	$(SWIFT) build -c $(CONFIG) --product pingyi

db-start: deps
	@scripts/pg.sh start

db-stop:
	@scripts/pg.sh stop

migrate: build db-start
	@$(DBENV); $(BIN) migrate

demo: migrate
	@$(DBENV); PINGYI_PUBLIC_URL="$${PINGYI_PUBLIC_URL:-http://127.0.0.1:$(PORT)}" $(BIN) demo

run: demo
	@$(DBENV); echo "Pingyi 运行在 http://127.0.0.1:$(PORT) （Ctrl-C 停止）"; exec $(BIN) serve --port $(PORT)

# The browser journeys write the documentation's pictures as they go.
screenshots: build test-deps db-start
	@PINGYI_SCREENSHOTS=$(CURDIR)/docs scripts/browser-tests.sh

browser-test: build test-deps db-start
	@scripts/browser-tests.sh

# The year of README through the command-line tool; the exports read back by openpyxl and LibreOffice.
year-test: build test-deps db-start
	@scripts/year-cycle.sh

# The house style (.swift-format, Hummingbird's): `make format` rewrites, `make lint` checks.
SWIFT_SOURCES = Sources Tests Package.swift
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_SOURCES)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES)

# The suites that need no database (the pure domain, the pool's state machine, the API's router
# on an in-memory reading, the CLI's files and configuration, QR codes, workbooks, letters and
# links files): seconds after a build.
FAST_SUITES = PingyiCoreTests|PoolStateMachineTests|FastRouterTests|pingyiTests|PingyiQRTests|PingyiTallyTests|PingyiXLSXTests|LetterWorkflowTests|LinksFileTests
test-fast: build
	$(SWIFT) build --build-tests
	env -u PGHOST -u PGPORT -u PGDATABASE -u DATABASE_URL $(SWIFT) test --skip-build --filter '$(FAST_SUITES)'

test: test-deps db-start lint
	@$(DBENV); \
	$(SWIFT) build --build-tests && \
	scripts/fuzz.sh && \
	scripts/browser-tests.sh && \
	scripts/year-cycle.sh && \
	PINGYI_BIN=$(CURDIR)/$(BIN) scripts/verify-tests.sh && \
	$(SWIFT) test --skip-build

clean: db-stop
	rm -rf .build
