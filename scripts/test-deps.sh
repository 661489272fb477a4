#!/bin/sh
# Install what the browser tests need, idempotently: Debian's Chromium (Playwright drives
# it; `playwright install` cannot download browsers here), Debian's Firefox ESR (driven
# over WebDriver BiDi by puppeteer-core), node + npm, openssl (a test certificate), and
# the npm tools in tests/extension (ESLint, web-ext, esbuild, React, Draft.js, puppeteer-core).
# CI runs as root; elsewhere it uses sudo for apt-get when it must.
set -eu
cd "$(dirname "$0")/.."

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/firefox-esr ] || [ -x /usr/bin/firefox ] || missing="$missing firefox-esr"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
if [ -n "$missing" ]; then
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo"
    echo "test-deps: installing$missing" >&2
    $as_root apt-get update -qq
    # shellcheck disable=SC2086 # the list is meant to split
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

tools=tests/extension
if [ ! -f "$tools/node_modules/.package-lock.json" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    echo "test-deps: npm ci in $tools" >&2
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$tools/fixtures/build.mjs"
