"""`backchannel serve`: the helper on 127.0.0.1, for the extension and the review page."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from backchannel.cli.common import data_dir
from backchannel.local.runtime import Runtime

EXAMPLE = "backchannel serve\nbackchannel --data-dir /tmp/bc serve --port 0"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="the port (default: 28841; 0 picks a free one)")
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from backchannel.server.runner import DEFAULT_PORT, serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    directory = data_dir(args)
    port = args.port if args.port is not None else int(os.environ.get("BACKCHANNEL_PORT", DEFAULT_PORT))

    def ready(runtime: Runtime) -> None:
        print(f"Backchannel helper {runtime.version} listening on {runtime.url} (data: {directory})", flush=True)

    serve(directory, port, ready)
    return 0
