#!/bin/sh
# What `make bench` measures with besides Python: wrk (HTTP load) and hyperfine (whole-process timing).
set -eu
missing=""
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "make bench: install$missing for the throughput and start-up rows (they are skipped without them)" >&2
fi
