"""Programmes that ask for a session not to be recorded keep saying so after reading.

frab XML writes ``<recording><optout>true</optout></recording>``; frab and pretalx
JSON write ``"do_not_record": true``. The small fixtures are changed in memory for
one session; the real 31C3 and rC3 files are in tests/rules/test_guide_rules.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backchannel.schedules import read_programme

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _first_event_json(doc: Any) -> dict[str, Any]:
    schedule = doc["schedule"]
    if "events" in schedule:  # version 2
        return schedule["events"][0]  # type: ignore[no-any-return]
    for day in schedule["conference"]["days"]:
        for events in day["rooms"].values():
            if events:
                return events[0]  # type: ignore[no-any-return]
    raise AssertionError("no event in the fixture")


def test_frab_xml_optout_is_kept_on_the_one_session() -> None:
    data = (FIXTURES / "frab-night.xml").read_text(encoding="utf-8")
    plain = read_programme(data.encode(), filename="frab-night.xml")
    assert not any(s.do_not_record for s in plain.sessions)
    head, sep, rest = data.partition("<event guid='7a0c6d3e-0000-4000-8000-000000000001' id='4101'>")
    opted = read_programme((head + sep + "<recording><license/><optout>true</optout></recording>" + rest).encode(), filename="frab-night.xml")
    assert [s.key for s in opted.sessions if s.do_not_record] == [s.key for s in opted.sessions if "000000000001" in s.key]
    not_opted = read_programme((head + sep + "<recording><optout>false</optout></recording>" + rest).encode(), filename="frab-night.xml")
    assert not any(s.do_not_record for s in not_opted.sessions)


@pytest.mark.parametrize("name", ["frab-v1.json", "frab-v2.json"])
@pytest.mark.parametrize("flag", [True, "true", 1])
def test_frab_and_pretalx_json_do_not_record_is_kept(name: str, flag: object) -> None:
    doc = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert not any(s.do_not_record for s in read_programme(json.dumps(doc).encode(), filename=name).sessions)
    first = _first_event_json(doc)
    first["do_not_record"] = flag
    sessions = read_programme(json.dumps(doc).encode(), filename=name).sessions
    flagged = [s for s in sessions if s.do_not_record]
    assert len(flagged) == 1 and flagged[0].title == (first["title"] if isinstance(first["title"], str) else flagged[0].title)
    first["do_not_record"] = False
    assert not any(s.do_not_record for s in read_programme(json.dumps(doc).encode(), filename=name).sessions)
