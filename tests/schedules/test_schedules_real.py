"""The real programmes in ../shared/data/schedules (skipped cleanly when absent).

Expected UTC times were worked out from the files: 31C3 and Camp 2019 carry
offsets (+01:00 in December, +02:00 in August, Europe/Berlin); Sessionize and
the Global Azure ICS files have local times, given here as Europe/Vienna
(CEST, UTC+2 in April) and America/Edmonton (MST, UTC-7 in November).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backchannel.errors import ScheduleError
from backchannel.schedules import (
    Programme,
    detect_format,
    enrich_speakers,
    read_programme,
    read_speakers,
)

pytestmark = pytest.mark.shared_data

# Every programme-like file in schedules/, with its format; None: not a programme.
REAL_FILES: dict[str, str | None] = {
    "c3voc/frab-camp2019.json": "frab-json",
    "c3voc/pretalx-rc3.json": "frab-json",
    "c3voc/invalid-example.json": "frab-json",
    "c3voc/schema.json": None,
    "c3voc/schema2.json": None,
    "c3voc/schedule.xml.xsd": None,
    "frab-xml/31c3_schedule.xml": "frab-xml",
    "ics/pyconuk-2015/schedule.ics": "ical",
    "ics/global-azure-austria-2020/automated-machine-learning.ics": "ical",
    "ics/global-azure-austria-2020/cosmos-db.ics": "ical",
    "ics/global-azure-austria-2020/iot-powerbi.ics": "ical",
    "sessionize/global-azure-austria-2020_sessionize.json": "sessionize",
    "sessionize/devfest-calgary-2019/schedule_smartgrid.json": "sessionize",
    "sessionize/devfest-calgary-2019/sessions.json": "sessionize",
    "sessionize/devfest-calgary-2019/speakers.json": "sessionize",
}
ZONES = {"global-azure": "Europe/Vienna", "devfest-calgary": "America/Edmonton"}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def load(shared_data: Path, rel: str, time_zone: str | None = None) -> Programme:
    return read_programme((shared_data / "schedules" / rel).read_bytes(), filename=rel, time_zone=time_zone)


def speaker_names(programme: Programme) -> set[str]:
    return {p.name for s in programme.sessions for p in s.speakers}


def handles(programme: Programme) -> dict[str, dict[str, str]]:
    return {p.name: p.handles for s in programme.sessions for p in s.speakers if p.handles}


def check_invariants(programme: Programme) -> None:
    keys = [s.key for s in programme.sessions]
    assert len(keys) == len(set(keys))
    for s in programme.sessions:
        assert s.start.utcoffset() == timedelta(0) and s.end.utcoffset() == timedelta(0)
        assert s.end > s.start
        assert s.title
        assert s.room is None or s.room in programme.rooms


@pytest.mark.parametrize(("rel", "expected"), sorted(REAL_FILES.items()))
def test_every_real_file_is_detected_and_never_crashes(shared_data: Path, rel: str, expected: str | None) -> None:
    data = (shared_data / "schedules" / rel).read_bytes()
    if expected is None:
        with pytest.raises(ScheduleError):
            detect_format(data, filename=rel)
        return
    assert detect_format(data, filename=rel) == expected
    zone = next((z for k, z in ZONES.items() if k in rel), None)
    if rel.endswith("speakers.json"):
        with pytest.raises(ScheduleError, match="Speakers view"):
            read_programme(data, time_zone=zone)
        return
    check_invariants(read_programme(data, time_zone=zone))


def test_no_file_under_schedules_raises_anything_but_schedule_error(shared_data: Path) -> None:
    """Files added later are covered too: read or refused clearly, never a crash."""
    seen = 0
    for path in sorted((shared_data / "schedules").rglob("*")):
        if not path.is_file() or path.suffix not in {".json", ".xml", ".ics", ".xsd"}:
            continue
        seen += 1
        try:
            check_invariants(read_programme(path.read_bytes(), filename=path.name, time_zone="Europe/Berlin"))
        except ScheduleError as exc:
            assert exc.message
    assert seen >= len(REAL_FILES)


def test_31c3_xml(shared_data: Path) -> None:
    programme = load(shared_data, "frab-xml/31c3_schedule.xml")
    assert programme.format == "frab-xml"
    assert (len(programme.sessions), programme.rooms) == (138, ["Saal 1", "Saal 2", "Saal G", "Saal 6"])
    assert len(speaker_names(programme)) == 197  # 198 person ids; Laura Poitras has two
    assert programme.warnings == []
    s = {x.code: x for x in programme.sessions}
    assert (s["6561"].title, s["6561"].start) == ("31C3 Opening Event", utc(2014, 12, 27, 10, 0))
    # Citizenfour: <date>2014-12-28T00:00:00+01:00</date> inside the 27 Dec day, 2h15.
    assert (s["6581"].title, s["6581"].start, s["6581"].end) == (
        "Citizenfour",
        utc(2014, 12, 27, 23, 0),
        utc(2014, 12, 28, 1, 15),
    )
    assert "Geraldine de Bastion" in speaker_names(programme)
    assert "Laura Poitras" in speaker_names(programme)  # written " Laura Poitras" in the file


def test_31c3_without_dates_rolls_past_midnight(shared_data: Path) -> None:
    """Drop every <date>: day + <start> in Europe/Berlin must give the same UTC times."""
    original = (shared_data / "schedules/frab-xml/31c3_schedule.xml").read_bytes()
    stripped = re.sub(rb"<date>[^<]*</date>", b"", original)
    assert stripped != original
    with_dates = {s.key: s.start for s in read_programme(original).sessions}
    without = read_programme(stripped, time_zone="Europe/Berlin")
    assert {s.key: s.start for s in without.sessions} == with_dates
    # ... and also without the days' start/end attributes (the fallback rule).
    bare = re.sub(rb" (?:start|end)='[^']*'", b"", stripped)
    assert {s.key: s.start for s in read_programme(bare, time_zone="Europe/Berlin").sessions} == with_dates


def test_camp2019_json(shared_data: Path) -> None:
    programme = load(shared_data, "c3voc/frab-camp2019.json")
    assert (len(programme.sessions), programme.rooms) == (79, ["Curie", "Meitner"])
    assert len(speaker_names(programme)) == 90
    assert programme.time_zone == "Europe/Berlin"
    assert programme.warnings == []  # offsets agree with Europe/Berlin
    opening = next(s for s in programme.sessions if s.title == "Opening Ceremony")
    assert (opening.start, opening.end) == (utc(2019, 8, 21, 9, 0), utc(2019, 8, 21, 9, 30))
    assert (opening.key, opening.code, opening.track) == ("a0a0fcfe-b7fb-46e3-84b6-97a5406016b4", "10386", "CCC")
    assert [p.name for p in opening.speakers] == ["jinxx", "smtw"]


def test_rc3_pretalx_json(shared_data: Path) -> None:
    programme = load(shared_data, "c3voc/pretalx-rc3.json")
    assert (len(programme.sessions), len(programme.rooms)) == (48, 5)
    assert len(speaker_names(programme)) == 56
    first = programme.sessions[0]
    # "2020-12-27T11:30:00+01:00"
    assert (first.code, first.start, first.language) == ("MJA8QY", utc(2020, 12, 27, 10, 30), "de")
    assert first.speakers[0].name == "Chris Fiege"
    assert first.speakers[0].key == "SCD9VJ"


def test_c3voc_invalid_example_is_imported_with_a_warning(shared_data: Path) -> None:
    """Schema-invalid (rooms beside the conference, string ids, a non-ASCII person code),
    but every field a session needs is present and consistent: import it, say what is off."""
    programme = load(shared_data, "c3voc/invalid-example.json")
    (session,) = programme.sessions
    assert (session.title, session.start, session.room) == (
        "Internal Penetration Testing Basics",
        utc(2022, 12, 28, 13, 0),
        "Winterchaos",
    )
    assert programme.time_zone == "Europe/Zurich"
    assert any(w.field == "schedule.rooms" for w in programme.warnings)


def test_pyconuk_ics(shared_data: Path) -> None:
    programme = load(shared_data, "ics/pyconuk-2015/schedule.ics")
    assert (len(programme.sessions), len(programme.rooms)) == (162, 11)
    assert len(speaker_names(programme)) == 71
    assert programme.title == "PyCon UK 2015 Schedule"
    assert programme.time_zone is None  # all times are UTC ("Z"): exact, but they name no local zone
    s = {x.title: x for x in programme.sessions}
    gil = s["Python's Infamous GIL"]
    assert (gil.start, [p.name for p in gil.speakers], gil.kind) == (
        utc(2015, 9, 18, 10, 30),
        ["Larry Hastings"],
        "talk",
    )
    assert [p.name for p in s["Keynote: Van Lindberg, PSF Chair"].speakers] == ["Van Lindberg"]
    assert [p.name for p in s["Python powered Nukes"].speakers] == ["Babak Khataee", "Dan Milburn"]
    assert (programme.sessions[0].title, programme.sessions[0].start) == (
        "Registration / Breakfast",
        utc(2015, 9, 18, 7, 0),
    )
    text = "\n".join(w.message for w in programme.warnings)
    assert "20160417T070217Z-58703" in text and "used by 2 sessions" in text  # the duplicated UID
    assert "look generated at export time" in text
    assert sum("has no end or duration" in w.message for w in programme.warnings) == 5


def test_global_azure_ics_floating_and_shared_uid(shared_data: Path) -> None:
    keys = set()
    for name in ("automated-machine-learning", "cosmos-db", "iot-powerbi"):
        programme = load(shared_data, f"ics/global-azure-austria-2020/{name}.ics", time_zone="Europe/Vienna")
        (session,) = programme.sessions
        assert session.start == utc(2020, 4, 24, 7, 0)  # 09:00 floating, Vienna CEST
        keys.add(session.key)
    assert len(keys) == 3  # all three files say UID:0@gabaustria2020


def test_sessionize_global_azure(shared_data: Path) -> None:
    programme = load(shared_data, "sessionize/global-azure-austria-2020_sessionize.json", time_zone="Europe/Vienna")
    assert (len(programme.sessions), len(programme.rooms)) == (29, 4)
    assert len(speaker_names(programme)) == 28
    found = handles(programme)
    assert len(found) == 20
    assert found["Adrienne Tacke"] == {"x": "@AdrienneTacke"}
    assert found["Hannes Lagler-Gruener"] == {"x": "@HannesLagler"}
    void = next(s for s in programme.sessions if s.title == "Stories of void")
    assert (void.start, void.room, void.track, void.language) == (
        utc(2020, 4, 24, 7, 0),
        "Saal 11 (108)",
        "Main Conference",
        "en",
    )
    assert next(s for s in programme.sessions if s.title == "Lunch Break").kind == "break"


def test_sessionize_devfest_views(shared_data: Path) -> None:
    base = "sessionize/devfest-calgary-2019"
    grid = load(shared_data, f"{base}/schedule_smartgrid.json", time_zone="America/Edmonton")
    sessions_view = load(shared_data, f"{base}/sessions.json", time_zone="America/Edmonton")
    assert (len(grid.sessions), len(grid.rooms), len(speaker_names(grid))) == (54, 4, 35)
    assert len(sessions_view.sessions) == 37  # the Sessions view leaves out service sessions
    banking = next(s for s in grid.sessions if s.title == "Transform Banking with Google")
    assert (banking.start, banking.kind, banking.track) == (utc(2019, 11, 22, 16, 0), "keynote", "Keynote")
    # Keys agree between the two views of the same event.
    assert {s.key for s in sessions_view.sessions} <= {s.key for s in grid.sessions}
    speakers = read_speakers((shared_data / "schedules" / base / "speakers.json").read_bytes())
    assert (len(speakers), sum(1 for s in speakers if s.handles)) == (35, 12)
    assert enrich_speakers(grid, speakers) > 0
    assert handles(grid)["Wellington Holbrook"] == {"x": "@Wellington_ATB"}
