#!/bin/sh
# Run every test, once. pytest's exit status 5 ("no tests collected") is a
# failure here too: a suite that runs nothing proves nothing.
set -u
BIN=.venv/bin

# The extension's scripts, first (they take seconds): ESLint, then their unit tests under
# node's own test runner (tests/extension/unit; scripts/test-deps.sh installs the tools).
if [ $# -eq 0 ]; then
    tests/extension/node_modules/.bin/eslint -c tests/extension/eslint.config.mjs extension tests/extension || exit $?
    node --test tests/extension/unit/*.test.mjs || exit $?
fi

"$BIN/python" -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "make test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
