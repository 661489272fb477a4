"""What every command's parser shares: the help layout, --data-dir, and the options several commands take.

Command modules import this (argparse only), never each other's options.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable

PLATFORMS = ("x", "bluesky", "mastodon")
DATA_DIR_HELP = "the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)"

Handler = Callable[[argparse.Namespace], int]


class Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        # argparse builds a formatter for every option it adds, and measures the terminal with shutil, which
        # imports bz2, lzma and fnmatch: a few milliseconds on every command's start, for help text that is
        # rarely printed. The same measure (shutil.get_terminal_size's, less 2 as argparse takes) without them.
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


def _terminal_columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


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
