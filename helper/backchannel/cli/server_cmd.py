"""`backchannel serve` and `backchannel token`."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from backchannel.cli.common import data_dir
from backchannel.local.runtime import Runtime


def run_serve(args: argparse.Namespace) -> int:
    from backchannel.server.runner import DEFAULT_PORT, serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    directory = data_dir(args)
    port = args.port if args.port is not None else int(os.environ.get("BACKCHANNEL_PORT", DEFAULT_PORT))

    def ready(runtime: Runtime) -> None:
        print(f"Backchannel helper {runtime.version} listening on {runtime.url} (data: {directory})", flush=True)

    serve(directory, port, ready)
    return 0


def run_token(args: argparse.Namespace) -> int:
    from backchannel.local.secrets import ensure_token, rotate_token, storage_kind

    directory = data_dir(args)
    token = rotate_token(directory) if args.rotate else ensure_token(directory)
    print(token)
    if args.rotate:
        print(f"New token stored in the {storage_kind()}; pair the extension again (its options page).", file=sys.stderr)
    return 0
