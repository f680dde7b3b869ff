# Two commands on a fresh machine with Python 3.11+:  `make serve`  and  `make test`.
# Both create .venv when it is missing and install the project into it; nothing else is needed.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?= --durations=15

.PHONY: install web browser migrate serve serve-cluster test test-quick lint bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Haven needs Python 3.11 or newer on PATH" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## The TypeScript toolchain (tests/web/ runs its tests): `npm ci` when web/node_modules is missing or older than the
## lock file. Without Node (or, for `browser`, without root) one line says what to install and the web tests skip
## (they fail under HAVEN_TEST_REQUIRE_SERVICES=1).
WEB_STAMP := web/node_modules/.haven-npm-ci
$(WEB_STAMP): web/package-lock.json
	@if command -v node >/dev/null 2>&1; then cd web && npm ci --no-audit --no-fund --loglevel=error && touch .haven-ci-done \
		&& mv .haven-ci-done node_modules/.haven-npm-ci; \
	else echo "web: Node.js 20+ is not installed; install it (e.g. apt-get install nodejs) to run the web tests"; fi

## The app and test bundles (`make serve` needs only these). The detection data is exported by the venv's Python.
web: install $(WEB_STAMP)
	@if command -v node >/dev/null 2>&1 && [ -d web/node_modules ]; then cd web && node scripts/build.mjs; fi

## Debian's chromium for the browser tests (installed only by the test targets, never by `make serve`).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "web: Chromium is missing; install Debian's chromium (apt-get install chromium) to run the browser tests"; fi; \
	fi

migrate: install
	@mkdir -p data
	$(BIN)/alembic upgrade head

## Build the web app, then start the server on 127.0.0.1:8000 with the embedded default (SQLite under ./data,
## in-process fan-out); open http://127.0.0.1:8000/.
serve: migrate web
	$(BIN)/python -m server

## Two relay processes sharing PostgreSQL and Redis on loopback (HAVEN_DATABASE_URL / HAVEN_REDIS_URL to change).
serve-cluster: install
	$(BIN)/python -m server.cluster --processes 2 --base-port 8000

## The whole suite: static checks, then every test (PostgreSQL tests skip with a reason where it is absent).
test: install lint browser web
	$(BIN)/pytest $(PYTEST_ARGS)

## The quick subset a developer runs between edits.
test-quick: install browser web
	$(BIN)/pytest -m 'not slow' -x $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check server crypto moderation client wire tests bench migrations
	$(BIN)/ruff format --check server crypto moderation client wire tests bench migrations
	$(BIN)/mypy

## Benchmarks (never part of make test): the relay suite, then crypto and moderation. `bench/suite.py --quick` is a smoke run.
bench: install
	$(BIN)/python bench/suite.py
	$(BIN)/python bench/crypto.py
	$(BIN)/python bench/flows.py
	$(BIN)/python bench/moderation_speed.py
	$(BIN)/python bench/moderation_eval.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
