"""Stored setting overrides (JSON values), validated through the settings registry."""

from __future__ import annotations

import json
from typing import Any, Mapping

from backchannel.settings import SETTINGS, Settings, parse_setting
from backchannel.store.db import Database


class SettingsStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cached: tuple[tuple[int, int], Settings] | None = None

    def load(self) -> Settings:
        # Every check needs the settings; they change rarely (and maybe in another process).
        version = self.db.version()
        if self._cached is not None and self._cached[0] == version:
            return self._cached[1]
        settings = self._read()
        self._cached = (version, settings)
        return settings

    def _read(self) -> Settings:
        overrides = {}
        for name, value in self.db.conn.execute("SELECT name, value FROM settings"):
            # A setting that a newer version removed is ignored, not an error.
            if name in SETTINGS:
                overrides[name] = json.loads(value)
        return Settings(overrides)

    def update(self, changes: Mapping[str, Any]) -> Settings:
        """Set several settings at once, all or none; ``None`` resets one to its default."""
        parsed = {name: (None if value is None else parse_setting(name, value)) for name, value in changes.items()}
        with self.db.write() as conn:
            for name, value in parsed.items():
                if value is None or value == SETTINGS[name].default:
                    conn.execute("DELETE FROM settings WHERE name = ?", (name,))
                else:
                    conn.execute(
                        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        (name, json.dumps(value)),
                    )
        return self.load()
