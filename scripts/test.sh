#!/bin/sh
# Run every test, once. pytest's exit status 5 ("no tests collected") is a
# failure here too: a suite that runs nothing proves nothing.
set -u
BIN=.venv/bin

"$BIN/python" -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "make test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
