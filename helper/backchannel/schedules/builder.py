"""Finishing a Programme: what every reader does once it has found the sessions.

Readers turn their format into :class:`SessionDraft` sessions and hand them to a
:class:`Builder`, which applies the rules every format shares:

* **Times** – :class:`backchannel.schedules.clock.Clock` turns naive local times into UTC with the
  programme's zone (file zone first, then the caller's, else UTC with a
  warning), flags local times that do not exist or happen twice on DST days,
  and counts aware times whose offset contradicts the declared zone.
* **Ends** – a missing or non-positive duration becomes the next session's
  start in the same room when that is within :data:`NEXT_SESSION_LIMIT`,
  otherwise :data:`DEFAULT_DURATION`; each case is a warning.
* **Keys** – see :func:`backchannel.schedules.values.derive_key` and :meth:`Builder.finish`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime, timedelta

from ..errors import ScheduleError
from ..session_links import Link
from .clock import zone_named
from .model import ImportWarning, Programme, Session, Speaker
from .reader import Progress
from .values import derive_key

DEFAULT_DURATION = timedelta(minutes=30)
NEXT_SESSION_LIMIT = timedelta(hours=3)



@dataclass
class SessionDraft:
    """A session as a reader found it, before ends, keys and order are settled."""

    title: str
    start: datetime  # aware UTC
    end: datetime | None  # aware UTC, may be missing or not after start
    room: str | None
    source_id: str | None  # the source's id/guid/uid, None when it has none
    field: str  # where it is, e.g. "events[3]" or "VEVENT UID=…"
    line: int | None = None
    track: str | None = None
    code: str | None = None
    speakers: list[Speaker] = dc_field(default_factory=list)
    url: str | None = None
    abstract: str | None = None
    language: str | None = None
    kind: str | None = None
    do_not_record: bool = False
    links: list[Link] = dc_field(default_factory=list)
    id_trusted: bool = True  # False when the id is known to be regenerated at each export


class Builder:
    """Collects drafts and warnings; :meth:`finish` makes the Programme."""

    def __init__(self, format_name: str, *, progress: Progress | None = None) -> None:
        self.format = format_name
        self.warnings: list[ImportWarning] = []
        self.drafts: list[SessionDraft] = []
        self._progress = progress
        self._step = 1
        self._total = 0
        self._done = 0
        self._room_order: list[str] = []

    # progress: report about 100 times at most, and always the final count.
    def begin(self, total: int) -> None:
        self._total = max(total, 0)
        self._step = max(1, self._total // 100)
        self._done = 0
        if self._progress:
            self._progress(0, self._total)

    def tick(self) -> None:
        self._done += 1
        if self._progress and (self._done % self._step == 0 or self._done == self._total):
            self._progress(min(self._done, self._total), self._total)

    def warn(self, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.warnings.append(ImportWarning(message=message, line=line, field=field))

    def declare_rooms(self, names: Iterable[str | None]) -> None:
        """Rooms in the order the programme lists them (before sessions' own order)."""
        for name in names:
            if name and name not in self._room_order:
                self._room_order.append(name)

    def add(self, draft: SessionDraft) -> None:
        if not draft.title:
            draft.title = "(untitled)"
            self.warn("Session has no title; it was imported as '(untitled)'.", line=draft.line, field=draft.field)
        draft.speakers = _dedupe_speakers(draft.speakers)
        # The store keeps whole seconds: compared any finer, 10:00:00.2–10:00:00.9 would pass as
        # a session that ends after it starts, and be stored as one that does not.
        draft.start = draft.start.replace(microsecond=0)
        if draft.end is not None:
            draft.end = draft.end.replace(microsecond=0)
        self.drafts.append(draft)

    def finish(
        self, *, title: str | None, time_zone: str | None, start: date | None = None, end: date | None = None
    ) -> Programme:
        if not self.drafts:
            raise ScheduleError(
                "The file has no sessions that could be imported.",
                details={"format": self.format, "warnings": [w.message for w in self.warnings[:20]]},
            )
        drafts = self.drafts
        self._fill_ends(drafts)
        keys = self._assign_keys(drafts)
        zone = zone_named(time_zone) if time_zone else None
        sessions = [
            Session(
                key=key,
                title=d.title,
                start=d.start,
                end=d.end or d.start + DEFAULT_DURATION,
                room=d.room,
                track=d.track,
                code=d.code,
                speakers=d.speakers,
                url=d.url,
                abstract=d.abstract,
                language=d.language,
                kind=d.kind,
                do_not_record=d.do_not_record,
                links=d.links,
            )
            for d, key in zip(drafts, keys, strict=True)
        ]
        used_rooms = {s.room for s in sessions if s.room}
        order = [r for r in self._room_order if r in used_rooms]
        for s in sorted(sessions, key=lambda s: s.start):
            if s.room and s.room not in order:
                order.append(s.room)
        rank = {room: i for i, room in enumerate(order)}
        sessions.sort(key=lambda s: (s.start, rank.get(s.room or "", len(rank)), s.end, s.title))

        def local(moment: datetime) -> date:
            return moment.astimezone(zone).date() if zone else moment.date()

        return Programme(
            format=self.format,
            title=title,
            time_zone=time_zone,
            start=start or local(sessions[0].start),
            end=end or max(local(s.end - timedelta(microseconds=1)) for s in sessions),
            sessions=sessions,
            rooms=order,
            warnings=self.warnings,
        )

    def _fill_ends(self, drafts: list[SessionDraft]) -> None:
        by_room: dict[str | None, list[SessionDraft]] = {}
        for d in drafts:
            by_room.setdefault(d.room, []).append(d)
        for room_drafts in by_room.values():
            room_drafts.sort(key=lambda d: d.start)
        for d in drafts:
            if d.end is not None and d.end > d.start:
                continue
            reason = "has no end or duration" if d.end is None else "ends before it starts"
            if d.end is not None and d.end == d.start:
                reason = "has a zero duration"
            later = [o.start for o in by_room.get(d.room, []) if o.start > d.start]
            if d.room is not None and later and later[0] - d.start <= NEXT_SESSION_LIMIT:
                d.end = later[0]
                how = f"it was taken to end when the next session in {d.room} starts"
            else:
                d.end = d.start + DEFAULT_DURATION
                how = f"it was given {int(DEFAULT_DURATION.total_seconds() // 60)} minutes"
            self.warn(f"Session '{d.title}' {reason}; {how}.", line=d.line, field=d.field)

    def _assign_keys(self, drafts: list[SessionDraft]) -> list[str]:
        """Source ids when unique and trusted; derived keys otherwise; never two equal keys."""
        # Duplicates are reported even for untrusted ids: they show the file is inconsistent.
        counts = Counter(d.source_id for d in drafts if d.source_id)
        for source_id, count in counts.items():
            if count > 1:
                where = [d for d in drafts if d.source_id == source_id]
                self.warn(
                    f"The id {source_id!r} is used by {count} sessions ("
                    + "; ".join(f"'{d.title}'" for d in where[:4])
                    + "); they got keys derived from title, start and room.",
                    line=where[1].line,
                    field=where[1].field,
                )
        keys: list[str] = []
        seen: set[str] = set()
        for d in drafts:
            if d.source_id and d.id_trusted and counts[d.source_id] == 1:
                key = d.source_id
            else:
                key = derive_key(d.title, d.start, d.room)
            if key in seen:
                n = 2
                while f"{key}-{n}" in seen:
                    n += 1
                self.warn(
                    f"Session '{d.title}' repeats another session's title, start and room; it was kept with key {key}-{n}.",
                    line=d.line,
                    field=d.field,
                )
                key = f"{key}-{n}"
            seen.add(key)
            keys.append(key)
        return keys


def _dedupe_speakers(speakers: list[Speaker]) -> list[Speaker]:
    out: list[Speaker] = []
    for sp in speakers:
        name = " ".join(sp.name.split())
        if not name:
            continue
        sp.name = name
        twin = next((o for o in out if (sp.key and o.key == sp.key) or o.name.casefold() == name.casefold()), None)
        if twin is None:
            out.append(sp)
        else:
            for network, handle in sp.handles.items():
                twin.handles.setdefault(network, handle)
    return out
