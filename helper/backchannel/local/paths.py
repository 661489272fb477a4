"""Where an instance keeps its files.

Everything an instance owns (database, token file, runtime file) lives in one
data directory, so several isolated instances can run side by side: tests,
scripts, or a person trying things out. The directory is chosen by the
``--data-dir`` option, then ``BACKCHANNEL_DATA_DIR``, then the platform's
user data directory (XDG on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "BACKCHANNEL_DATA_DIR"
APP_NAME = "backchannel-coach"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, created (0700) if missing."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def database_path(data_dir: Path) -> Path:
    return data_dir / "backchannel.sqlite3"


def runtime_path(data_dir: Path) -> Path:
    """The file a running helper writes so the CLI and native host can find it."""
    return data_dir / "helper.json"


def token_path(data_dir: Path) -> Path:
    """The 0600 token file used where no real keyring backend exists."""
    return data_dir / "token"


def token_marker_path(data_dir: Path) -> Path:
    """Replaced whenever the token is (nothing secret inside): a running helper watches it
    to follow `backchannel token --rotate` done by another process."""
    return data_dir / "token.changed"
