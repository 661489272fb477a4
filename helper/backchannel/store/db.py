"""The SQLite connection: pragmas, migrations, and the one write path.

WAL lets the review page read while the helper writes; foreign keys are
enforced; every write goes through ``Database.write()``, one
``BEGIN IMMEDIATE`` transaction, so a crash leaves either all of a change or
none of it.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from backchannel.errors import StoreError
from backchannel.store.migrations import MIGRATIONS

OTHERS_STALE_AFTER = 0.25  # seconds


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._writes = 0
        self._others_version = 0
        self._others_checked_at = float("-inf")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit mode: transactions are explicit, in write().
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the database at {self.path}: {exc}.", details={"path": str(self.path)}) from None
        if self.path.exists():
            self.path.chmod(0o600)

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.write() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, utc_now()))

    def version(self) -> tuple[int, int]:
        """Changes when anyone, this connection or another process, commits: a cache key.

        Our own writes count at once. Another process's (the CLI changing a setting) are
        noticed within ``OTHERS_STALE_AFTER`` seconds: asking SQLite on every call costs
        more than a whole check does.
        """
        now = time.monotonic()
        if now - self._others_checked_at >= OTHERS_STALE_AFTER:
            self._others_version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
            self._others_checked_at = now
        return self._others_version, self._writes

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: committed on success, rolled back on any error."""
        self._writes += 1
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (executescript would commit early)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
