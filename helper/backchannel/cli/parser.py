"""The command line's parser, built from the registry of command modules.

`build_parser(argv)` imports only the module of the command ARGV names (and of
the command it sits under, for `event kit`); the other commands appear by their
summary. `build_parser()` with no ARGV imports them all: the full parser, for
docs and tests.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any, Sequence

from backchannel import __version__
from backchannel.cli.options import DATA_DIR_HELP, Formatter, epilog, new_parser
from backchannel.cli.registry import COMMANDS, Command, children

# A token that takes the next one as its value, before the command's name: --data-dir and its abbreviations.
_VALUED = tuple("--data-dir"[:n] for n in range(3, len("--data-dir") + 1))


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backchannel",
        description="Coach conference posts: context, tags, readable photos, and a local history.",
        epilog="Example:\n  backchannel check \"Most learning happens at work #LT13\"\n\nRun `backchannel COMMAND --help` for a command's options.",
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"backchannel {__version__}")
    parser.add_argument("--data-dir", help=DATA_DIR_HELP)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_commands(sub, (), None if argv is None else chosen_command(argv))
    return parser


def chosen_command(argv: Sequence[str]) -> tuple[str, ...]:
    """The registered command ARGV runs, as its path ("event", "kit"); () when it names none."""
    words: list[str] = []
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--":
            break
        elif token.startswith("-"):
            skip = token in _VALUED
        else:
            words.append(token)
            if len(words) > max(len(c.path) for c in COMMANDS):
                break
    path: tuple[str, ...] = ()
    for word in words:
        if not any(c.path == path + (word,) for c in COMMANDS):
            break
        path += (word,)
    return path


def _add_commands(sub: Any, under: tuple[str, ...], chosen: tuple[str, ...] | None) -> None:
    for command in children(under):
        if chosen is not None and chosen[: len(command.path)] != command.path:
            if len(chosen) > len(under):
                # ARGV goes past this level to another command: this level's help is never shown, so its other
                # commands are left out altogether (each placeholder parser costs a little on every start).
                continue
            # Listed by its summary and never parsed: the bare minimum, so the other commands cost next to nothing.
            sub.add_parser(command.path[-1], help=command.summary, add_help=False)
            continue
        parser = new_parser(sub, command.path[-1], help=command.summary)
        actions = configure(command, parser)
        if children(command.path):
            if actions is None:
                raise TypeError(f"{command.module_path}.configure must return its actions for `{command.name}`'s sub-commands")
            _add_commands(actions, command.path, chosen)


def configure(command: Command, parser: argparse.ArgumentParser) -> Any:
    """Let the command's module add its options (and actions) and its handler; returns its actions, if any."""
    module = importlib.import_module(command.module_path)
    parser.description = getattr(module, "DESCRIPTION", None) or command.summary
    parser.epilog = epilog(module.EXAMPLE)
    return module.configure(parser)
