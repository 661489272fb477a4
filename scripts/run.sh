#!/bin/sh
# Start the helper in the foreground and tell the person what to do next.
set -eu
BIN=${BIN:-.venv/bin}
PORT=${PORT:-28841}
if [ -n "${DATA_DIR:-}" ]; then
    set -- --data-dir "$DATA_DIR"
else
    set --
fi
here=$(pwd)
case $BIN in /*) bin_abs=$BIN ;; *) bin_abs=$here/$BIN ;; esac
cli="$BIN/backchannel${DATA_DIR:+ --data-dir $DATA_DIR}"
cat <<MSG

Backchannel Coach
  1. Load the extension: open chrome://extensions, turn on Developer mode,
     "Load unpacked", and choose: $here/extension
     (Firefox: about:debugging, This Firefox, "Load Temporary Add-on…",
     and choose $here/extension/manifest.json)
  2. Add your event:     $cli event add SLUG --name "Event" --hashtag TAG --time-zone Europe/London
                         $cli event use SLUG
     and its programme:  $cli schedule import schedule.xml
  3. Type on https://x.com: the coach panel appears beside the composer.
  4. Review your posts:  $cli review   (opens a one-time login link to the review page)
  The helper runs below on http://127.0.0.1:$PORT (Ctrl+C stops it).
  The command is $bin_abs/backchannel: put $bin_abs on your PATH (or run
  \`pipx install $here\`) to type just \`backchannel\`, as the README does.

MSG
# The browser starts the native host to learn the helper's address and token.
"$BIN/backchannel" "$@" native-host install || echo "Could not register the native host; pair by hand on the extension's options page (it shows how)." >&2
exec "$BIN/backchannel" "$@" serve --port "$PORT"
