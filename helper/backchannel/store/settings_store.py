"""Stored setting overrides (JSON values), validated through the settings registry."""

from __future__ import annotations

import json
from typing import Any, Mapping

from backchannel.errors import InvalidInput
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
        if parsed.get("active_room"):
            parsed["active_room"] = self._known_room(str(parsed["active_room"]), parsed.get("active_event", self.load().get("active_event")))
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

    def _known_room(self, room: str, event: str | None) -> str:
        """``room`` as the active event's programme spells it; a room it does not have is refused.

        A misspelt room would otherwise quietly leave every draft without a session.
        """
        if not event:
            raise InvalidInput(
                "active_room picks a room of the active event, and there is none: `backchannel event use SLUG` first.",
                details={"setting": "active_room"},
            )
        rows = self.db.conn.execute(
            "SELECT DISTINCT s.room FROM sessions s JOIN events e ON e.id = s.event_id WHERE e.slug = ? AND s.room IS NOT NULL ORDER BY s.room",
            (event,),
        ).fetchall()
        rooms = [r[0] for r in rows]
        for known in rooms:
            if known.casefold() == room.casefold():
                return str(known)
        if not rooms:
            message = f"The event {event!r} has no rooms yet: import its programme (or add sessions with --room) first."
        else:
            shown = ", ".join(rooms[:15]) + (f" and {len(rooms) - 15} more" if len(rooms) > 15 else "")
            message = f"The event {event!r} has no room {room!r}. Its rooms: {shown}."
        raise InvalidInput(message, details={"setting": "active_room", "rooms": rooms})
