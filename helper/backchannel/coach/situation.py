"""The situation a draft is checked in: the event, the session on, the settings and the history.

Asked on every pause in typing (``check``) and for every recorded post (``record``).
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from backchannel.context import ChatInfo, EndedSession, EventInfo, History, SessionInfo
from backchannel.errors import InvalidInput
from backchannel.rules.registry import recent_hours
from backchannel.settings import Settings
from backchannel.store import Store
from backchannel.store.closing import ended_session_posts
from backchannel.store.snapshot import load_history
from backchannel.store.which_session import which_session
from backchannel.text.extract import hashtag_entities
from backchannel.timeutil import now_utc, parse_instant

SITUATION_CACHE_SIZE = 32
CLOSING_POST = "GDE008"  # the rule that reads the session last posted from, once it has ended


@dataclass(frozen=True, slots=True)
class Situation:
    """What a draft is checked against, resolved from the store."""

    event: EventInfo | None
    session: SessionInfo | None
    settings: Settings
    history: "History | None" = None  # the user's past posts, for the history-aware rules
    reason: str | None = None  # why there is no current session, when there is an event but none
    session_source: str | None = None  # how the session was found: "tag", "room" or "time" (see which_session)
    chat: ChatInfo | None = None  # the weekly chat live now, with its latest question

    def check_context(self) -> dict[str, Any]:
        """What ``check_draft`` takes from the situation, as keyword arguments."""
        return {"event": self.event, "session": self.session, "settings": self.settings, "history": self.history, "chat": self.chat}


class Situations:
    """Resolves situations for one store, with the cache that keeps a pause in typing cheap."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._situation_cache: dict[tuple[Any, ...], Situation] = {}
        self._session_tags: tuple[Any, frozenset[str]] | None = None  # (database version, every event's session tags)
        self._chat_tags: tuple[Any, frozenset[str]] | None = None  # (database version, every chat's hashtag)

    def resolve(
        self,
        *,
        event: str | None = None,
        session: int | None = None,
        at: datetime | str | None = None,
        room: str | None = None,
        text: str | None = None,
        with_history: bool = True,
        chat: str | None = None,
    ) -> Situation:
        """The event (explicit, else the active one) and the session (explicit, else the one on at ``at``);
        the weekly chat live at ``at`` (``chat`` names one; else the live one whose hashtag ``text`` carries,
        else the only live one).

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
        every = frozenset(e.text.casefold() for e in hashtag_entities(text)) if text and "#" in text else frozenset()
        hashtags = every & self._known_session_tags() if every else frozenset()
        chat_tags = every & self._known_chat_tags() if every else frozenset()
        key = (self.store.db.version(), event, session, at if at is not None else int(time.time() // 60), room, hashtags, with_history, chat, chat_tags)
        cached = self._situation_cache.get(key)
        if cached is None:
            if len(self._situation_cache) >= SITUATION_CACHE_SIZE:
                self._situation_cache.pop(next(iter(self._situation_cache)))
            found = self._resolve_now(event=event, session=session, at=at, room=room, hashtags=hashtags, with_history=with_history)
            when = found.history.at if found.history is not None else None
            if when is None:
                when = parse_instant(at, default_zone=found.event.time_zone if found.event else "UTC", field="at") if isinstance(at, str) else at or now_utc()
            live = self.store.chats.info_at(when, slug=chat, hashtags=chat_tags)
            cached = self._situation_cache[key] = replace(found, chat=live) if live is not None else found
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
        if history is not None and settings.rule_enabled(CLOSING_POST):
            history = self._with_ended(history, chosen.id, current.id if current else None, at or now_utc())
        return Situation(chosen.info(), current.info() if current else None, settings, history, reason, source)

    def _with_ended(self, history: History, event_id: int, current: int | None, at: datetime) -> History:
        """The history with the session last posted from, when it has ended: what the closing post reads."""
        found = ended_session_posts(self.store.db, event_id=event_id, at=at)
        if found is None or found[0] == current:
            return history
        session = self.store.events.get_session(found[0]).info()
        return replace(history, ended=EndedSession(session, found[1]))

    def _known_chat_tags(self) -> frozenset[str]:
        """Every chat's hashtag, casefolded; read again only when the database changes."""
        version = self.store.db.version()
        if self._chat_tags is None or self._chat_tags[0] != version:
            self._chat_tags = (version, frozenset(c.hashtag.casefold() for c in self.store.chats.list_chats()))
        return self._chat_tags[1]

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
        window = recent_hours(settings)  # as far back as the switched-on rules that read recent posts look
        # Straight from the snapshot query, not through store.history: a check needs none of the post, search and photo code.
        return load_history(self.store.db, session_id=session_id, at=at or now_utc(), window_hours=window, until=at)


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
    chat: str | None = None,
) -> Situation:
    """The situation in ``store`` (see ``Situations.resolve``); each store keeps its own cache."""
    resolver = _RESOLVERS.get(store)
    if resolver is None:
        resolver = _RESOLVERS[store] = Situations(store)
    return resolver.resolve(event=event, session=session, at=at, room=room, text=text, with_history=with_history, chat=chat)
