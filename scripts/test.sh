#!/bin/sh
# Run every test, once. pytest's exit status 5 ("no tests collected") is a
# failure here too: a suite that runs nothing proves nothing.
set -u
BIN=.venv/bin

# Lint and the extension's scripts first (they take seconds), so a finding fails the run before
# the slow part starts: ruff, mypy over the helper, ESLint, then the extension's unit tests under
# node's own test runner (tests/extension/unit; scripts/test-deps.sh installs the tools). Only on
# a whole run (no arguments), so a targeted `sh scripts/test.sh tests/x` stays a pytest run.
if [ $# -eq 0 ]; then
    echo "make test: ruff check" >&2
    "$BIN/ruff" check . || exit $?
    echo "make test: mypy" >&2
    "$BIN/python" -m mypy || exit $?
    echo "make test: eslint" >&2
    tests/extension/node_modules/.bin/eslint -c tests/extension/eslint.config.mjs extension tests/extension || exit $?
    echo "make test: the extension's unit tests (node --test)" >&2
    node --test tests/extension/unit/*.test.mjs || exit $?
fi

"$BIN/python" -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "make test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
