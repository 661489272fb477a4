"""frab / pretalx schedule JSON (the c3voc ``schedule.json`` schema, v1 and v2).

v1 (frab, pretalx, most CCC-style tools) nests events as
``schedule.conference.days[].rooms{name: [event]}`` with ``date`` (ISO with
offset), deprecated ``start`` ("HH:MM") and ``duration`` ("HH:MM"). v2
("schedule2") has a flat ``schedule.events`` list with ``start``/``end``,
room and track references, and ``participants``.

Times: an event's ``date``/``start`` with an offset is trusted as written
(and checked against ``conference.time_zone_name``); without an offset it is
local time in that zone. When only the day and "HH:MM" are known, a time
before the day's ``day_start`` belongs to the next calendar date (CCC days run
until 04:00).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any

from ..errors import ScheduleError
from ..session_links import Link, collect
from . import handles as H
from .builder import Builder, SessionDraft
from .clock import Clock
from .decoding import load_json, peek_json
from .model import Programme, Speaker
from .reader import Progress, check_size
from .values import as_list, clean, clean_block, localized, normalise_kind, parse_date, parse_datetime, parse_duration, truthy

_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")
_SHORT_CODE = re.compile(r"^[A-Za-z0-9]{3,12}$")
# Days without a declared start: earlier than this is "after midnight" of the previous day.
FALLBACK_DAY_CHANGE = time(5, 0)


def local_time(value: object) -> time | None:
    match = _HHMM.match(value) if isinstance(value, str) else None
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


def day_datetime(day: Any, at: time, day_start: time | None, has_afternoon: bool) -> datetime:
    """The wall-clock datetime of "HH:MM" on a programme day that may run past midnight."""
    base = datetime.combine(day, at)
    if day_start is not None:
        return base + timedelta(days=1) if at < day_start else base
    # No boundary given: an early-morning time on a day that also has afternoon
    # sessions is the night after (frab's "day_change" default behaviour).
    return base + timedelta(days=1) if has_afternoon and at < FALLBACK_DAY_CHANGE else base


def code_for(explicit: object, slug: object, ident: object) -> str | None:
    """A short session code for tags: explicit code, a short slug (pretalx), else the numeric id."""
    for candidate in (explicit, slug):
        text = clean(candidate)
        if text and _SHORT_CODE.match(text):
            return text
    text = clean(ident)
    return text if text and len(text) <= 12 else None


def opted_out(event: dict[str, Any]) -> bool:
    """Whether the programme asks that the session not be recorded: ``do_not_record`` (frab,
    pretalx), or ``recording.optout`` / ``recording_optout`` as some exports spell it."""
    recording = event.get("recording")
    optout = recording.get("optout") if isinstance(recording, dict) else event.get("recording_optout")
    return truthy(event.get("do_not_record")) or truthy(optout)


def links_from_json(event: dict[str, Any]) -> list[Link]:
    """frab/c3voc ``links`` and ``attachments`` ({url, title, type}; frab's attachments are relative to the
    site, so they are resolved against the session's page) and pretalx ``resources`` ({resource, description})."""
    found: list[tuple[Any, Any, Any, str]] = []
    for key, kind in (("links", "link"), ("attachments", "attachment"), ("resources", "attachment")):
        for item in as_list(event.get(key)):
            if isinstance(item, dict):
                found.append((item.get("url") or item.get("resource"), item.get("title") or item.get("description"), item.get("type"), kind))
            elif isinstance(item, str):
                found.append((item, None, None, kind))
    page = event.get("url")
    return collect(found, base=page if isinstance(page, str) else None)


def person_from_json(person: Any, lookup: dict[str, dict[str, Any]] | None = None) -> Speaker | None:
    """A frab/pretalx/schedule2 person object as a Speaker (handles from links, fields, bio)."""
    if isinstance(person, str):
        name = clean(person)
        return Speaker(name=name, handles={}) if name else None
    if not isinstance(person, dict):
        return None
    key = clean(person.get("guid")) or clean(person.get("code")) or clean(person.get("id"))
    extra = (lookup or {}).get(key or "", {})
    merged = {**extra, **{k: v for k, v in person.items() if v not in (None, "", [])}}
    name = clean(merged.get("public_name")) or clean(merged.get("name")) or clean(merged.get("full_public_name"))
    if not name:
        return None
    found: dict[str, str] = {}
    links = as_list(merged.get("links"))
    pairs: list[tuple[str | None, str | None]] = []
    for link in links:
        if isinstance(link, dict):
            label = clean(link.get("service")) or clean(link.get("title")) or clean(link.get("type"))
            pairs.append((label, clean(link.get("url"))))
        elif isinstance(link, str):
            pairs.append((None, link))
    H.merge_handles(found, H.handles_from_links(pairs))
    # Direct fields some generators add ("twitter": "@jack", "mastodon": …).
    for field_name, value in merged.items():
        hint = H.network_from_label(field_name) if field_name not in {"links", "answers"} else None
        if hint and isinstance(value, str):
            hit = H.handle_from_value(value, hint=hint)
            if hit:
                found.setdefault(hit[0], hit[1])
    for answer in merged.get("answers") or []:
        if not isinstance(answer, dict):
            continue
        question = answer.get("question")
        label = localized(question.get("question") if isinstance(question, dict) else question)
        text = answer.get("answer")
        if isinstance(text, str):
            hit = H.handle_from_value(text, hint=H.network_from_label(label))
            if hit:
                found.setdefault(hit[0], hit[1])
    H.merge_handles(found, H.handles_in_text(localized(merged.get("biography")) or localized(merged.get("bio"))))
    url = clean(merged.get("url"))
    return Speaker(name=name, handles=found, key=key, url=url)


class FrabJsonReader:
    """Reads c3voc schedule.json v1 (frab/pretalx) and v2 (schedule2)."""

    name = "frab-json"
    description = "frab/pretalx schedule JSON (c3voc schedule.json v1 and v2)"

    def sniff(self, data: bytes) -> bool:
        doc = peek_json(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("schedule"), dict):
            return False
        schedule = doc["schedule"]
        conference = schedule.get("conference")
        return isinstance(conference, dict) and (
            isinstance(conference.get("days"), list) or isinstance(schedule.get("events"), list)
        )

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        check_size(data)
        doc, note = load_json(data)
        schedule = doc.get("schedule") if isinstance(doc, dict) else None
        if not isinstance(schedule, dict) or not isinstance(schedule.get("conference"), dict):
            raise ScheduleError(
                "This JSON is not a frab/pretalx schedule: it has no 'schedule.conference' object.",
                details={"format": self.name},
            )
        builder = Builder(self.name, progress=progress)
        if note:
            builder.warn(note, field="encoding")
        conference: dict[str, Any] = schedule["conference"]
        zone_field = "schedule.conference.time_zone_name"
        clock = Clock(
            builder, file_zone=conference.get("time_zone_name"), file_zone_field=zone_field, caller_zone=time_zone
        )
        if isinstance(schedule.get("events"), list):
            self._read_v2(schedule, conference, builder, clock)
        elif isinstance(conference.get("days"), list):
            self._read_v1(schedule, conference, builder, clock)
        else:
            raise ScheduleError(
                "This frab/pretalx schedule has neither 'conference.days' (v1) nor 'events' (v2).",
                details={"format": self.name},
            )
        clock.finish(zone_field)
        return builder.finish(
            title=clean(conference.get("title")) or clean(conference.get("acronym")),
            time_zone=clock.name,
            start=parse_date(conference.get("start")),
            end=parse_date(conference.get("end")),
        )

    # -- v1 --------------------------------------------------------------------

    def _read_v1(self, schedule: dict[str, Any], conference: dict[str, Any], builder: Builder, clock: Clock) -> None:
        rooms = conference.get("rooms")
        if not isinstance(rooms, list) and isinstance(schedule.get("rooms"), list):
            # The c3voc schema puts rooms in conference.rooms; some generators
            # (e.g. the schema's own invalid example) put them beside it.
            rooms = schedule["rooms"]
            builder.warn(
                "The room list is at 'schedule.rooms' instead of 'schedule.conference.rooms' (not schema-valid); it was used anyway.",
                field="schedule.rooms",
            )
        if isinstance(rooms, list):
            builder.declare_rooms(clean(r.get("name")) if isinstance(r, dict) else clean(r) for r in rooms)
        days = conference["days"]
        total = sum(
            len(events)
            for day in days
            if isinstance(day, dict) and isinstance(day.get("rooms"), dict)
            for events in day["rooms"].values()
            if isinstance(events, list)
        )
        builder.begin(total)
        for di, day in enumerate(days):
            where = f"schedule.conference.days[{di}]"
            if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
                builder.warn("Day has no 'rooms' object; skipped.", field=where)
                continue
            day_date = parse_date(day.get("date"))
            start_value = parse_datetime(day.get("day_start"))
            if start_value is not None and start_value.tzinfo is not None and clock.zone is not None:
                start_value = start_value.astimezone(clock.zone)
            day_start = start_value.time() if start_value is not None else None
            room_events = day["rooms"]
            has_afternoon = any(
                (t := local_time(e.get("start"))) is not None and t >= time(12)
                for events in room_events.values()
                if isinstance(events, list)
                for e in events
                if isinstance(e, dict)
            )
            for room_name, events in room_events.items():
                builder.declare_rooms([clean(room_name)])
                if not isinstance(events, list):
                    builder.warn("Room entry is not a list of events; skipped.", field=f"{where}.rooms[{room_name!r}]")
                    continue
                for ei, event in enumerate(events):
                    builder.tick()
                    field = f"{where}.rooms[{room_name!r}][{ei}]"
                    if not isinstance(event, dict):
                        builder.warn("Event is not an object; skipped.", field=field)
                        continue
                    self._v1_event(event, field, clean(room_name), day_date, day_start, has_afternoon, builder, clock)

    def _v1_event(
        self,
        event: dict[str, Any],
        field: str,
        room_name: str | None,
        day_date: Any,
        day_start: time | None,
        has_afternoon: bool,
        builder: Builder,
        clock: Clock,
    ) -> None:
        title = clean(event.get("title")) or ""
        start = parse_datetime(event.get("date"))
        if start is not None and start.tzinfo is None and start.time() == time(0) and local_time(event.get("start")):
            start = None  # a bare date written as midnight; the "start" field has the time
        if start is None:
            at = local_time(event.get("start"))
            if at is None or day_date is None:
                builder.warn(f"Event '{title or '?'}' has no usable 'date' or 'start'; skipped.", field=f"{field}.date")
                return
            if event.get("date") not in (None, ""):
                builder.warn(
                    f"Event '{title}' has an unreadable 'date' {event.get('date')!r}; used the day and 'start'.",
                    field=f"{field}.date",
                )
            start_utc = clock.local(day_datetime(day_date, at, day_start, has_afternoon), field=f"{field}.start")
        else:
            start_utc = clock.convert(start, field=f"{field}.date")
        end_utc = self._end(event, start_utc, field, builder, clock)
        room = clean(event.get("room")) if isinstance(event.get("room"), str) else None
        guid = clean(event.get("guid"))
        ident = clean(event.get("id"))
        persons = as_list(event.get("persons"))
        builder.add(
            SessionDraft(
                title=title,
                start=start_utc,
                end=end_utc,
                room=room or room_name,
                source_id=guid or ident,
                field=field,
                track=clean(event.get("track")),
                code=code_for(event.get("code"), event.get("slug"), event.get("id")),
                speakers=[s for p in persons if (s := person_from_json(p)) is not None],
                url=clean(event.get("url")),
                abstract=clean_block(event.get("abstract")) or clean_block(event.get("description")),
                language=clean(event.get("language")),
                kind=normalise_kind(event.get("type")),
                do_not_record=opted_out(event),
                links=links_from_json(event),
            )
        )

    def _end(
        self, event: dict[str, Any], start: datetime, field: str, builder: Builder, clock: Clock
    ) -> datetime | None:
        end = parse_datetime(event.get("end"))
        if end is not None:
            return clock.convert(end, field=f"{field}.end")
        raw = event.get("duration")
        duration = parse_duration(raw)
        if duration is None and raw not in (None, ""):
            builder.warn(f"Unreadable duration {raw!r}.", field=f"{field}.duration")
        return start + duration if duration is not None else None

    # -- v2 --------------------------------------------------------------------

    def _read_v2(self, schedule: dict[str, Any], conference: dict[str, Any], builder: Builder, clock: Clock) -> None:
        room_names: dict[str, str] = {}
        for room in conference.get("rooms") or []:
            if isinstance(room, dict) and clean(room.get("name")):
                name = clean(room["name"]) or ""
                builder.declare_rooms([name])
                for ref in ("guid", "slug", "name"):
                    if clean(room.get(ref)):
                        room_names[clean(room[ref]) or ""] = name
        track_names: dict[str, str] = {}
        for track in conference.get("tracks") or []:
            if isinstance(track, dict) and clean(track.get("name")):
                for ref in ("slug", "name", "guid"):
                    if clean(track.get(ref)):
                        track_names[clean(track[ref]) or ""] = clean(track["name"]) or ""
        people: dict[str, dict[str, Any]] = {}
        for key in ("persons", "speakers", "participants"):
            for person in schedule.get(key) or []:
                if isinstance(person, dict):
                    ident = clean(person.get("guid")) or clean(person.get("code")) or clean(person.get("id"))
                    if ident:
                        people[ident] = person
        events = schedule["events"]
        builder.begin(len(events))
        for ei, event in enumerate(events):
            builder.tick()
            field = f"schedule.events[{ei}]"
            if not isinstance(event, dict):
                builder.warn("Event is not an object; skipped.", field=field)
                continue
            title = clean(localized(event.get("title"))) or ""
            start = parse_datetime(event.get("start")) or parse_datetime(event.get("date"))
            if start is None:
                builder.warn(f"Event '{title or '?'}' has no readable 'start'; skipped.", field=f"{field}.start")
                continue
            start_utc = clock.convert(start, field=f"{field}.start")
            room = self._ref(event.get("room"), room_names)
            track = self._ref(event.get("track"), track_names)
            participants = as_list(event.get("participants")) or as_list(event.get("persons"))
            language = event.get("language")
            builder.add(
                SessionDraft(
                    title=title,
                    start=start_utc,
                    end=self._end(event, start_utc, field, builder, clock),
                    room=room,
                    source_id=clean(event.get("guid")) or clean(event.get("id")),
                    field=field,
                    track=track,
                    code=code_for(event.get("code"), event.get("slug"), event.get("id")),
                    speakers=[s for p in participants if (s := person_from_json(p, people)) is not None],
                    url=clean(event.get("url")),
                    abstract=clean_block(
                        localized(event.get("abstract"), language if isinstance(language, str) else None)
                    )
                    or clean_block(localized(event.get("description"))),
                    language=clean(language),
                    kind=normalise_kind(event.get("type")),
                    do_not_record=opted_out(event),
                    links=links_from_json(event),
                )
            )

    @staticmethod
    def _ref(value: Any, names: dict[str, str]) -> str | None:
        """A room/track given as a name or as a {guid, slug, name} reference."""
        if isinstance(value, str):
            return names.get(value.strip(), clean(value))
        if isinstance(value, dict):
            for ref in ("guid", "slug", "name"):
                ident = clean(value.get(ref))
                if ident and ident in names:
                    return names[ident]
            return clean(value.get("name")) or clean(value.get("slug")) or clean(value.get("guid"))
        return None
