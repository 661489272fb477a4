"""`backchannel token`: the helper's token (for manual pairing), or a new one with --rotate."""

from __future__ import annotations

import argparse
import sys

from backchannel.cli.common import data_dir

EXAMPLE = "backchannel token\nbackchannel token --rotate"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rotate", action="store_true", help="replace the token; paired browsers must pair again")
    parser.set_defaults(handler=run_token)


def run_token(args: argparse.Namespace) -> int:
    from backchannel.local.secrets import ensure_token, rotate_token, storage_kind

    directory = data_dir(args)
    token = rotate_token(directory) if args.rotate else ensure_token(directory)
    print(token)
    if args.rotate:
        print(f"New token stored in the {storage_kind()}; pair the extension again (its options page).", file=sys.stderr)
    return 0
