"""frab / pentabarf schedule XML (FOSDEM, CCC, pretalx's schedule.xml).

Shape: ``<schedule><conference>…</conference><day date=… start=… end=…>
<room name=…><event id=… guid=…><date/><start/><duration/><title/>…
<persons><person id=…>Name</person></persons><links><link href=…/></links>
</event></room></day></schedule>``.

Times: ``<date>`` with an offset is trusted (and checked against
``<time_zone_name>``); without ``<date>``, the day's date plus ``<start>`` is
local time, and a start earlier than the day's ``start`` attribute (or, when
there is none, an early-morning time on a day with afternoon sessions) belongs
to the next calendar date — CCC days end at 04:00.

Safety: parsed with ``defusedxml`` (no entity expansion, no external
resources), so billion-laughs and XXE files are refused, not expanded.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

from ..errors import ScheduleError
from ..session_links import Link, collect
from . import handles as H
from .builder import Builder, SessionDraft
from .clock import Clock
from .decoding import sniff_encoding
from .frab_json import code_for, day_datetime, local_time
from .model import Programme, Speaker
from .reader import Progress, check_size
from .values import clean, clean_block, normalise_kind, parse_date, parse_datetime, parse_duration, truthy

_EVENT_TAG = re.compile(rb"<event[\s>/]")
_NEWLINE = re.compile(rb"\n")
# Prolog (declaration, comments, a DOCTYPE with or without an internal subset) then <schedule>.
_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<schedule[\s>/]", re.DOTALL
)
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")


def _text(element: Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(tag)
    return clean(child.text) if child is not None else None


def _block(element: Element, tag: str) -> str | None:
    child = element.find(tag)
    return clean_block(child.text) if child is not None else None


def _opted_out(event: Element) -> bool:
    """Whether the programme asks that the session not be recorded: frab writes
    ``<recording><optout>true</optout></recording>``, some generators ``<do_not_record>``."""
    recording = event.find("recording")
    flag = _text(recording, "optout") if recording is not None else None
    return truthy(flag) or truthy(_text(event, "do_not_record"))


def _links(event: Element) -> list[Link]:
    """``<links><link href type>title</link></links>`` and ``<attachments><attachment href type>title</attachment>``."""
    found: list[tuple[Any, Any, Any, str]] = []
    for group, tag, kind in (("links", "link", "link"), ("attachments", "attachment", "attachment")):
        holder = event.find(group)
        for item in holder.findall(tag) if holder is not None else []:
            found.append((item.get("href"), "".join(item.itertext()), item.get("type"), kind))
    return collect(found, base=_text(event, "url"))


def _event_lines(data: bytes) -> list[int]:
    """Line of each ``<event`` start tag in document order (ElementTree keeps no lines)."""
    lines: list[int] = []
    line, position = 1, 0
    for match in _EVENT_TAG.finditer(data):
        line += data.count(b"\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


class FrabXmlReader:
    """Reads frab/pentabarf ``schedule.xml``."""

    name = "frab-xml"
    description = "frab/pentabarf schedule XML (FOSDEM, CCC, pretalx schedule.xml)"

    def sniff(self, data: bytes) -> bool:
        head = data[:4096]
        encoding = sniff_encoding(head)
        if encoding and encoding.startswith(("utf-16", "utf-32")):
            head = head.decode(encoding, errors="ignore").lstrip("\ufeff").encode("utf-8")
        elif head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        return bool(_ROOT.match(head))

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        check_size(data)
        builder = Builder(self.name, progress=progress)
        root = self._parse(data, builder)
        if root.tag != "schedule":
            raise ScheduleError(
                f"This XML is not a frab schedule: its root element is <{root.tag}>, not <schedule>.",
                details={"format": self.name, "root": root.tag},
            )
        conference = root.find("conference")
        zone_field = "conference/time_zone_name"
        clock = Clock(
            builder, file_zone=_text(conference, "time_zone_name"), file_zone_field=zone_field, caller_zone=time_zone
        )
        lines = _event_lines(data)
        days = root.findall("day")
        total = sum(1 for _ in root.iter("event"))
        builder.begin(total)
        index = 0
        for di, day in enumerate(days):
            day_date = parse_date(day.get("date"))
            start_value = parse_datetime(day.get("start"))
            if start_value is not None and start_value.tzinfo is not None and clock.zone is not None:
                start_value = start_value.astimezone(clock.zone)
            day_start = start_value.time() if start_value is not None else None
            rooms = day.findall("room")
            has_afternoon = any(
                (t := local_time(e.findtext("start"))) is not None and t >= time(12)
                for r in rooms
                for e in r.iter("event")
            )
            for room in rooms:
                room_name = clean(room.get("name"))
                builder.declare_rooms([room_name])
                for event in room.iter("event"):
                    line = lines[index] if index < len(lines) else None
                    index += 1
                    builder.tick()
                    self._event(event, line, di, room_name, day_date, day_start, has_afternoon, builder, clock)
        if total and index < total:
            builder.warn(f"{total - index} events are outside any <day>/<room> and were skipped.")
        clock.finish(zone_field)
        return builder.finish(
            title=_text(conference, "title") or _text(conference, "acronym"),
            time_zone=clock.name,
            start=parse_date(_text(conference, "start")),
            end=parse_date(_text(conference, "end")),
        )

    def _parse(self, data: bytes, builder: Builder) -> Element:
        try:
            parsed: Element = SafeET.fromstring(data)
            return parsed
        except DefusedXmlException as exc:
            raise ScheduleError(
                "The XML declares entities or external resources; it was refused for safety.",
                details={"reason": type(exc).__name__},
            ) from exc
        except LookupError as exc:  # <?xml encoding="…"?> names a codec Python does not have
            raise ScheduleError(
                f"The XML declares an unknown encoding ({exc}).", details={"reason": "encoding"}
            ) from exc
        except ValueError as exc:  # expat refuses multi-byte encodings other than UTF-8/16 (utf-7, gb18030…)
            raise ScheduleError(
                f"The XML declares an encoding the reader cannot take ({exc}); save it as UTF-8.", details={"reason": "encoding"}
            ) from exc
        except ParseError as exc:
            first_error = exc
        # A Latin-1/Windows-1252 file that claims (or defaults to) UTF-8 is the
        # usual cause of "not well-formed": re-read it as Windows-1252.
        declared = _DECLARATION.match(data)
        claims_other = (
            declared is not None
            and b"encoding" in declared.group(0)
            and not re.search(rb"encoding\s*=\s*[\"']utf-?8", declared.group(0), re.IGNORECASE)
        )
        try:
            data.decode("utf-8")
            is_utf8 = True
        except UnicodeDecodeError:
            is_utf8 = False
        if not is_utf8 and not claims_other:
            body = data[declared.end() :] if declared else data
            root: Element | None
            try:
                root = SafeET.fromstring(body.decode("cp1252", errors="replace").encode("utf-8"))
            except (ParseError, DefusedXmlException, LookupError, ValueError):
                root = None
            if root is not None:
                builder.warn("The XML is not valid UTF-8; it was read as Windows-1252.", field="encoding")
                return root
        line, column = getattr(first_error, "position", (None, None))
        raise ScheduleError(
            f"The XML is not well-formed ({first_error}).",
            details={"line": line, "column": column},
        ) from first_error

    def _event(
        self,
        event: Element,
        line: int | None,
        day_index: int,
        room_name: str | None,
        day_date: Any,
        day_start: time | None,
        has_afternoon: bool,
        builder: Builder,
        clock: Clock,
    ) -> None:
        ident = clean(event.get("id"))
        guid = clean(event.get("guid"))
        field = f"day[{day_index + 1}]/room[@name={room_name!r}]/event[@id={ident!r}]"
        title = _text(event, "title") or ""
        start = parse_datetime(_text(event, "date"))
        if start is not None and start.tzinfo is None and start.time() == time(0) and local_time(_text(event, "start")):
            start = None  # a bare date; <start> has the time
        if start is None:
            at = local_time(_text(event, "start"))
            if at is None or day_date is None:
                builder.warn(
                    f"Event '{title or '?'}' has no usable <date> or <start>; skipped.",
                    line=line,
                    field=f"{field}/start",
                )
                return
            start_utc = clock.local(
                day_datetime(day_date, at, day_start, has_afternoon), field=f"{field}/start", line=line
            )
        else:
            start_utc = clock.convert(start, field=f"{field}/date")
        end_value = parse_datetime(_text(event, "end"))
        raw_duration = _text(event, "duration")
        duration = parse_duration(raw_duration)
        end_utc: datetime | None
        if end_value is not None:
            end_utc = clock.convert(end_value, field=f"{field}/end")
        else:
            if duration is None and raw_duration:
                builder.warn(f"Unreadable duration {raw_duration!r}.", line=line, field=f"{field}/duration")
            end_utc = start_utc + duration if duration is not None else None
        speakers: list[Speaker] = []
        persons = event.find("persons")
        for person in persons.findall("person") if persons is not None else []:
            name = clean("".join(person.itertext()))
            if not name:
                continue
            key = clean(person.get("guid")) or clean(person.get("code")) or clean(person.get("id"))
            found: dict[str, str] = {}
            # Some generators put social links on the person as attributes.
            for attr, value in person.attrib.items():
                hint = H.network_from_label(attr)
                hit = H.handle_from_value(value, hint=hint) if hint else None
                if hit:
                    found.setdefault(hit[0], hit[1])
            speakers.append(Speaker(name=name, handles=found, key=key))
        builder.add(
            SessionDraft(
                title=title,
                start=start_utc,
                end=end_utc,
                room=_text(event, "room") or room_name,
                source_id=guid or ident,
                field=field,
                line=line,
                track=_text(event, "track"),
                code=code_for(event.findtext("code"), event.findtext("slug"), ident),
                speakers=speakers,
                url=_text(event, "url"),
                abstract=_block(event, "abstract") or _block(event, "description"),
                language=_text(event, "language"),
                kind=normalise_kind(_text(event, "type")),
                do_not_record=_opted_out(event),
                links=_links(event),
            )
        )
