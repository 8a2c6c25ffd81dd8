# The whole set-up is `make run` (serve the tracker) and `make test` (run every test).
# `make setup` is what both rely on: quick when nothing changed.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-fast lint typecheck bench clean

setup: $(VENV)/.installed node_modules/.installed

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "The tracker needs Python 3.11: set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# Pinned: pyproject.toml pins what the tracker uses, constraints.txt everything they pull in.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: setup
	$(BIN)/tracker db upgrade
	$(BIN)/tracker seed
	$(BIN)/tracker users bootstrap
	$(BIN)/tracker serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check tracker tests benchmarks
	$(BIN)/ruff format --check tracker tests benchmarks
	$(BIN)/lint-imports --no-cache --no-logo  # the layers: [tool.importlinter] in pyproject.toml

typecheck: setup
	$(BIN)/mypy

# Every test: both databases, the browser and LibreOffice, in parallel (pytest-xdist, one
# worker per core; WORKERS=0 runs them in this process). Tests marked xdist_group stay together
# on one worker (a browser module shares its Chromium and its server).
WORKERS ?= auto
XDIST = -n $(WORKERS) --dist loadgroup

test: setup lint typecheck
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

# The fast tier, in under 2 minutes: the rules and HTTP tests on SQLite. It leaves out the
# PostgreSQL half ([postgres]), the browser tests (-m browser) and the tests that start other
# programs (-m programs: `tracker` commands, LibreOffice, an import killed while it writes) and
# the API fuzzing (-m fuzz: schemathesis).
test-fast: setup
	$(BIN)/pytest $(XDIST) -k "not postgres" -m "not browser and not programs and not fuzz" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artefacts

# Speed and memory targets, as ratios to a baseline measured in the same run.
bench: setup
	$(BIN)/python -m benchmarks
