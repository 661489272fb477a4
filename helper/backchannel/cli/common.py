"""What every command needs: the data directory, the store, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from backchannel.local.paths import resolve_data_dir
from backchannel.store import Store


def data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(data_dir(args))


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
