# The two commands: `make run` starts the real thing, `make test` runs every test.
# Both install what they need on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?=
PORT ?= 28841

.PHONY: run test bench lint clean help

help:
	@echo "make run    - install and start the helper (prints what to load and open)"
	@echo "make test   - install test dependencies and run every test"
	@echo "make bench  - run the benchmarks, side by side with the peers (table + JSON)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

run: $(VENV)/.installed-run
	@BIN=$(BIN) PORT=$(PORT) DATA_DIR=$(DATA_DIR) sh scripts/run.sh

test: $(VENV)/.installed-test
	@sh scripts/test-deps.sh
	@sh scripts/test.sh

bench: $(VENV)/.installed-bench
	@sh scripts/test-deps.sh
	@sh scripts/bench-deps.sh
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info helper/*.egg-info .pytest_cache .hypothesis bench/results
