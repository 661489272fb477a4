"""iCalendar (.ics) programmes: conference feeds, pretalx, Meetup and Google Calendar exports.

Parsed with the ``icalendar`` library (lenient mode: a bad property is kept as
``vBroken`` and listed in ``component.errors`` instead of failing the file).
One VEVENT is one session.

* Times: UTC and TZID times are exact (TZIDs the library cannot resolve are
  treated as floating and reported); floating times are local time in
  ``X-WR-TIMEZONE``, else the caller's zone, else UTC with a warning.
  All-day events are not sessions and are skipped with a warning.
* Identity: UIDs are used unless duplicated or evidently generated at export
  time (``20240101T120000Z-12345@host`` as vobject writes them, or a bare index
  such as ``0@myconf``); such UIDs change on every export, so those sessions get
  derived keys. A RECURRENCE-ID makes the key ``UID#recurrence``.
* Speakers: from the title (see :mod:`.titles`; pretalx writes
  "Title - Names"), then ATTENDEE CNs that are chairs or individual required
  participants, then the ORGANIZER CN unless one organizer is on most events
  (that is the calendar's owner, e.g. a Meetup group, not a speaker).
* Lines: icalendar keeps no line numbers, so a light scan of the text maps
  each VEVENT (and its properties) to the line where it starts.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from ..errors import ScheduleError
from .builder import Builder, SessionDraft
from .clock import Clock
from .decoding import decode_text
from .handles import handles_in_text
from .model import Programme, Speaker
from .reader import Progress, check_size
from .titles import plausible_name, split_title
from .values import MAX_DURATION, clean, clean_block, in_calendar, normalise_kind

_BEGIN = re.compile(r"^\s*BEGIN:VCALENDAR", re.IGNORECASE)
_GENERATED_UID = re.compile(r"^(?:\d{8}T\d{6}Z?-\d+|\d{1,6})@", re.IGNORECASE)
_PRETALX_UID = re.compile(r"^pretalx-.+-([A-Z0-9]{4,12})(?:-\d+)?@", re.IGNORECASE)
_SERVICE_WORDS = re.compile(
    r"\b(?:meetup|reminder|calendar|group|team|conference|events?|schedule|community|organi[sz]ers?|"
    r"committee|foundation|association|society|staff|info)\b",
    re.IGNORECASE,
)
_SERVICE_MAILBOXES = frozenset(
    {"info", "noreply", "no-reply", "donotreply", "events", "calendar", "hello", "team", "contact", "admin", "support"}
)
_SERVICE_HOSTS = ("calendar.google.com", "meetup.com", "eventbrite.", "sessionize.com", "pretalx.")
MAX_ATTENDEE_SPEAKERS = 4  # more attendees than this is an invitation list, not a panel


def _param(prop: Any, name: str) -> str | None:
    params = getattr(prop, "params", None)
    value = params.get(name) if params is not None else None
    return str(value) if value else None


def _text(component: Any, name: str) -> str | None:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return clean(str(value)) if value is not None else None


class _Lines:
    """Where each VEVENT and property starts in the (unfolded-by-us) text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.events: list[tuple[int, int]] = []
        start: int | None = None
        for number, line in enumerate(self.lines, start=1):
            head = line[:12].upper()
            if head.startswith("BEGIN:VEVENT"):
                start = number
            elif head.startswith("END:VEVENT") and start is not None:
                self.events.append((start, number))
                start = None
        if start is not None:
            self.events.append((start, len(self.lines)))

    def event(self, index: int) -> tuple[int, int] | None:
        return self.events[index] if index < len(self.events) else None

    def find(self, span: tuple[int, int] | None, prop: str | None, text: str | None = None) -> int | None:
        if span is None:
            return None
        for number in range(span[0], span[1] + 1):
            line = self.lines[number - 1]
            if prop and line.upper().startswith((prop.upper() + ":", prop.upper() + ";")):
                return number
            if text and text in line:
                return number
        return span[0]


class IcalReader:
    """Reads iCalendar files (RFC 5545)."""

    name = "ical"
    description = "iCalendar .ics (conference feeds, pretalx, Meetup, Google Calendar)"

    def sniff(self, data: bytes) -> bool:
        try:
            head, _ = decode_text(data[:512])
        except ScheduleError:
            return False
        return bool(_BEGIN.match(head.lstrip("\ufeff")))

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        check_size(data)
        zones: Counter[str] = Counter()  # IANA TZIDs of the events (local: readers are shared)
        builder = Builder(self.name, progress=progress)
        text, note = decode_text(data)
        if note:
            builder.warn(note, field="encoding")
        if not _BEGIN.match(text.lstrip("\ufeff")):
            raise ScheduleError(
                "This is not an iCalendar file: it does not start with BEGIN:VCALENDAR.", details={"format": self.name}
            )
        try:
            calendars = Calendar.from_ical(text, multiple=True)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            # icalendar is lenient per property, but some malformed parameters
            # (e.g. "VALUE=DATE,TEXT") still fail the whole parse.
            raise ScheduleError(f"The iCalendar file cannot be parsed: {exc}", details={"format": self.name}) from exc
        if not calendars:
            raise ScheduleError("The iCalendar file has no VCALENDAR.", details={"format": self.name})
        calendar = calendars[0]
        for problem in getattr(calendar, "errors", []) or []:
            builder.warn(
                f"Calendar property {problem[0] or '(line)'}: {problem[1]}",
                field=f"VCALENDAR {problem[0] or ''}".strip(),
            )
        title = _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME")
        zone_name = _text(calendar, "X-WR-TIMEZONE")
        clock = Clock(builder, file_zone=zone_name, file_zone_field="VCALENDAR X-WR-TIMEZONE", caller_zone=time_zone)
        prodid = (_text(calendar, "PRODID") or "").lower()
        events = [e for cal in calendars for e in cal.walk("VEVENT")]
        lines = _Lines(text)
        builder.begin(len(events))
        organizers = Counter(cn for e in events if (cn := _param(e.get("ORGANIZER"), "CN")))
        common_organizer = {cn for cn, n in organizers.items() if len(events) > 3 and n > len(events) / 2}
        generated = 0
        for index, event in enumerate(events):
            builder.tick()
            span = lines.event(index)
            try:
                generated += self._event(event, index, span, lines, builder, clock, prodid, common_organizer, zones)
            except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as exc:
                # The lenient parser can hand back odd shapes for mangled input; one
                # bad event must not sink the programme.
                builder.warn(
                    f"An event could not be read ({exc}); skipped.",
                    line=span[0] if span else None,
                    field=f"VEVENT #{index + 1}",
                )
        if generated:
            builder.warn(
                f"{generated} UIDs look generated at export time (timestamp/random or a bare index) and would change "
                "on the next export; those sessions got keys derived from title, start and room.",
                field="VEVENT UID",
            )
        clock.finish("VCALENDAR X-WR-TIMEZONE")
        zone = clock.name
        if zone is None and len(zones) == 1:
            # No calendar zone, but every TZID'd event names the same IANA zone
            # (pretalx exports): that is the programme's local time.
            zone = next(iter(zones))
        return builder.finish(title=title, time_zone=zone)

    def _event(
        self,
        event: Any,
        index: int,
        span: tuple[int, int] | None,
        lines: _Lines,
        builder: Builder,
        clock: Clock,
        prodid: str,
        common_organizer: set[str],
        zones: Counter[str],
    ) -> int:
        """Add one VEVENT; returns 1 when its UID was judged generated (for one summary warning)."""
        uid = _text(event, "UID")
        label = f"VEVENT UID={uid}" if uid else f"VEVENT #{index + 1}"
        line = span[0] if span else None
        summary = _text(event, "SUMMARY") or ""
        problems: dict[str, str] = {}
        for prop, message in getattr(event, "errors", []) or []:
            if prop:
                problems.setdefault(str(prop).upper(), message)
            if prop and str(prop).upper() == "DTSTART":
                continue  # reported once below, with the decision to skip
            where = lines.find(span, prop, None if prop else message.split("'")[1] if message.count("'") >= 2 else None)
            builder.warn(
                f"Invalid {prop or 'content line'} in '{summary or label}': {message}",
                line=where,
                field=f"{label} {prop or ''}".strip(),
            )
        status = (_text(event, "STATUS") or "").upper()
        if status == "CANCELLED":
            builder.warn(f"'{summary}' is cancelled; skipped.", line=line, field=f"{label} STATUS")
            return 0
        start_raw = self._dt(event, "DTSTART", label, span, lines, builder)
        if start_raw is None:
            if event.get("DTSTART") is None:
                builder.warn(f"'{summary or label}' has no DTSTART; skipped.", line=line, field=f"{label} DTSTART")
            else:
                reason = problems.get("DTSTART", "not a date-time")
                builder.warn(
                    f"'{summary or label}' has an unreadable DTSTART ({reason}); skipped.",
                    line=lines.find(span, "DTSTART"),
                    field=f"{label} DTSTART",
                )
            return 0
        if not isinstance(start_raw, datetime):
            builder.warn(
                f"'{summary or label}' is an all-day entry, not a session; skipped.",
                line=line,
                field=f"{label} DTSTART",
            )
            return 0
        start = self._utc(start_raw, clock, f"{label} DTSTART", lines.find(span, "DTSTART"))
        end: datetime | None = None
        end_raw = self._dt(event, "DTEND", label, span, lines, builder)
        if isinstance(end_raw, datetime):
            end = self._utc(end_raw, clock, f"{label} DTEND", lines.find(span, "DTEND"))
        elif event.get("DURATION") is not None and not isinstance(event.get("DURATION"), list):
            try:
                duration = event.decoded("DURATION")
            except (ValueError, TypeError, KeyError):  # icalendar errors are ValueErrors
                duration = None
            if isinstance(duration, timedelta) and abs(duration) <= MAX_DURATION:  # P99999999D cannot end anywhere
                end = start + duration
        if event.get("RRULE") is not None or event.get("RDATE") is not None:
            builder.warn(
                f"'{summary}' repeats; only its first occurrence was imported.", line=line, field=f"{label} RRULE"
            )
        split = split_title(summary, speaker_suffix="pretalx" in prodid)
        names = list(split.names)
        attendees: list[tuple[str, str]] = []
        for attendee in self._list(event.get("ATTENDEE")):
            role = (_param(attendee, "ROLE") or "REQ-PARTICIPANT").upper()
            cutype = (_param(attendee, "CUTYPE") or "INDIVIDUAL").upper()
            name = self._cn(attendee)
            if name and cutype == "INDIVIDUAL" and role in {"CHAIR", "REQ-PARTICIPANT"}:
                attendees.append((role, name))
        if len(attendees) > MAX_ATTENDEE_SPEAKERS:
            attendees = [a for a in attendees if a[0] == "CHAIR"]
        names += [name for _, name in attendees]
        organizer = self._cn(event.get("ORGANIZER"))
        if organizer and organizer not in common_organizer and not names:
            names.append(organizer)
        recurrence = event.get("RECURRENCE-ID")
        source_id = uid
        if uid and recurrence is not None:
            try:
                source_id = f"{uid}#{event.decoded('RECURRENCE-ID').isoformat()}"
            except (ValueError, TypeError, KeyError):
                source_id = uid
        trusted = not (uid and _GENERATED_UID.match(uid))
        code_match = _PRETALX_UID.match(uid or "")
        categories = self._categories(event)
        speakers = [Speaker(name=n, handles={}) for n in names]
        description = str(event.get("DESCRIPTION")) if event.get("DESCRIPTION") is not None else None
        if len(speakers) == 1 and description:
            # With speakers only in titles, the description is the nearest thing to
            # a bio: "Find the speaker as @name on Twitter". Only for one speaker,
            # where the handle cannot belong to someone else on the session.
            speakers[0].handles.update(handles_in_text(description))
        # UTC ("Z") times say nothing about where the event is; only named zones count.
        if isinstance(start_raw.tzinfo, ZoneInfo) and start_raw.tzinfo.key not in {"UTC", "Etc/UTC", "GMT"}:
            zones[start_raw.tzinfo.key] += 1
        builder.add(
            SessionDraft(
                title=split.title,
                start=start,
                end=end,
                room=_text(event, "LOCATION"),
                source_id=source_id,
                field=label,
                line=line,
                track=categories[0] if categories else None,
                code=code_match.group(1) if code_match else None,
                speakers=speakers,
                url=_text(event, "URL"),
                abstract=clean_block(description),
                kind=split.kind or normalise_kind(categories[1] if len(categories) > 1 else None),
                id_trusted=trusted,
            )
        )
        return 0 if trusted or not uid else 1

    @staticmethod
    def _list(value: Any) -> list[Any]:
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    @staticmethod
    def _cn(prop: Any) -> str | None:
        name = clean(_param(prop, "CN"))
        if not name:
            return None
        name = name.strip("\"'")
        address = str(prop).lower() if prop is not None else ""
        local_part = address.removeprefix("mailto:").split("@")[0]
        # A CN that is an address, a group/calendar/service name, or one sent from a
        # service mailbox (Meetup's "Meetup Reminder", Google's group calendars) is not a person.
        if (
            "@" in name
            or _SERVICE_WORDS.search(name)
            or local_part in _SERVICE_MAILBOXES
            or any(host in address for host in _SERVICE_HOSTS)
        ):
            return None
        return name if plausible_name(name, min_words=1, max_words=6) else None

    @staticmethod
    def _categories(event: Any) -> list[str]:
        out: list[str] = []
        for prop in IcalReader._list(event.get("CATEGORIES")):
            cats = getattr(prop, "cats", None)
            values = cats if cats is not None else [prop]
            out += [c for v in values if (c := clean(str(v)))]
        return out

    @staticmethod
    def _dt(
        event: Any, name: str, label: str, span: tuple[int, int] | None, lines: _Lines, builder: Builder
    ) -> date | datetime | None:
        prop = event.get(name)
        if isinstance(prop, list):  # a single-valued property given twice (e.g. two events run together)
            builder.warn(
                f"{name} appears {len(prop)} times; the first was used.",
                line=lines.find(span, name),
                field=f"{label} {name}",
            )
            prop = prop[0] if prop else None
        if prop is None:
            return None
        try:
            value = prop.dt
        except (ValueError, TypeError, KeyError):  # vBroken (a ValueError): reported from event.errors
            return None
        if isinstance(value, datetime) and value.tzinfo is None and _param(prop, "TZID"):
            builder.warn(
                f"Unknown time zone {_param(prop, 'TZID')!r}; the time was read as floating local time.",
                line=lines.find(span, name),
                field=f"{label} {name}",
            )
        if isinstance(value, date) and not in_calendar(value):
            builder.warn(
                f"{name} is in the year {value.year}, which no programme can mean; it was ignored.",
                line=lines.find(span, name),
                field=f"{label} {name}",
            )
            return None
        return value if isinstance(value, (date, datetime)) else None

    @staticmethod
    def _utc(value: datetime, clock: Clock, field: str, line: int | None) -> datetime:
        # Aware iCalendar times are exact (UTC or TZID); X-WR-TIMEZONE only
        # governs floating ones, so no contradiction check here.
        return value.astimezone(UTC) if value.tzinfo is not None else clock.local(value, field=field, line=line)
