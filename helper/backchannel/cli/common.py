"""What every command needs: the data directory, the store, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from backchannel.paths import resolve_data_dir
from backchannel.store import Store


def data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(data_dir(args))


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
