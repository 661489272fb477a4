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

# The modules every check runs, compiled with mypyc into build/compiled/ when they
# change (see helper/backchannel/_compiled.py). Without a C compiler this warns and
# they run as plain Python, as they do while a source is newer than the build.
COMPILED_SOURCES := $(shell $(PYTHON) scripts/compile.py --list)
COMPILED := build/compiled/manifest.json

$(COMPILED): $(COMPILED_SOURCES) scripts/compile.py | $(BIN)/python
	@$(BIN)/python -c "import mypyc" 2>/dev/null || { echo "make: installing mypyc, to compile the checker …"; $(BIN)/python -m pip install --quiet -e '.[compile]'; }
	@mkdir -p build
	@echo "make: compiling the checker's modules with mypyc, which halves a check's time."
	@echo "      This takes 1–3 minutes on a laptop the first time, and again only when those modules change;"
	@echo "      its output goes to build/compile.log. (BACKCHANNEL_PURE=1 runs without the build.)"
	@start=$$(date +%s); $(BIN)/python scripts/compile.py > build/compile.log 2>&1 \
		&& echo "make: compiled in $$(( $$(date +%s) - start )) s." \
		|| { tail -n 5 build/compile.log; echo "make: could not compile the checker's modules; they run as plain Python"; }

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

run: $(VENV)/.installed-run $(COMPILED)
	@BIN=$(BIN) PORT=$(PORT) DATA_DIR=$(DATA_DIR) BACKCHANNEL_STARTED_BY=make sh scripts/run.sh

test: $(VENV)/.installed-test $(COMPILED)
	@sh scripts/test-deps.sh
	@sh scripts/test.sh

bench: $(VENV)/.installed-bench $(COMPILED)
	@sh scripts/test-deps.sh
	@sh scripts/bench-deps.sh
	$(BIN)/python -m bench

# ruff runs in `make test` too; mypy joins it there once the helper type-checks clean.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m mypy

score: $(VENV)/.installed-test
	BACKCHANNEL_PURE=1 $(BIN)/python -m tests.rules.score

# `make test` runs a fast slice of tests/properties (40 cases a property); this is the long run.
FUZZ_CASES ?= 100000
fuzz: $(VENV)/.installed-test
	BACKCHANNEL_FUZZ_CASES=$(FUZZ_CASES) BACKCHANNEL_PURE=1 $(BIN)/python -m pytest tests/properties -q -p no:cacheprovider --hypothesis-show-statistics

clean:
	rm -rf $(VENV) build *.egg-info helper/*.egg-info .pytest_cache .hypothesis bench/results
