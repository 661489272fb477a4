"""What every command's parser shares: the help layout, --data-dir, and the options several commands take.

Command modules import this (argparse only), never each other's options.
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

PLATFORMS = ("x", "bluesky", "mastodon")
DATA_DIR_HELP = "the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)"

Handler = Callable[[argparse.Namespace], int]


class Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def epilog(example: str) -> str:
    return "Example:\n" + "\n".join("  " + line for line in example.strip().splitlines())


def new_parser(sub: Any, name: str, *, help: str, description: str | None = None) -> argparse.ArgumentParser:
    """A command's (or an action's) parser, with the shared --data-dir; its module fills in the rest."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description or help, formatter_class=Formatter)
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    return parser


def action(sub: Any, name: str, *, help: str, example: str, run: Handler, description: str | None = None) -> argparse.ArgumentParser:
    """One action of a command with actions (`event add`, `session list` …)."""
    parser = new_parser(sub, name, help=help, description=description)
    parser.epilog = epilog(example)
    parser.set_defaults(handler=run)
    return parser


def actions(parser: argparse.ArgumentParser) -> Any:
    """The sub-parsers of a command with actions; its module adds each one."""
    return parser.add_subparsers(title="actions", metavar="ACTION")


def format_option(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help=help)


def event_option(parser: argparse.ArgumentParser, help: str | None = "the event (default: the active event)") -> None:
    parser.add_argument("--event", metavar="SLUG", help=help)
