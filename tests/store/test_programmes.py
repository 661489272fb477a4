"""Programme import into the store: identity, updates, removals, user edits, atomicity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from backchannel.coach.programme import import_file
from backchannel.errors import ScheduleError
from backchannel.store import Store


def sessionize(talks: list[tuple[str, str, str, str, str, list[tuple[str, str | None]]]]) -> bytes:
    """A tiny Sessionize "All" view: (id, date, start, room, title, [(speaker, twitter url)]); local times."""
    rooms = sorted({t[3] for t in talks})
    people = {name: link for t in talks for name, link in t[5]}
    speaker_ids = {name: f"sp-{i}" for i, name in enumerate(sorted(people))}
    doc = {
        "sessions": [
            {
                "id": ident, "title": title, "description": None, "startsAt": f"{date}T{start}:00",
                "endsAt": f"{date}T{start[:2]}:45:00",
                "isServiceSession": False, "speakers": [speaker_ids[n] for n, _ in speakers], "roomId": rooms.index(room) + 1,
                "categoryItems": [],
            }
            for ident, date, start, room, title, speakers in talks
        ],
        "speakers": [
            {"id": speaker_ids[name], "fullName": name, "firstName": name.split()[0], "lastName": name.split()[-1], "bio": None,
             "links": [{"title": "Twitter", "url": link, "linkType": "Twitter"}] if link else [], "sessions": [], "questionAnswers": []}
            for name, link in people.items()
        ],
        "rooms": [{"id": i + 1, "name": room, "sort": i} for i, room in enumerate(rooms)],
        "categories": [], "questions": [],
    }
    return json.dumps(doc).encode()


TALKS = [
    ("g-1", "2026-02-01", "10:00", "K.1", "Opening keynote", [("Ada Lovelace", "https://twitter.com/ada_l")]),
    ("g-2", "2026-02-01", "10:00", "K.2", "Parallel track talk", [("Grace Hopper", None)]),
    ("g-3", "2026-02-01", "11:00", "K.1", "Closing talk", [("Ada Lovelace", "https://twitter.com/ada_l"), ("Alan Turing", None)]),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "db.sqlite3")
    s.events.create_event("tc", "Test Conf", hashtag="TC26", time_zone="Europe/Brussels", session_tag_pattern="{hashtag}{room}")
    yield s
    s.close()


def test_first_import(store: Store) -> None:
    report = import_file(store, "tc", sessionize(TALKS), filename="sessionize.json")
    assert (report.added, report.updated, report.unchanged, report.removed) == (3, 0, 0, [])
    assert report.rooms == 2 and report.speakers == 3 and report.handles == 1
    sessions = store.events.list_sessions("tc")
    assert [s.title for s in sessions] == ["Opening keynote", "Parallel track talk", "Closing talk"]
    assert sessions[0].start.isoformat() == "2026-02-01T09:00:00+00:00"  # 10:00 in Brussels
    assert sessions[0].tag == "TC26K1"
    assert sessions[0].speakers[0].handles == {"x": "@ada_l"}
    assert store.events.get_event("tc").starts_on == "2026-02-01"


def test_reimport_updates_in_place_and_reports_removals(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    ids = {s.title: s.id for s in store.events.list_sessions("tc")}
    changed = [TALKS[0][:4] + ("Opening keynote (moved)",) + TALKS[0][5:], TALKS[1]]
    report = import_file(store, "tc", sessionize(changed), replace=True)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert report.removed == ["Closing talk"]
    sessions = store.events.list_sessions("tc")
    assert {s.title: s.id for s in sessions} == {"Opening keynote (moved)": ids["Opening keynote"], "Parallel track talk": ids["Parallel track talk"]}
    assert "Alan Turing" not in {s.name for s in store.speakers.list_speakers("tc")}


def test_same_file_twice_changes_nothing(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    report = import_file(store, "tc", sessionize(TALKS))
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 0, 3, [])
    assert len(store.events.list_sessions("tc")) == 3


def test_user_handle_edits_survive_reimport(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    ada = store.speakers.find_speaker("tc", "ada lovelace")
    store.speakers.set_handles("tc", ada.id, {"x": "@countess", "mastodon": "@ada@math.social"})
    grace = store.speakers.find_speaker("tc", "Grace Hopper")
    store.speakers.set_handles("tc", grace.id, {"bluesky": "grace.bsky.social"})
    import_file(store, "tc", sessionize(TALKS))
    ada = store.speakers.find_speaker("tc", "Ada Lovelace")
    assert ada.handles == {"mastodon": "@ada@math.social", "x": "@countess"}
    assert set(ada.edited) == {"x", "mastodon"}
    assert store.speakers.find_speaker("tc", "Grace Hopper").handles == {"bluesky": "@grace.bsky.social"}
    cleared = store.speakers.set_handles("tc", ada.id, {"x": None})
    assert "x" not in cleared.handles
    import_file(store, "tc", sessionize(TALKS))
    assert "x" not in store.speakers.find_speaker("tc", "Ada Lovelace").handles, "a handle the user cleared stays cleared"


def test_manual_sessions_are_never_touched(store: Store) -> None:
    from datetime import datetime, timezone

    manual = store.events.add_session(
        "tc", title="Hallway track", start=datetime(2026, 2, 1, 12, tzinfo=timezone.utc), end=datetime(2026, 2, 1, 13, tzinfo=timezone.utc)
    )
    import_file(store, "tc", sessionize(TALKS))
    report = import_file(store, "tc", sessionize(TALKS[:1]), replace=True)
    assert len(report.removed) == 2
    assert manual.id in {s.id for s in store.events.list_sessions("tc")}


def test_untrusted_file_changes_nothing(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    before = [s.to_dict() for s in store.events.list_sessions("tc")]
    with pytest.raises(ScheduleError):
        import_file(store, "tc", b'{"sessions": [{"id": 1, "title": "No times"')
    with pytest.raises(ScheduleError):
        import_file(store, "tc", b"\x89PNG\r\n\x1a\n not a programme")
    assert [s.to_dict() for s in store.events.list_sessions("tc")] == before


def test_progress_is_reported(store: Store) -> None:
    seen: list[tuple[int, int]] = []
    import_file(store, "tc", sessionize(TALKS), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_real_programmes_import(store: Store, shared_data: Path) -> None:
    """Every real programme imports, twice, with the second import changing nothing."""
    files = {
        "frab-xml/31c3_schedule.xml": 138,
        "c3voc/frab-camp2019.json": 79,
        "c3voc/pretalx-rc3.json": 48,
        "ics/pyconuk-2015/schedule.ics": 162,
        "sessionize/global-azure-austria-2020_sessionize.json": 29,
    }
    for i, (name, count) in enumerate(files.items()):
        slug = f"real-{i}"
        store.events.create_event(slug, name, time_zone="Europe/Vienna" if "azure" in name else "UTC")
        first = import_file(store, slug, (shared_data / "schedules" / name).read_bytes(), filename=name)
        assert first.added == count, name
        again = import_file(store, slug, (shared_data / "schedules" / name).read_bytes(), filename=name)
        assert (again.added, again.updated, again.removed) == (0, 0, []), name
        assert len(store.events.list_sessions(slug)) == count


# -- nothing is lost without the person saying so --------------------------------------


def test_a_file_without_some_sessions_keeps_them_and_lists_them(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    report = import_file(store, "tc", sessionize(TALKS[:1]))
    assert report.removed == [] and sorted(report.kept) == ["Closing talk", "Parallel track talk"]
    assert len(store.events.list_sessions("tc")) == 3
    assert report.to_dict()["sessions"]["kept"] == 2


def test_one_session_files_add_up(store: Store) -> None:
    for talk in TALKS:
        import_file(store, "tc", sessionize([talk]))
    assert [s.title for s in store.events.list_sessions("tc")] == ["Opening keynote", "Parallel track talk", "Closing talk"]


def test_a_dry_run_reports_and_changes_nothing(store: Store) -> None:
    import_file(store, "tc", sessionize(TALKS))
    before = [(s.id, s.title) for s in store.events.list_sessions("tc")]
    imports = store.db.conn.execute("SELECT count(*) FROM imports").fetchone()[0]
    changed = [TALKS[0][:4] + ("Opening keynote (moved)",) + TALKS[0][5:]]
    report = import_file(store, "tc", sessionize(changed), replace=True, dry_run=True)
    assert report.dry_run and report.updated == 1 and sorted(report.removed) == ["Closing talk", "Parallel track talk"]
    assert [(s.id, s.title) for s in store.events.list_sessions("tc")] == before
    assert store.db.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == imports


def test_a_programme_for_other_dates_is_refused(store: Store) -> None:
    from backchannel.errors import ProgrammeMismatch

    import_file(store, "tc", sessionize(TALKS))
    other_year = [(i + "-2028", "2028-02-03", start, room, title, people) for i, _, start, room, title, people in TALKS]
    with pytest.raises(ProgrammeMismatch) as caught:
        import_file(store, "tc", sessionize(other_year), replace=True)
    assert "2028-02-03" in caught.value.message and "2026-02-01" in caught.value.message and "--force" in caught.value.message
    assert [s.title for s in store.events.list_sessions("tc")] == ["Opening keynote", "Parallel track talk", "Closing talk"]
    forced = import_file(store, "tc", sessionize(other_year), force=True)
    assert forced.added == 3


def test_an_event_without_dates_or_sessions_takes_any_programme(store: Store) -> None:
    store.events.create_event("blank", "Blank")
    assert import_file(store, "blank", sessionize(TALKS)).added == 3


def test_a_programme_titled_for_another_event_is_imported_with_a_warning(store: Store, tmp_path: Path) -> None:
    from backchannel.schedules import read_programme

    programme = read_programme(sessionize(TALKS), time_zone="Europe/Brussels")
    programme.title = "Some Other Summit"
    report = store.programmes.import_programme("tc", programme, dry_run=True)
    assert report.warnings[0]["field"] == "title" and "Some Other Summit" in report.warnings[0]["message"]
    programme.title = "Test Conf 2026"
    assert not [w for w in store.programmes.import_programme("tc", programme, dry_run=True).warnings if w["field"] == "title"]
