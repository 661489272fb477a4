# The two commands: `make run` starts the real thing, `make test` runs every test.
# Both install what they need on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?=
PORT ?= 28841

.PHONY: run test bench score fuzz lint clean help

help:
	@echo "make run    - install and start the helper (prints what to load and open)"
	@echo "make test   - install test dependencies and run every test"
	@echo "make bench  - run the benchmarks, side by side with the peers (table + JSON)"
	@echo "make score  - each text rule's precision and recall on real tweets (needs ../shared/data)"
	@echo "make fuzz   - the property suite's long run: 100,000 hostile cases over every route, importer and native-host frame"
	@echo "make lint   - ruff (also run by make test), then mypy over the helper"

$(BIN)/python:
	@echo "make: creating the virtualenv in $(VENV) …"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	@echo "make: installing the helper and its dependencies into $(VENV) (about a minute the first time) …"
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "make: installing the helper and the test tools into $(VENV) (a minute or two the first time) …"
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

run: $(VENV)/.installed-run
	@BIN=$(BIN) PORT=$(PORT) DATA_DIR=$(DATA_DIR) BACKCHANNEL_STARTED_BY=make sh scripts/run.sh

test: $(VENV)/.installed-test
	@sh scripts/test-deps.sh
	@sh scripts/test.sh

bench: $(VENV)/.installed-bench
	@sh scripts/test-deps.sh
	@sh scripts/bench-deps.sh
	$(BIN)/python -m bench

# `make test` runs both as well, before the tests; this runs only them.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m mypy

score: $(VENV)/.installed-test
	$(BIN)/python -m tests.rules.score

# `make test` runs a fast slice of tests/properties (40 cases a property); this is the long run.
FUZZ_CASES ?= 100000
fuzz: $(VENV)/.installed-test
	BACKCHANNEL_FUZZ_CASES=$(FUZZ_CASES) $(BIN)/python -m pytest tests/properties -q -p no:cacheprovider --hypothesis-show-statistics

clean:
	rm -rf $(VENV) build *.egg-info helper/*.egg-info .pytest_cache .hypothesis bench/results
