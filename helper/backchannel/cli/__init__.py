"""The ``backchannel`` command: the same core as the server, for people and scripts.

Exit status: 0 success, 1 a check found a tip of level error, 2 bad usage
or input (with a one-line reason on stderr).
"""

from __future__ import annotations

import sys
from typing import Sequence

from backchannel.errors import BackchannelError


def main(argv: Sequence[str] | None = None) -> int:
    from backchannel.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
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
