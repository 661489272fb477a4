"""Each reader on small hand-written fixtures (no shared data needed).

Times are checked in UTC against values worked out by hand in the comments.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from backchannel.errors import ScheduleError
from backchannel.schedules import MAX_BYTES, Programme, Session, read_programme
from backchannel.schedules.values import derive_key

Read = Callable[[str], bytes]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def by_title(programme: Programme) -> dict[str, Session]:
    return {s.title: s for s in programme.sessions}


def messages(programme: Programme) -> str:
    return "\n".join(w.message for w in programme.warnings)


def assert_well_formed(programme: Programme) -> None:
    """Invariants every Programme must keep, whatever the format."""
    keys = [s.key for s in programme.sessions]
    assert len(keys) == len(set(keys)), "two sessions share a key"
    for s in programme.sessions:
        assert s.start.utcoffset() == timedelta(0)  # aware (a naive datetime gives None) and UTC
        assert s.end.utcoffset() == timedelta(0)
        assert s.end > s.start
        assert s.room is None or s.room in programme.rooms
    assert programme.sessions == sorted(programme.sessions, key=lambda s: s.start)


# --- iCalendar ---------------------------------------------------------------


def test_ical_floating_times_use_caller_zone(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    assert programme.format == "ical"
    assert programme.title == "Tiny Floating Conf"
    assert programme.time_zone == "Europe/London"
    gil = by_title(programme)["Threads Without Tears"]
    # 09:30 floating in London in June (BST, UTC+1) is 08:30 UTC.
    assert (gil.start, gil.end) == (utc(2024, 6, 14, 8, 30), utc(2024, 6, 14, 9, 15))
    assert gil.key == "talk-1@tiny.example"
    assert gil.track == "Core"
    assert gil.url == "https://tiny.example/talks/threads/"
    assert_well_formed(programme)


def test_ical_floating_times_without_any_zone_are_utc_with_warning(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("floating.ics"))
    assert programme.time_zone == "UTC"
    assert by_title(programme)["Threads Without Tears"].start == utc(2024, 6, 14, 9, 30)
    assert "read as UTC" in messages(programme)


def test_ical_duplicate_uid_gets_derived_keys_and_a_warning(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    sessions = by_title(programme)
    keynote, gabbi = (
        sessions["Keynote: Jane Doe - Building Communities"],
        sessions["Quokka - Declarative HTTP Fixtures"],
    )
    assert keynote.key != gabbi.key
    assert keynote.key == derive_key(keynote.title, keynote.start, keynote.room)
    duplicate = [w for w in programme.warnings if "talk-2@tiny.example" in w.message]
    assert duplicate and duplicate[0].line == 22  # the second BEGIN:VEVENT with that UID


def test_ical_keys_are_stable_across_reimports(fixture_bytes: Read) -> None:
    first = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    again = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    assert [s.key for s in first.sessions] == [s.key for s in again.sessions]


def test_ical_speakers_from_titles_attendees_and_description(fixture_bytes: Read) -> None:
    sessions = by_title(read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London"))
    gil = sessions["Threads Without Tears"]
    assert [s.name for s in gil.speakers] == ["Priya Raman"]
    assert gil.kind == "talk"
    # The folded DESCRIPTION ("Twi" / " tter") unfolds to "Twitter", giving the context.
    assert gil.speakers[0].handles == {"x": "@priyaraman"}
    assert [s.name for s in sessions["Keynote: Jane Doe - Building Communities"].speakers] == ["Jane Doe"]
    # CHAIR attendee counts; the ROOM attendee does not; the organizer is not added
    # when the event already has speakers.
    assert [s.name for s in sessions["Quokka - Declarative HTTP Fixtures"].speakers] == ["Grace Hopper"]


def test_ical_missing_end_uses_next_session_in_room(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    keynote = by_title(programme)["Keynote: Jane Doe - Building Communities"]
    assert keynote.end == by_title(programme)["Quokka - Declarative HTTP Fixtures"].start
    warning = next(w for w in programme.warnings if "has no end" in w.message)
    assert warning.line == 16


def test_ical_all_day_entry_is_skipped_with_line(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("floating.ics"), time_zone="Europe/London")
    assert "Sprints all day" not in by_title(programme)
    warning = next(w for w in programme.warnings if "all-day" in w.message)
    assert warning.line == 32 and warning.field is not None and "DTSTART" in warning.field


def test_ical_pretalx_tzid_dst_code_and_speaker_suffix(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("pretalx.ics"))
    (session,) = programme.sessions
    # 23:00 CEST (UTC+2) on 26 Oct; 03:30 on 27 Oct is after the change back to CET (UTC+1).
    assert session.start == utc(2024, 10, 26, 21, 0)
    assert session.end == utc(2024, 10, 27, 2, 30)
    assert session.title == "Hacking the night"
    assert [s.name for s in session.speakers] == ["Alice Example", "Bob Example"]
    assert session.code == "ABC123"
    assert programme.time_zone == "Europe/Berlin"  # every event's TZID


def test_ical_broken_file_keeps_good_session_and_reports_lines(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("broken.ics"))
    assert [s.title for s in programme.sessions] == ["The one good session"]
    # X-WR-TIMEZONE Europe/London in March (GMT): 10:00 local is 10:00 UTC.
    assert programme.sessions[0].start == utc(2024, 3, 1, 10)
    lines = {w.line: w.message for w in programme.warnings}
    assert "unreadable DTSTART" in lines[14]
    assert "content line" in lines[21]  # the continuation line without its leading space
    assert "no DTSTART" in lines[17]


def test_ical_latin1_file(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("latin1.ics"))
    assert programme.title == "Kleine Konferenz München"
    (session,) = programme.sessions
    assert session.title == "Über Straßen und Plätze"
    assert session.room == "Großer Saal"
    assert [s.name for s in session.speakers] == ["Jürgen Müller"]
    assert any(w.field == "encoding" and "Windows-1252" in w.message for w in programme.warnings)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_ical_bom_and_utf16(fixture_bytes: Read, encoding: str) -> None:
    text = fixture_bytes("latin1.ics").decode("latin-1")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    programme = read_programme(data)
    assert programme.sessions[0].title == "Über Straßen und Plätze"
    assert not any(w.field == "encoding" for w in programme.warnings)


def test_ical_without_events_is_refused() -> None:
    with pytest.raises(ScheduleError, match="no sessions"):
        read_programme(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")


# --- frab XML ----------------------------------------------------------------


def test_frab_xml_times_and_midnight(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-night.xml"))
    assert programme.format == "frab-xml"
    assert programme.title == "Tiny Chaos Congress"
    assert programme.time_zone == "Europe/Berlin"
    assert (programme.start, programme.end) == (date(2014, 12, 27), date(2014, 12, 28))
    s = by_title(programme)
    assert s["Opening & Welcome"].start == utc(2014, 12, 27, 10, 0)  # <date> 11:00+01:00
    assert s["Night Owls"].start == utc(2014, 12, 27, 22, 30)  # 23:30 CET, no <date>
    # 01:15 is before the day's start (11:00), so it is 01:15 CET on the 28th.
    assert s["After Midnight"].start == utc(2014, 12, 28, 0, 15)
    assert s["After Midnight"].end == utc(2014, 12, 28, 1, 0)
    # Day 2 has no start attribute: 02:00 on a day with afternoon talks is the night after.
    assert s["Day Two Late Talk"].start == utc(2014, 12, 29, 1, 0)
    assert s["Day Two Talk"].start == utc(2014, 12, 28, 12, 0)
    assert_well_formed(programme)


def test_frab_xml_fields(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-night.xml"))
    assert programme.rooms == ["Saal 1", "Saal G"]
    opening = by_title(programme)["Opening & Welcome"]
    assert opening.key == "7a0c6d3e-0000-4000-8000-000000000001"
    assert opening.code == "4101"  # the slug is too long for a tag; the id is not
    assert opening.track == "CCC" and opening.kind == "talk" and opening.language == "en"
    assert [(p.name, p.key) for p in opening.speakers] == [("nullbyte", "501"), ("Marieke van Dijk", "502")]
    assert by_title(programme)["Day Two Talk"].key == "7001"  # no guid: the id


def test_frab_xml_bad_duration_warns_with_line(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-night.xml"))
    broken = by_title(programme)["Broken Duration"]
    assert broken.end == by_title(programme)["Next in Saal G"].start
    warning = next(w for w in programme.warnings if "xx:yy" in w.message)
    assert warning.line == 57 and warning.field is not None and warning.field.endswith("/duration")


def test_frab_xml_caller_zone_for_zoneless_file(fixture_bytes: Read) -> None:
    text = fixture_bytes("frab-night.xml").replace(b"<time_zone_name>Europe/Berlin</time_zone_name>", b"")
    with_zone = by_title(read_programme(text, time_zone="Europe/Berlin"))
    assert with_zone["Night Owls"].start == utc(2014, 12, 27, 22, 30)
    without = read_programme(text)
    assert by_title(without)["Night Owls"].start == utc(2014, 12, 27, 23, 30)
    assert "read as UTC" in messages(without)


def test_frab_xml_refuses_entities() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<schedule><conference><title>&lol2;</title></conference></schedule>"
    )
    with pytest.raises(ScheduleError, match="entities"):
        read_programme(bomb)
    external = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><schedule>&x;</schedule>'
    with pytest.raises(ScheduleError, match="entities"):
        read_programme(external)


def test_frab_xml_latin1_mislabelled(fixture_bytes: Read) -> None:
    text = fixture_bytes("frab-night.xml").decode("utf-8").replace("Night Owls", "Nachtschwärmer")
    programme = read_programme(text.encode("cp1252"))
    assert "Nachtschwärmer" in by_title(programme)
    assert any(w.field == "encoding" for w in programme.warnings)


def test_frab_xml_truncated_is_refused(fixture_bytes: Read) -> None:
    data = fixture_bytes("frab-night.xml")
    with pytest.raises(ScheduleError, match="not well-formed") as caught:
        read_programme(data[: len(data) // 2])
    assert caught.value.details.get("line")


# --- frab / pretalx JSON ---------------------------------------------------------


def test_frab_json_v1(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-v1.json"))
    assert programme.format == "frab-json"
    assert programme.title == "Tiny Camp 2019"
    assert programme.rooms == ["Curie", "Dijkstra"]
    s = by_title(programme)
    assert s["Camp Opening"].start == utc(2019, 8, 21, 9, 0)  # 11:00+02:00
    # date 2019-08-22T01:00+02:00 in the 21 Aug day: 23:00 UTC on the 21st.
    assert s["Late Night Hacking"].start == utc(2019, 8, 21, 23, 0)
    assert s["Late Night Hacking"].end == utc(2019, 8, 22, 0, 0)
    assert s["Late Night Hacking"].kind == "workshop" and s["Late Night Hacking"].abstract == "Bring a soldering iron."
    # no "date": day date + "start" 13:00 in Europe/Berlin (CEST).
    assert s["No Date And No Duration"].start == utc(2019, 8, 21, 11, 0)
    assert "No Time At All" not in s
    assert s["Same GUID As The Opening"].code == "ZX81AB"
    assert s["Same GUID As The Opening"].kind == "talk"  # "Talk 25 min + 5 min Q&A"
    assert_well_formed(programme)


def test_frab_json_v1_speakers_and_handles(fixture_bytes: Read) -> None:
    s = by_title(read_programme(fixture_bytes("frab-v1.json")))
    alice = s["Camp Opening"].speakers[1]
    assert (alice.name, alice.key, alice.handles) == ("Alice Example", "302", {"mastodon": "@alice@chaos.social"})
    bob = s["Late Night Hacking"].speakers[0]
    assert (bob.key, bob.handles) == ("QWE7RT", {"x": "@bobhacks"})  # pretalx code; handle from biography


def test_frab_json_v1_duplicates_and_missing_fields_warn(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-v1.json"))
    text = messages(programme)
    assert "is used by 2 sessions" in text
    assert "No Time At All" in text
    assert "has no end or duration" in text
    fields = {w.field for w in programme.warnings}
    assert "schedule.conference.days[0].rooms['Dijkstra'][2].date" in fields


def test_frab_json_zone_contradicting_offsets(fixture_bytes: Read) -> None:
    doc = json.loads(fixture_bytes("frab-v1.json"))
    doc["schedule"]["conference"]["time_zone_name"] = "Europe/London"  # +01:00 in August; the file says +02:00
    programme = read_programme(json.dumps(doc).encode())
    assert by_title(programme)["Camp Opening"].start == utc(2019, 8, 21, 9, 0)  # offsets trusted
    warning = next(w for w in programme.warnings if "Europe/London" in w.message)
    assert "offsets were trusted" in warning.message


def test_frab_json_v2(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-v2.json"))
    assert programme.format == "frab-json"
    assert programme.rooms == ["Hall A", "Hall B"]
    assert programme.time_zone == "Europe/Amsterdam"
    assert (programme.start, programme.end) == (date(2024, 3, 30), date(2024, 3, 31))
    s = by_title(programme)
    dst = s["Across the DST Change"]
    # 01:30+01:00 is 00:30Z; 03:30+02:00 (after the spring change) is 01:30Z: one hour.
    assert (dst.start, dst.end) == (utc(2024, 3, 31, 0, 30), utc(2024, 3, 31, 1, 30))
    assert dst.room == "Hall B" and dst.track == "Security" and dst.code == "XYZ789"
    assert dst.abstract == "An hour of talk across the clock change."
    assert [p.name for p in dst.speakers] == ["Dana Example", "Eve Example"]
    assert dst.speakers[0].handles == {"bluesky": "@dana.bsky.social", "x": "@dana_ex"}
    iso = s["Duration In ISO Form"]
    assert iso.end - iso.start == (utc(2024, 1, 1, 0, 45) - utc(2024, 1, 1))
    assert s["Lunch"].kind == "break" and s["Lunch"].room == "Hall A"


def test_frab_json_broken_is_refused(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError, match="not valid JSON") as caught:
        read_programme(fixture_bytes("broken.json"))
    assert caught.value.details["line"] == 1


def test_frab_json_with_bom(fixture_bytes: Read) -> None:
    programme = read_programme(b"\xef\xbb\xbf" + fixture_bytes("frab-v1.json"))
    assert len(programme.sessions) == 4


# --- Sessionize --------------------------------------------------------------------


def test_sessionize_all_view(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("sessionize-all.json"), time_zone="Europe/Vienna")
    assert programme.format == "sessionize"
    assert programme.rooms == ["Hall East", "Room 2 (120)"]  # by "sort"; the unused room is left out
    s = by_title(programme)
    void = s["Tales of Undefined"]
    # 09:00 in Vienna in April (CEST, UTC+2).
    assert (void.start, void.end) == (utc(2020, 4, 24, 7, 0), utc(2020, 4, 24, 7, 50))
    assert (void.key, void.code, void.room) == ("500101", "500101", "Room 2 (120)")
    assert (void.track, void.language, void.kind) == ("Main Stage", "en", "workshop")
    assert s["Lunch"].kind == "break"
    assert "Accepted but not scheduled" not in s
    assert "no time slot" in messages(programme)
    assert_well_formed(programme)


def test_sessionize_all_view_handles(fixture_bytes: Read) -> None:
    s = by_title(read_programme(fixture_bytes("sessionize-all.json"), time_zone="Europe/Vienna"))
    speakers = {p.name: p for p in s["Warum Sensoren manchmal lügen"].speakers}
    # Twitter link; Mastodon from a question answer; the Medium "/@" blog is not Mastodon.
    assert speakers["Rosa Example"].handles == {"x": "@RosaEx", "mastodon": "@rosa@hachyderm.io"}
    # A Bluesky URL under a generic link type; X from "auf Twitter unter @LukasB" in the bio.
    assert speakers["Lukas Beispiel"].handles == {"bluesky": "@lukas.example.com", "x": "@LukasB"}
    assert speakers["Lukas Beispiel"].key == "0b0b0000-0000-4000-8000-000000000002"


def test_sessionize_needs_zone_for_local_times(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("sessionize-all.json"))
    assert by_title(programme)["Tales of Undefined"].start == utc(2020, 4, 24, 9, 0)
    assert programme.time_zone == "UTC"
    assert "read as UTC" in messages(programme)


def test_sessionize_gridsmart_merges_plenum_session(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("sessionize-gridsmart.json"), time_zone="America/Edmonton")
    assert [s.title for s in programme.sessions] == ["Opening Keynote", "Build a Game in an Afternoon"]
    keynote = programme.sessions[0]
    # 09:00 in Calgary in November (MST, UTC-7).
    assert keynote.start == utc(2019, 11, 22, 16, 0)
    assert (keynote.room, keynote.track, keynote.kind, keynote.language) == (
        "Main Hall",
        "Keynote",
        "keynote",
        "en",
    )
    assert [(p.name, p.key) for p in keynote.speakers] == [("Amara Example", "0c0c0000-0000-4000-8000-000000000001")]
    assert programme.sessions[1].kind == "workshop"  # "Bootcamp (2 hours)"
    assert programme.rooms == ["Main Hall", "Workshop Room"]


def test_sessionize_sessions_view_and_speakers_enrichment(fixture_bytes: Read) -> None:
    from backchannel.schedules import enrich_speakers, read_speakers

    programme = read_programme(fixture_bytes("sessionize-sessions.json"), time_zone="America/Edmonton")
    (session,) = programme.sessions
    assert session.speakers[0].handles == {}
    speakers = read_speakers(fixture_bytes("sessionize-speakers.json"))
    assert enrich_speakers(programme, speakers) == 1
    assert session.speakers[0].handles == {"x": "@kenji_ex", "bluesky": "@kenji.bsky.social"}


def test_sessionize_speakers_view_alone_is_not_a_programme(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError, match="Speakers view") as caught:
        read_programme(fixture_bytes("sessionize-speakers.json"))
    assert caught.value.details["view"] == "speakers"


def test_dst_gap_and_overlap_in_local_times() -> None:
    doc = {
        "sessions": [
            {
                "id": "1",
                "title": "Before spring change",
                "startsAt": "2023-03-26T00:30:00",
                "endsAt": "2023-03-26T00:50:00",
                "speakers": [],
                "roomId": 1,
            },
            {
                "id": "2",
                "title": "In the gap",
                "startsAt": "2023-03-26T01:30:00",
                "endsAt": "2023-03-26T02:30:00",
                "speakers": [],
                "roomId": 1,
            },
            {
                "id": "3",
                "title": "After spring change",
                "startsAt": "2023-03-26T02:30:00",
                "endsAt": "2023-03-26T03:00:00",
                "speakers": [],
                "roomId": 1,
            },
            {
                "id": "4",
                "title": "Twice in autumn",
                "startsAt": "2023-10-29T01:30:00",
                "endsAt": "2023-10-29T02:30:00",
                "speakers": [],
                "roomId": 1,
            },
        ],
        "speakers": [],
        "rooms": [{"id": 1, "name": "Hall", "sort": 0}],
    }
    programme = read_programme(json.dumps(doc).encode(), time_zone="Europe/London")
    s = by_title(programme)
    assert s["Before spring change"].start == utc(2023, 3, 26, 0, 30)  # GMT
    assert s["After spring change"].start == utc(2023, 3, 26, 1, 30)  # BST
    assert s["Twice in autumn"].start == utc(2023, 10, 29, 0, 30)  # first (BST) occurrence
    text = messages(programme)
    assert "does not exist in Europe/London" in text
    assert "happens twice in Europe/London" in text
    assert_well_formed(programme)


# --- registry-level behaviour -----------------------------------------------------------------


def test_progress_is_reported_and_reaches_total(fosdem_xml: bytes) -> None:
    calls: list[tuple[int, int]] = []
    read_programme(fosdem_xml, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 910) and calls[-1] == (910, 910)
    assert 10 <= len(calls) <= 110  # coarse enough not to flood a UI
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_size_cap() -> None:
    with pytest.raises(ScheduleError, match="MB") as caught:
        read_programme(b" " * (MAX_BYTES + 1))
    assert caught.value.details["limit"] == MAX_BYTES


def test_unknown_time_zone_argument(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError, match="Unknown time zone"):
        read_programme(fixture_bytes("floating.ics"), time_zone="Mars/Olympus")


def test_explicit_format_that_does_not_fit(fixture_bytes: Read) -> None:
    with pytest.raises(ScheduleError):
        read_programme(fixture_bytes("floating.ics"), format="frab-xml")
    with pytest.raises(ScheduleError, match="Unknown programme format"):
        read_programme(fixture_bytes("floating.ics"), format="pdf")


# --- shapes seen in other real exports ---------------------------------------------------


def _ics(*event_lines: str, calendar: str = "") -> bytes:
    body = "\r\n".join(event_lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//RemoteApi//EN\r\n"
        + calendar
        + "BEGIN:VEVENT\r\n"
        + body
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_ical_service_organizer_is_not_a_speaker() -> None:
    """Meetup and Google Calendar put the group or the calendar in ORGANIZER."""
    meetup = _ics(
        "UID:event_123@meetup.com",
        "DTSTART;TZID=America/New_York:20240611T183000",
        "DURATION:PT2H",
        "SUMMARY:Monthly Python Night",
        "ORGANIZER;CN=Meetup Reminder:MAILTO:info@meetup.com",
    )
    (session,) = read_programme(meetup).sessions
    assert session.speakers == []
    assert session.start == utc(2024, 6, 11, 22, 30)  # 18:30 EDT (UTC-4)
    assert session.end == utc(2024, 6, 12, 0, 30)  # DURATION
    person = _ics(
        "UID:x@example.org",
        "DTSTART:20240611T183000Z",
        "DTEND:20240611T190000Z",
        "SUMMARY:Lightning round",
        "ORGANIZER;CN=Ada Lovelace:mailto:ada@example.org",
    )
    assert [p.name for p in read_programme(person).sessions[0].speakers] == ["Ada Lovelace"]


def test_ical_invitation_list_is_not_a_speaker_list() -> None:
    attendees = [
        f"ATTENDEE;CN=Person Number{chr(65 + i)};ROLE=REQ-PARTICIPANT:mailto:p{i}@example.org" for i in range(8)
    ]
    data = _ics(
        "UID:m@example.org", "DTSTART:20240611T090000Z", "DTEND:20240611T100000Z", "SUMMARY:Team sync", *attendees
    )
    assert read_programme(data).sessions[0].speakers == []


def test_ical_recurrence_id_keeps_keys_apart() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        b"X-WR-TIMEZONE:Europe/Paris\r\n"
        b"BEGIN:VEVENT\r\nUID:abc@google.com\r\nDTSTART:20240611T090000\r\nDTEND:20240611T100000\r\n"
        b"RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Daily standup\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:abc@google.com\r\nRECURRENCE-ID:20240612T090000\r\nDTSTART:20240612T110000\r\n"
        b"DTEND:20240612T120000\r\nSUMMARY:Daily standup (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    programme = read_programme(data)
    assert programme.time_zone == "Europe/Paris"
    assert [s.start for s in programme.sessions] == [utc(2024, 6, 11, 7), utc(2024, 6, 12, 9)]  # CEST
    assert programme.sessions[1].key == "abc@google.com#2024-06-12T09:00:00"
    assert "repeats" in messages(programme)
    assert not any("is used by" in w.message for w in programme.warnings)


def test_frab_xml_fosdem_style_html_abstract_and_tracks(fixture_bytes: Read) -> None:
    data = (
        fixture_bytes("frab-night.xml")
        .replace(
            b"<abstract>Welcome to the tiny congress.</abstract>",
            b"<abstract>&lt;p&gt;Welcome to the &lt;em&gt;tiny&lt;/em&gt; congress &amp;amp; friends.&lt;/p&gt;"
            b"&lt;p&gt;Second paragraph.&lt;/p&gt;</abstract>",
        )
        .replace(
            b"</conference>",
            b"<day_change>09:00:00</day_change></conference>\n<tracks><track slug='ccc'>CCC</track></tracks>",
        )
    )
    opening = by_title(read_programme(data))["Opening & Welcome"]
    assert opening.abstract == "Welcome to the tiny congress & friends.\n\nSecond paragraph."
    assert opening.track == "CCC"


@pytest.mark.parametrize(
    "name",
    [
        "floating.ics",
        "pretalx.ics",
        "frab-night.xml",
        "frab-v1.json",
        "frab-v2.json",
        "sessionize-all.json",
        "sessionize-gridsmart.json",
    ],
)
def test_truncated_files_never_crash(fixture_bytes: Read, name: str) -> None:
    """Cut anywhere: either what survives is imported, or a ScheduleError explains why not."""
    data = fixture_bytes(name)
    for cut in range(0, len(data), max(1, len(data) // 40)):
        try:
            assert_well_formed(read_programme(data[:cut], time_zone="Europe/Berlin"))
        except ScheduleError as exc:
            assert exc.message


def test_file_zone_wins_over_a_contradicting_caller_zone(fixture_bytes: Read) -> None:
    programme = read_programme(fixture_bytes("frab-night.xml"), time_zone="America/New_York")
    assert programme.time_zone == "Europe/Berlin"
    assert by_title(programme)["Night Owls"].start == utc(2014, 12, 27, 22, 30)  # still 23:30 CET
    assert "the caller said America/New_York" in messages(programme)
