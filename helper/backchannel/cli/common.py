"""What many commands need: the data directory, the store, the event a command is about, JSON output, a progress line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from backchannel.errors import InvalidInput
from backchannel.local.paths import resolve_data_dir
from backchannel.store import Event, Store


def data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(data_dir(args))


def event_for(store: Store, slug: str | None) -> Event:
    """The event --event names, else the active one; a clear error when there is neither."""
    if slug:
        return store.events.get_event(slug)
    event = store.active_event()
    if event is None:
        raise InvalidInput("Which event? Pass --event SLUG, or choose one with `backchannel event use SLUG`.")
    return event


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


class ProgressLine:
    """One line on stderr, rewritten as long work goes on; only when a person is watching."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.shown = False

    def show(self, text: str) -> None:
        if self.live:
            self.stream.write("\r" + text)
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
