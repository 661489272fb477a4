"""`backchannel settings`: every setting with its value, default and help."""

from __future__ import annotations

import argparse
import json
import sys

from backchannel.cli.common import open_store, print_json
from backchannel.errors import InvalidInput, NotFound
from backchannel.settings import SETTINGS

EXAMPLE = (
    "backchannel settings\nbackchannel settings set rules.FLW003.max_hashtags 4\n"
    "backchannel settings set rules.CTX005.enabled false\nbackchannel settings reset rules.FLW003.max_hashtags"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", choices=("list", "get", "set", "reset"), default="list")
    parser.add_argument("name", nargs="?")
    parser.add_argument("value", nargs="?")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run_settings)


def run_settings(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        if args.action in ("get", "set", "reset") and not args.name:
            raise InvalidInput(f"`settings {args.action}` needs a setting name; `backchannel settings` lists them.")
        if args.name and args.name not in SETTINGS:
            raise NotFound(f"There is no setting {args.name!r}; `backchannel settings` lists them.")
        if args.action == "set":
            if args.value is None:
                raise InvalidInput(f"`settings set {args.name}` needs a value.")
            if args.name == "active_event":
                store.events.get_event(args.value)
            settings = store.settings.update({args.name: _value(args.value)})
        elif args.action == "reset":
            settings = store.settings.update({args.name: None})
        else:
            settings = store.settings.load()
    finally:
        store.close()
    names = [args.name] if args.name else list(SETTINGS)
    if args.format == "json":
        print_json({name: settings.get(name) for name in names})
        return 0
    for name in names:
        row = SETTINGS[name]
        value = settings.get(name)
        mark = "" if value == row.default else f"  (default {json.dumps(row.default)})"
        sys.stdout.write(f"{name} = {json.dumps(value)}{mark}\n")
        if args.action in ("list", "get"):
            sys.stdout.write(f"    {row.help}\n")
    return 0


def _value(text: str) -> object:
    """Numbers and booleans as typed; everything else stays text."""
    try:
        return json.loads(text)
    except ValueError:
        return text
