"""Every programme reader, and the import into a real store, with hostile files: a ScheduleError or a programme, nothing else."""

from __future__ import annotations

import json
from typing import Any, Iterator
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backchannel.errors import BackchannelError
from backchannel.schedules import READERS, read_programme, read_speakers
from backchannel.store import Store
from tests.properties.strategies import date_strings, dumps, encodings, integers, json_values, texts

values = st.one_of(json_values, date_strings, integers, st.sampled_from(["10:00", "00:30", "PT1H", "99999999999:00", "P99999999999D", "1e308"]))
frab_events = st.fixed_dictionaries(
    {},
    optional={k: values for k in ("id", "guid", "title", "start", "duration", "date", "end", "room", "type", "track", "language", "url", "abstract")}
    | {"persons": st.lists(st.fixed_dictionaries({}, optional={"public_name": values, "name": values, "id": values}), max_size=2)},
)
frab_json = st.builds(
    lambda title, zone, date, start, room, events: {
        "schedule": {
            "version": "1",
            "conference": {"title": title, "time_zone_name": zone, "days": [{"index": 1, "date": date, "day_start": start, "rooms": {room: events}}]},
        }
    },
    values, values, values, values, texts, st.lists(frab_events, max_size=3),
)
sessionize = st.lists(
    st.fixed_dictionaries(
        {"id": values, "title": values, "startsAt": values},
        optional={"endsAt": values, "room": values, "roomId": values, "speakers": st.lists(values, max_size=2), "categoryItems": st.lists(values, max_size=2)},
    ),
    min_size=1,
    max_size=3,
)


def _xml(encoding: str, date: str, start: str, duration: str, title: str, nested: int) -> bytes:
    body = (
        f'<?xml version="1.0" encoding="{encoding}"?><schedule><conference><title>{escape(title)}</title></conference>'
        f"<day index=\"1\" date={quoteattr(date)} start={quoteattr(start)}><room name=\"A\">"
        f'<event id="1" guid="g"><date>{escape(date)}</date><start>{escape(start)}</start><duration>{escape(duration)}</duration>'
        f"<title>{escape(title)}</title>{'<x>' * nested}{'</x>' * nested}</event></room></day></schedule>"
    )
    return body.encode(encoding if encoding in {"utf-8", "utf-16", "latin-1", "cp1252"} else "utf-8", errors="replace")


frab_xml = st.builds(
    _xml,
    st.sampled_from(["utf-8", "utf-16", "utf-7", "latin-1", "cp1252", "gb18030", "shift_jis", "cp500", "bogus", "utf-32"]),
    date_strings, date_strings | texts, texts | st.sampled_from(["00:30", "99999:00", "1e308"]), texts, st.integers(0, 3000),
)


def _ics(start: str, end: str, duration: str, tzid: str, summary: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:1@x", f"SUMMARY:{summary}", f"DTSTART{tzid}:{start}", f"DTEND:{end}", f"DURATION:{duration}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(lines).encode("utf-8", errors="replace")


ical_times = st.sampled_from(["99991231T235959", "00010101T000000", "99991231T235959Z", "00010101", "99991231", "20130130T100000", "20130130T1000"]) | texts
ical = st.builds(
    _ics, ical_times, ical_times, st.sampled_from(["PT1H", "P99999999D", "PT99999999999H", "-PT1H", "P1W"]) | texts,
    st.sampled_from(["", ";TZID=Europe/London", ";TZID=Nowhere/Else", ";VALUE=DATE"]), texts.map(lambda t: t.replace("\r", " ").replace("\n", " ")),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("importers") / "db.sqlite3")
    s.events.create_event("lt13", "LT13", time_zone="Europe/London")
    yield s
    s.close()


def read_and_import(store: Store, data: bytes, fmt: str | None) -> None:
    try:
        programme = read_programme(data, format=fmt, time_zone="Europe/London")
    except BackchannelError:
        return
    try:
        store.programmes.import_programme("lt13", programme, filename="fuzz")
    except BackchannelError:
        pass


@given(doc=frab_json, encoding=encodings)
def test_frab_json(store: Store, doc: dict[str, Any], encoding: str) -> None:
    read_and_import(store, dumps(doc).encode("utf-8") if encoding == "utf-7" else dumps(doc).encode(encoding, errors="replace"), None)


@given(doc=sessionize)
def test_sessionize(store: Store, doc: list[Any]) -> None:
    data = dumps(doc).encode()
    read_and_import(store, data, "sessionize")
    try:
        read_speakers(data)
    except BackchannelError:
        pass


@given(data=frab_xml)
def test_frab_xml(store: Store, data: bytes) -> None:
    read_and_import(store, data, None)
    read_and_import(store, data, "frab-xml")


@given(data=ical)
def test_ical(store: Store, data: bytes) -> None:
    read_and_import(store, data, None)


@given(data=st.binary(max_size=2000), fmt=st.sampled_from([None, *READERS]))
def test_any_bytes_with_any_reader(store: Store, data: bytes, fmt: str | None) -> None:
    read_and_import(store, data, fmt)


@given(value=json_values)
def test_any_json_with_any_reader(store: Store, value: Any) -> None:
    data = dumps(value).encode()
    for fmt in (None, "frab-json", "sessionize"):
        read_and_import(store, data, fmt)
    json.loads(data) if len(data) < 4000 else None
