"""Format detection by content, and the reader registry itself."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable

import pytest

from backchannel import schedules
from backchannel.errors import ScheduleError
from backchannel.schedules import READERS, detect_format

Read = Callable[[str], bytes]

FIXTURE_FORMATS = {
    "floating.ics": "ical",
    "pretalx.ics": "ical",
    "broken.ics": "ical",
    "latin1.ics": "ical",
    "frab-night.xml": "frab-xml",
    "frab-v1.json": "frab-json",
    "frab-v2.json": "frab-json",
    "sessionize-all.json": "sessionize",
    "sessionize-gridsmart.json": "sessionize",
    "sessionize-sessions.json": "sessionize",
    "sessionize-speakers.json": "sessionize",
}


def test_registry_is_complete_and_documented() -> None:
    assert set(READERS) == {"ical", "frab-json", "frab-xml", "sessionize"}
    reader_classes = set()
    for info in pkgutil.iter_modules(schedules.__path__):
        module = importlib.import_module(f"{schedules.__name__}.{info.name}")
        assert module.__doc__ and module.__doc__.strip(), f"{info.name} has no module docstring"
        for _, cls in inspect.getmembers(module, inspect.isclass):
            is_protocol = getattr(cls, "_is_protocol", False)  # the ScheduleReader interface itself
            if (
                cls.__module__ == module.__name__
                and not is_protocol
                and callable(getattr(cls, "sniff", None))
                and callable(getattr(cls, "read", None))
            ):
                reader_classes.add(cls)
    # Every reader class in the package is registered, under its own name.
    assert reader_classes == {type(r) for r in READERS.values()}
    for name, reader in READERS.items():
        assert reader.name == name
        assert reader.description and "\n" not in reader.description and len(reader.description) <= 100
        assert (type(reader).__doc__ or "").strip()
        assert (inspect.getdoc(inspect.getmodule(type(reader))) or "").strip()


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURE_FORMATS.items()))
def test_fixtures_detected(fixture_bytes: Read, name: str, expected: str) -> None:
    assert detect_format(fixture_bytes(name)) == expected
    # The name never decides: a misleading extension changes nothing.
    assert detect_format(fixture_bytes(name), filename="programme.txt") == expected


def test_exactly_one_reader_claims_each_fixture(fixture_bytes: Read) -> None:
    for name, expected in FIXTURE_FORMATS.items():
        claims = [r.name for r in READERS.values() if r.sniff(fixture_bytes(name))]
        assert claims == [expected], name


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        (b"", "empty"),
        (b'{"name": "not a programme", "items": [1, 2, 3]}', "not a programme format"),
        (b"[1, 2, 3]", "not a programme format"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "not a programme format"),
        (b"Title,Start,Room\nTalk,09:00,A\n", "not a programme format"),
        (json.dumps({"schedule": {"version": "1"}}).encode(), "not a programme format"),
    ],
)
def test_non_programmes_are_refused(data: bytes, needle: str) -> None:
    with pytest.raises(ScheduleError, match=needle):
        detect_format(data)


def test_random_json_fixture_is_refused(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError) as caught:
        schedules.read_programme(fixture_bytes("random.json"), filename="random.json")
    assert ".json" in caught.value.message  # the extension hint makes the message specific


def test_broken_json_names_the_position(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError, match="not valid JSON.*line 1"):
        detect_format(fixture_bytes("broken.json"))


def test_utf16_json_is_detected(fixture_bytes: Read) -> None:
    data = fixture_bytes("frab-v2.json").decode("utf-8").encode("utf-16")
    assert detect_format(data) == "frab-json"
    assert len(schedules.read_programme(data).sessions) == 3
