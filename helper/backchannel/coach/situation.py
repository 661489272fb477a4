"""The situation a draft is checked in: the event, the session on, the settings and the history.

Asked on every pause in typing (``check``) and for every recorded post (``record``).
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backchannel.context import EventInfo, History, SessionInfo
from backchannel.errors import InvalidInput
from backchannel.settings import Settings
from backchannel.store import Store
from backchannel.store.which_session import which_session
from backchannel.text.extract import hashtag_entities
from backchannel.timeutil import now_utc, parse_instant

SITUATION_CACHE_SIZE = 32
NEAR_DUPLICATE = "FLW002"  # the rule whose window decides how far back the history reaches


@dataclass(frozen=True, slots=True)
class Situation:
    """What a draft is checked against, resolved from the store."""

    event: EventInfo | None
    session: SessionInfo | None
    settings: Settings
    history: "History | None" = None  # the user's past posts, for the history-aware rules
    reason: str | None = None  # why there is no current session, when there is an event but none
    session_source: str | None = None  # how the session was found: "tag", "room" or "time" (see which_session)

    def check_context(self) -> dict[str, Any]:
        """What ``check_draft`` takes from the situation, as keyword arguments."""
        return {"event": self.event, "session": self.session, "settings": self.settings, "history": self.history}


class Situations:
    """Resolves situations for one store, with the cache that keeps a pause in typing cheap."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._situation_cache: dict[tuple[Any, ...], Situation] = {}
        self._session_tags: tuple[Any, frozenset[str]] | None = None  # (database version, every event's session tags)

    def resolve(
        self,
        *,
        event: str | None = None,
        session: int | None = None,
        at: datetime | str | None = None,
        room: str | None = None,
        text: str | None = None,
        with_history: bool = True,
    ) -> Situation:
        """The event (explicit, else the active one) and the session (explicit, else the one on at ``at``).

        ``at`` as text is ISO 8601; without an offset it is in the event's time zone.

        Which session is on is decided by ``which_session``: the session tag in
        ``text`` first, then the chosen room, then the time. When several
        sessions run at once and nothing narrows them down, there is no current
        session: the rules never guess.

        Every pause in typing asks this, and the answer only changes when the database
        does or time moves on: it is cached per database version and, for live checks
        (no ``at``), per minute.
        """
        # Only session tags can change the answer: other hashtags stay out of the cache key, so typing
        # "#LT1…" letter by letter does not resolve the situation (and load the history) again each time.
        hashtags = frozenset(e.text.casefold() for e in hashtag_entities(text)) & self._known_session_tags() if text and "#" in text else frozenset()
        key = (self.store.db.version(), event, session, at if at is not None else int(time.time() // 60), room, hashtags, with_history)
        cached = self._situation_cache.get(key)
        if cached is None:
            if len(self._situation_cache) >= SITUATION_CACHE_SIZE:
                self._situation_cache.pop(next(iter(self._situation_cache)))
            cached = self._situation_cache[key] = self._resolve_now(
                event=event, session=session, at=at, room=room, hashtags=hashtags, with_history=with_history
            )
        return cached

    def _resolve_now(
        self, *, event: str | None, session: int | None, at: datetime | str | None, room: str | None, hashtags: frozenset[str], with_history: bool
    ) -> Situation:
        settings = self.store.settings.load()
        chosen = self.store.events.get_event(event) if event else self.store.active_event(settings)
        if isinstance(at, str):
            at = parse_instant(at, default_zone=chosen.time_zone if chosen else "UTC", field="at")
        if chosen is None:
            if session is not None:
                raise InvalidInput("A session needs its event: pass the event too, or make it the active event.", details={"field": "session"})
            return Situation(None, None, settings, self._history(None, at, settings) if with_history else None)
        current = None
        reason = source = None
        if session is not None:
            current = self.store.events.get_session(session, event=chosen.slug)
        else:
            resolved = which_session(
                self.store.events.sessions_at(chosen.slug, at or now_utc()), hashtags=hashtags,
                room=room or settings.get("active_room"), session_tags=self.store.events.session_tags(chosen.slug) if hashtags else (),
            )
            current, reason, source = resolved.session, resolved.reason, resolved.source
        history = self._history(current.id if current else None, at, settings) if with_history else None
        return Situation(chosen.info(), current.info() if current else None, settings, history, reason, source)

    def _known_session_tags(self) -> frozenset[str]:
        """Every session tag of every event, casefolded; read again only when the database changes."""
        version = self.store.db.version()
        if self._session_tags is None or self._session_tags[0] != version:
            tags = frozenset(t.casefold() for e in self.store.events.list_events() for t in self.store.events.session_tags(e.slug))
            self._session_tags = (version, tags)
        return self._session_tags[1]

    def _history(self, session_id: int | None, at: datetime | None, settings: Settings) -> "History":
        """The history the rules see: up to ``at`` when checking a past moment, everything up to now otherwise.

        Cached with the whole situation (see ``situation``): a live check's history is
        taken at most once a minute, and again only after a post is stored.
        """
        window = float(settings.rule_options(NEAR_DUPLICATE)["hours"]) if settings.rule_enabled(NEAR_DUPLICATE) else 0.0
        return self.store.history.snapshot(session_id=session_id, at=at or now_utc(), window_hours=window, until=at)


_RESOLVERS: "weakref.WeakKeyDictionary[Store, Situations]" = weakref.WeakKeyDictionary()


def find_situation(
    store: Store,
    *,
    event: str | None = None,
    session: int | None = None,
    at: datetime | str | None = None,
    room: str | None = None,
    text: str | None = None,
    with_history: bool = True,
) -> Situation:
    """The situation in ``store`` (see ``Situations.resolve``); each store keeps its own cache."""
    resolver = _RESOLVERS.get(store)
    if resolver is None:
        resolver = _RESOLVERS[store] = Situations(store)
    return resolver.resolve(event=event, session=session, at=at, room=room, text=text, with_history=with_history)
