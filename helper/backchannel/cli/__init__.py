"""The ``backchannel`` command: the same core as the server, for people and scripts.

Exit status: 0 success, 1 a check found a tip of level error, 2 bad usage
or input (with a one-line reason on stderr).
"""

from __future__ import annotations

import sys
from typing import Sequence

from backchannel.errors import BackchannelError


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit status (argparse's own exits, --help and bad usage, included)."""
    from backchannel.cli.parser import build_parser

    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    try:
        args = parser.parse_args(arguments)
        if not getattr(args, "handler", None):
            # No command, or one the quick look in build_parser did not find: parse again with every command built.
            parser = build_parser()
            args = parser.parse_args(arguments)
    except SystemExit as exc:
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except BackchannelError as exc:
        print(f"backchannel: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `backchannel history | head`: the reader left; that is not an error.
        return 0


def run() -> None:
    sys.exit(main())
