"""The one normalised model every programme reader produces.

Plain dataclasses with no behaviour beyond construction: the store and the API
are written against these names, so they stay stable. Every datetime here is
timezone-aware and in UTC; local wall-clock times are recovered with
``Programme.time_zone`` when something needs to show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from backchannel.session_links import Link
from backchannel.text.model import Platform

# The networks a speaker has handles on are the platforms a post is counted for: one type.
Network = Platform
NETWORKS: tuple[Network, ...] = ("x", "bluesky", "mastodon")


@dataclass
class Speaker:
    """A person on a session.

    ``handles`` maps a network to a normalised handle: x ``"@jack"``,
    bluesky ``"@alice.bsky.social"``, mastodon ``"@user@instance.social"``
    (see :mod:`backchannel.schedules.handles` for the rules).
    """

    name: str
    handles: dict[str, str] = field(default_factory=dict)
    key: str | None = None  # the source's id for the person, when it has one
    url: str | None = None


@dataclass
class Session:
    """One slot of the programme.

    ``key`` is stable across re-imports of the same programme: the source's
    guid/uuid/id when it is present, unique and not generated at export time;
    otherwise a derived key (see :func:`backchannel.schedules.values.derive_key`).
    """

    key: str
    title: str
    start: datetime  # timezone-aware, UTC
    end: datetime  # timezone-aware, UTC, > start
    room: str | None
    track: str | None = None
    code: str | None = None  # short session code usable in a session tag
    speakers: list[Speaker] = field(default_factory=list)
    url: str | None = None
    abstract: str | None = None
    language: str | None = None
    kind: str | None = None  # talk, workshop, break, keynote…
    do_not_record: bool = False  # the programme asks that the session not be recorded or posted (frab optout/do_not_record)
    links: list[Link] = field(default_factory=list)  # the programme's links for it (slides, papers, sites), in its order


@dataclass
class ImportWarning:
    """Something in the file that was skipped, repaired or guessed."""

    message: str  # readable reason
    line: int | None = None  # line in the file when known (XML/ICS), else None
    field: str | None = None  # e.g. "events[12].date" / "VEVENT UID=… DTSTART"


@dataclass
class Programme:
    """A conference programme read from one file."""

    format: str  # registry name: "ical", "frab-json", "frab-xml", "sessionize"
    title: str | None
    time_zone: str | None  # IANA zone name as used for local times
    start: date | None
    end: date | None
    sessions: list[Session]
    rooms: list[str]  # in programme order
    warnings: list[ImportWarning]
