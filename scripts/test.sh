#!/bin/sh
# Run every test. pytest's exit status 5 ("no tests collected") is a failure
# here too: a suite that runs nothing proves nothing.
#
# When the checker's modules are compiled (build/compiled), everything runs
# against them, and then the tests that need no browser run again against the
# plain-Python modules, which run wherever no compiler is (or a source is newer).
set -u
BIN=.venv/bin

run_pytest() {
    "$BIN/python" -m pytest "$@"
    status=$?
    if [ "$status" -eq 5 ]; then
        echo "make test: pytest collected no tests" >&2
        return 1
    fi
    return "$status"
}

# Lint first: a finding fails the run before the slow part starts. Only on a whole run
# (no arguments), so a targeted `sh scripts/test.sh tests/x` stays a pytest run.
if [ $# -eq 0 ]; then
    echo "make test: ruff check" >&2
    "$BIN/ruff" check . || exit $?
fi
run_pytest "$@" || exit $?
if [ $# -eq 0 ] && [ -f build/compiled/manifest.json ]; then
    echo "make test: again, with the checker's modules as plain Python" >&2
    BACKCHANNEL_PURE=1 run_pytest -q --ignore=tests/extension || exit $?
fi
exit 0
