"""Events and their sessions (with the speakers on them): validation and queries."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from backchannel.context import EventInfo, SessionInfo, SpeakerInfo
from backchannel.errors import Conflict, InvalidInput, NotFound
from backchannel.store.db import Database, utc_now
from backchannel.store.session_tags import normalise_hashtag, render_session_tag, validate_pattern
from backchannel.text.model import Platform
from backchannel.timeutil import from_store, to_store, zone

if TYPE_CHECKING:
    # Loaded once sessions are read: a check with no event active (most of `backchannel check`'s runs) needs neither.
    from backchannel.session_links import Link

NETWORKS: tuple[Platform, ...] = ("x", "bluesky", "mastodon")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    slug: str
    name: str
    time_zone: str
    hashtags: tuple[str, ...]
    session_tag_pattern: str | None
    starts_on: str | None
    ends_on: str | None
    posting_policy: str | None = None

    def info(self) -> EventInfo:
        return EventInfo(slug=self.slug, name=self.name, hashtags=self.hashtags, time_zone=self.time_zone, posting_policy=self.posting_policy)

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "time_zone": self.time_zone,
            "hashtag": self.hashtags[0] if self.hashtags else None,
            "aliases": list(self.hashtags[1:]),
            "session_tag_pattern": self.session_tag_pattern,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "posting_policy": self.posting_policy,
        }


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    key: str
    title: str
    start: datetime
    end: datetime
    room: str | None
    track: str | None
    code: str | None
    tag: str | None  # effective tag: explicit, or from the event's pattern
    url: str | None
    abstract: str | None
    speakers: tuple[SpeakerInfo, ...]
    do_not_record: bool = False  # the programme's flag (owned by the import)
    do_not_post: str | None = None  # the user's own mark, with the reason
    links: tuple[Link, ...] = ()  # the programme's links for it, in its order (imported sessions only)

    @property
    def slides(self) -> Link | None:
        """The slides among the programme's links, by the rule in ``backchannel.session_links``."""
        from backchannel.session_links import slides_link

        return slides_link(self.links)

    @property
    def not_to_post(self) -> str | None:
        """Why the session is not to be posted, None when it may be: the user's mark first, else the programme's flag."""
        if self.do_not_post:
            return self.do_not_post
        return "the programme marks it do-not-record" if self.do_not_record else None

    def info(self) -> SessionInfo:
        from backchannel.compose.snippets import about_line

        return SessionInfo(
            id=self.id,
            title=self.title,
            start=self.start,
            end=self.end,
            room=self.room,
            tag=self.tag,
            speakers=self.speakers,
            do_not_post=self.not_to_post,
            url=self.url,
            about=about_line(self.abstract),
            slides=self.slides.url if self.slides else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "start": to_store(self.start),
            "end": to_store(self.end),
            "room": self.room,
            "track": self.track,
            "code": self.code,
            "tag": self.tag,
            "url": self.url,
            "abstract": self.abstract,
            "speakers": [{"name": s.name, "handles": dict(s.handles)} for s in self.speakers],
            "do_not_record": self.do_not_record,
            "do_not_post": self.do_not_post,
            "links": [link.to_dict() for link in self.links],
            "slides": None if self.slides is None else self.slides.to_dict(),
        }


def speaker_key(name: str) -> str:
    """A speaker's identity within an event: the name, case and spacing folded."""
    return "name:" + " ".join(name.casefold().split())


def validate_slug(slug: str) -> str:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise InvalidInput(
            f"Event slug {slug!r} is not valid: use lowercase letters, digits and dashes (e.g. pyconuk-2026), at most 64.",
            details={"field": "slug"},
        )
    return slug


def network_named(name: str) -> Platform:
    """The network called ``name`` (as typed), or the one error for a network there is none of."""
    for network in NETWORKS:
        if name == network:
            return network
    raise InvalidInput(f"Unknown network {name!r}: use one of {', '.join(NETWORKS)}.", details={"field": "network"})


def normalise_handle(network: str, handle: str) -> str:
    network_named(network)
    bare = handle.strip()
    if not bare:
        raise InvalidInput(f"The {network} handle is empty.", details={"field": "handle"})
    return bare if bare.startswith("@") else "@" + bare


def _optional_date(value: str | None, field_name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InvalidInput(f"{field_name} must be a date such as 2026-09-18, not {value!r}.", details={"field": field_name}) from None


class EventStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- events ----------------------------------------------------------

    def create_event(
        self,
        slug: str,
        name: str,
        *,
        time_zone: str = "UTC",
        hashtag: str | None = None,
        aliases: Sequence[str] = (),
        session_tag_pattern: str | None = None,
        starts_on: str | None = None,
        ends_on: str | None = None,
    ) -> Event:
        values = _event_values(
            slug=validate_slug(slug), name=name, time_zone=time_zone, hashtag=hashtag, aliases=aliases,
            session_tag_pattern=session_tag_pattern, starts_on=starts_on, ends_on=ends_on,
        )
        try:
            with self.db.write() as conn:
                conn.execute(
                    "INSERT INTO events (slug, name, time_zone, hashtags, session_tag_pattern, starts_on, ends_on, created_at)"
                    " VALUES (:slug, :name, :time_zone, :hashtags, :session_tag_pattern, :starts_on, :ends_on, :created_at)",
                    {**values, "created_at": utc_now()},
                )
        except sqlite3.IntegrityError:
            raise Conflict(f"An event with slug {slug!r} already exists.", details={"slug": slug}) from None
        return self.get_event(slug)

    def update_event(self, slug: str, changes: Mapping[str, Any]) -> Event:
        current = self.get_event(slug)
        merged = current.to_dict()
        merged.update({k: v for k, v in changes.items()})
        values = _event_values(**{k: merged[k] for k in ("slug", "name", "time_zone", "hashtag", "aliases", "session_tag_pattern", "starts_on", "ends_on")})
        if values["slug"] != slug:
            validate_slug(values["slug"])
        try:
            with self.db.write() as conn:
                conn.execute(
                    "UPDATE events SET slug=:slug, name=:name, time_zone=:time_zone, hashtags=:hashtags,"
                    " session_tag_pattern=:session_tag_pattern, starts_on=:starts_on, ends_on=:ends_on WHERE id=:id",
                    {**values, "id": current.id},
                )
        except sqlite3.IntegrityError:
            raise Conflict(f"An event with slug {values['slug']!r} already exists.", details={"slug": values["slug"]}) from None
        return self.get_event(values["slug"])

    def set_posting_policy(self, slug: str, policy: str | None) -> Event:
        """Set (or, with None or blank, clear) the event's posting policy, in the organisers' words."""
        event = self.get_event(slug)
        text = _short_note(policy, "posting_policy")
        with self.db.write() as conn:
            conn.execute("UPDATE events SET posting_policy = ? WHERE id = ?", (text, event.id))
        return self.get_event(slug)

    def mark_do_not_post(self, slug: str, session_id: int, reason: str | None) -> Session:
        """Mark a session as not to be posted, with the reason (None or blank clears the mark). The
        programme's own do-not-record flag is the import's and stays as the file says."""
        self.get_session(session_id, event=slug)
        text = _short_note(reason, "reason")
        with self.db.write() as conn:
            conn.execute("UPDATE sessions SET do_not_post = ? WHERE id = ?", (text, session_id))
        return self.get_session(session_id)

    def get_event(self, slug: str) -> Event:
        row = self.db.conn.execute("SELECT * FROM events WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise NotFound(f"There is no event {slug!r}. `backchannel event list` shows the events you have.", details={"event": slug})
        return _event(row)

    def list_events(self) -> list[Event]:
        return [_event(row) for row in self.db.conn.execute("SELECT * FROM events ORDER BY starts_on IS NULL, starts_on, slug")]

    # -- sessions --------------------------------------------------------

    def add_session(
        self,
        slug: str,
        *,
        title: str,
        start: datetime,
        end: datetime,
        room: str | None = None,
        track: str | None = None,
        code: str | None = None,
        tag: str | None = None,
        speakers: Iterable[SpeakerInfo] = (),
        key: str | None = None,
        url: str | None = None,
        abstract: str | None = None,
    ) -> Session:
        event = self.get_event(slug)
        title = (title or "").strip()
        if not title:
            raise InvalidInput("A session needs a title.", details={"field": "title"})
        if end <= start:
            raise InvalidInput("A session must end after it starts.", details={"field": "end"})
        explicit_tag = normalise_hashtag(tag, field_name="tag") if tag else None
        session_key = key or f"manual:{to_store(start)}:{(room or '').casefold()}:{title.casefold()}"
        speakers = list(speakers)
        try:
            with self.db.write() as conn:
                cur = conn.execute(
                    "INSERT INTO sessions (event_id, key, title, starts_at, ends_at, room, track, code, tag, url, abstract)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (event.id, session_key, title, to_store(start), to_store(end), room or None, track or None, code or None, explicit_tag, url, abstract),
                )
                session_id = int(cur.lastrowid or 0)
                for position, speaker in enumerate(speakers):
                    speaker_id = _upsert_speaker(conn, event.id, speaker)
                    conn.execute(
                        "INSERT OR IGNORE INTO session_speakers (session_id, speaker_id, position) VALUES (?, ?, ?)",
                        (session_id, speaker_id, position),
                    )
        except sqlite3.IntegrityError:
            raise Conflict(f"The event {slug!r} already has the session “{title}” at that time in that room.", details={"key": session_key}) from None
        return self.get_session(session_id)

    def update_session(self, slug: str, session_id: int, changes: Mapping[str, Any]) -> Session:
        """Change a session's title, times, room, track, code, tag, url, abstract or (all of) its speakers.

        ``None`` clears an optional field. An imported session changed here is
        changed back by the next import of its programme: the file is the source.
        """
        current = self.get_session(session_id, event=slug)
        event = self.get_event(slug)
        merged: dict[str, Any] = {
            "title": current.title, "start": current.start, "end": current.end, "room": current.room, "track": current.track,
            "code": current.code, "tag": self._explicit_tag(session_id), "url": current.url, "abstract": current.abstract,
        }
        unknown = set(changes) - set(merged) - {"speakers"}
        if unknown:
            raise InvalidInput(f"A session has no field {sorted(unknown)[0]!r}.", details={"field": sorted(unknown)[0]})
        merged.update({k: v for k, v in changes.items() if k != "speakers"})
        title = (merged["title"] or "").strip()
        if not title:
            raise InvalidInput("A session needs a title.", details={"field": "title"})
        if merged["end"] <= merged["start"]:
            raise InvalidInput("A session must end after it starts.", details={"field": "end"})
        tag = normalise_hashtag(merged["tag"], field_name="tag") if merged["tag"] else None
        with self.db.write() as conn:
            conn.execute(
                "UPDATE sessions SET title = ?, starts_at = ?, ends_at = ?, room = ?, track = ?, code = ?, tag = ?, url = ?, abstract = ? WHERE id = ?",
                (title, to_store(merged["start"]), to_store(merged["end"]), merged["room"] or None, merged["track"] or None,
                 merged["code"] or None, tag, merged["url"] or None, merged["abstract"] or None, session_id),
            )
            if "speakers" in changes:
                conn.execute("DELETE FROM session_speakers WHERE session_id = ?", (session_id,))
                for position, speaker in enumerate(changes["speakers"] or ()):
                    speaker_id = _upsert_speaker(conn, event.id, speaker)
                    conn.execute(
                        "INSERT OR IGNORE INTO session_speakers (session_id, speaker_id, position) VALUES (?, ?, ?)",
                        (session_id, speaker_id, position),
                    )
        return self.get_session(session_id)

    def remove_session(self, slug: str, session_id: int) -> Session:
        """Remove a session; posts placed in it stay in the event, without a session."""
        session = self.get_session(session_id, event=slug)
        with self.db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return session

    def _explicit_tag(self, session_id: int) -> str | None:
        row = self.db.conn.execute("SELECT tag FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row[0] if row else None

    def get_session(self, session_id: int, *, event: str | None = None) -> Session:
        """Session ``session_id``; with ``event``, only if it belongs to that event."""
        row = self.db.conn.execute(
            "SELECT s.*, e.session_tag_pattern, e.hashtags FROM sessions s JOIN events e ON e.id = s.event_id"
            " WHERE s.id = ? AND (? IS NULL OR e.slug = ?)",
            (session_id, event, event),
        ).fetchone()
        if row is None:
            where = f" in the event {event!r}" if event else ""
            raise NotFound(f"There is no session {session_id}{where}.", details={"session": session_id})
        return self._sessions([row])[0]

    def list_sessions(self, slug: str) -> list[Session]:
        event = self.get_event(slug)
        rows = self.db.conn.execute(
            "SELECT s.*, e.session_tag_pattern, e.hashtags FROM sessions s JOIN events e ON e.id = s.event_id"
            " WHERE s.event_id = ? ORDER BY s.starts_at, s.room, s.title",
            (event.id,),
        ).fetchall()
        return self._sessions(rows)

    def sessions_at(self, slug: str, at: datetime, room: str | None = None) -> list[Session]:
        """Sessions running at ``at``: start inclusive, end exclusive."""
        event = self.get_event(slug)
        stamp = to_store(at)
        sql = (
            "SELECT s.*, e.session_tag_pattern, e.hashtags FROM sessions s JOIN events e ON e.id = s.event_id"
            " WHERE s.event_id = ? AND s.starts_at <= ? AND s.ends_at > ?"
        )
        params: list[Any] = [event.id, stamp, stamp]
        if room:
            sql += " AND lower(s.room) = lower(?)"
            params.append(room)
        return self._sessions(self.db.conn.execute(sql + " ORDER BY s.room, s.starts_at", params).fetchall())

    def session_tags(self, slug: str) -> frozenset[str]:
        """Every session tag the event's programme uses, explicit or from its pattern."""
        event = self.get_event(slug)
        rows = self.db.conn.execute("SELECT DISTINCT tag, code, room, track FROM sessions WHERE event_id = ?", (event.id,)).fetchall()
        hashtag = event.hashtags[0] if event.hashtags else None
        tags = (
            r["tag"] or render_session_tag(event.session_tag_pattern, hashtag=hashtag, code=r["code"], room=r["room"], track=r["track"])
            for r in rows
        )
        return frozenset(t for t in tags if t)

    def next_sessions(self, slug: str, at: datetime, room: str | None = None) -> list[Session]:
        """The first session to start after ``at`` in each room (within a day)."""
        event = self.get_event(slug)
        stamp = to_store(at)
        horizon = to_store(at + timedelta(days=1))
        sql = (
            "SELECT s.*, e.session_tag_pattern, e.hashtags FROM sessions s JOIN events e ON e.id = s.event_id"
            " WHERE s.event_id = ? AND s.starts_at > ? AND s.starts_at < ?"
        )
        params: list[Any] = [event.id, stamp, horizon]
        if room:
            sql += " AND lower(s.room) = lower(?)"
            params.append(room)
        rows = self.db.conn.execute(sql + " ORDER BY s.starts_at, s.room", params).fetchall()
        first: dict[str | None, sqlite3.Row] = {}
        for row in rows:
            first.setdefault((row["room"] or "").casefold() or None, row)
        return self._sessions(sorted(first.values(), key=lambda r: (r["starts_at"], r["room"] or "")))

    def _sessions(self, rows: Sequence[sqlite3.Row]) -> list[Session]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        speakers: dict[int, list[SpeakerInfo]] = {i: [] for i in ids}
        marks = ",".join("?" * len(ids))
        handle_rows = self.db.conn.execute(
            f"SELECT ss.session_id, sp.id AS speaker_id, sp.name, h.network, h.handle FROM session_speakers ss"
            f" JOIN speakers sp ON sp.id = ss.speaker_id LEFT JOIN speaker_handles h ON h.speaker_id = sp.id"
            f" WHERE ss.session_id IN ({marks}) ORDER BY ss.session_id, ss.position, h.network",
            ids,
        ).fetchall()
        collected: dict[tuple[int, int], tuple[str, dict[Platform, str]]] = {}
        for r in handle_rows:
            name, handles = collected.setdefault((r["session_id"], r["speaker_id"]), (r["name"], {}))
            if r["network"] and r["handle"]:  # an empty handle is a user's "no handle", kept to outlive re-imports
                handles[r["network"]] = r["handle"]
        for (session_id, _), (name, handles) in collected.items():
            speakers[session_id].append(SpeakerInfo(name, handles))
        from backchannel.session_links import Link

        links: dict[int, list[Link]] = {i: [] for i in ids}
        for r in self.db.conn.execute(
            f"SELECT session_id, url, title, type, kind FROM session_links WHERE session_id IN ({marks}) ORDER BY session_id, position", ids
        ):
            links[r["session_id"]].append(Link(url=r["url"], title=r["title"], type=r["type"], kind=r["kind"]))
        out = []
        for row in rows:
            hashtags = json.loads(row["hashtags"])
            tag = row["tag"] or render_session_tag(
                row["session_tag_pattern"], hashtag=hashtags[0] if hashtags else None, code=row["code"], room=row["room"], track=row["track"]
            )
            out.append(
                Session(
                    id=row["id"], key=row["key"], title=row["title"], start=from_store(row["starts_at"]), end=from_store(row["ends_at"]),
                    room=row["room"], track=row["track"], code=row["code"], tag=tag, url=row["url"], abstract=row["abstract"],
                    speakers=tuple(speakers[row["id"]]),
                    do_not_record=bool(row["do_not_record"]), do_not_post=row["do_not_post"], links=tuple(links[row["id"]]),
                )
            )
        return out


def _short_note(value: str | None, field_name: str) -> str | None:
    """A one-line note a person wrote (a policy, a reason): trimmed, None when blank, at most 300 characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field_name} must be text.", details={"field": field_name})
    text = " ".join(value.split())
    if len(text) > 300:
        raise InvalidInput(f"{field_name} is {len(text)} characters long; keep it under 300.", details={"field": field_name})
    return text or None


def _upsert_speaker(conn: sqlite3.Connection, event_id: int, speaker: SpeakerInfo) -> int:
    name = speaker.name.strip()
    if not name:
        raise InvalidInput("A speaker needs a name.", details={"field": "speakers"})
    key = speaker_key(name)
    conn.execute("INSERT OR IGNORE INTO speakers (event_id, key, name) VALUES (?, ?, ?)", (event_id, key, name))
    speaker_id = int(conn.execute("SELECT id FROM speakers WHERE event_id = ? AND key = ?", (event_id, key)).fetchone()[0])
    for network, handle in speaker.handles.items():
        conn.execute(
            "INSERT INTO speaker_handles (speaker_id, network, handle, source) VALUES (?, ?, ?, 'user')"
            " ON CONFLICT (speaker_id, network) DO UPDATE SET handle = excluded.handle, source = 'user'",
            (speaker_id, network, normalise_handle(network, handle)),
        )
    return speaker_id


def _event_values(
    *, slug: str, name: str, time_zone: str | None, hashtag: str | None, aliases: Sequence[str] | None,
    session_tag_pattern: str | None, starts_on: str | None, ends_on: str | None,
) -> dict[str, Any]:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("An event needs a name.", details={"field": "name"})
    tz = time_zone or "UTC"
    zone(tz)
    tags: list[str] = []
    if hashtag:
        tags.append(normalise_hashtag(hashtag, field_name="hashtag"))
    for tag in aliases or ():
        bare = normalise_hashtag(tag, field_name="aliases")
        if bare.casefold() not in {t.casefold() for t in tags}:
            tags.append(bare)
    if aliases and not hashtag:
        raise InvalidInput("Aliases need a main hashtag first.", details={"field": "hashtag"})
    start = _optional_date(starts_on, "starts_on")
    end = _optional_date(ends_on, "ends_on")
    if start and end and end < start:
        raise InvalidInput("An event must end on or after the day it starts.", details={"field": "ends_on"})
    return {
        "slug": slug,
        "name": name.strip(),
        "time_zone": tz,
        "hashtags": json.dumps(tags),
        "session_tag_pattern": validate_pattern(session_tag_pattern),
        "starts_on": start,
        "ends_on": end,
    }


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"], slug=row["slug"], name=row["name"], time_zone=row["time_zone"], hashtags=tuple(json.loads(row["hashtags"])),
        session_tag_pattern=row["session_tag_pattern"], starts_on=row["starts_on"], ends_on=row["ends_on"],
        posting_policy=row["posting_policy"],
    )
