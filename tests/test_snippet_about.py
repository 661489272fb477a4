"""The session-opening snippet carries one line of what the session is about, from the programme's abstract."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backchannel.compose.snippets import about_line, session_snippet
from backchannel.rules.examples import EXAMPLE_EVENT, EXAMPLE_SESSION
from backchannel.schedules import read_programme
from backchannel.text import weighted_length


def test_the_first_sentence_of_the_abstract_without_markup() -> None:
    assert about_line("Why **courses** fail. And what to do instead.") == "Why courses fail."
    assert about_line("See [the paper](https://example.org) for more") == "See the paper for more"
    assert about_line("   ") is None and about_line(None) is None
    long = about_line("word " * 60)
    assert long is not None and long.endswith("…") and len(long) <= 100 and "  " not in long


def test_the_snippet_adds_the_line_when_it_fits_and_drops_it_when_not() -> None:
    session = replace(EXAMPLE_SESSION, about="How teams learn while they work, and why courses miss it.")
    snippet = session_snippet(EXAMPLE_EVENT, session, "x", 280)
    assert snippet == "#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman\nHow teams learn while they work, and why courses miss it."
    tight = session_snippet(EXAMPLE_EVENT, session, "x", 120)
    assert tight == session_snippet(EXAMPLE_EVENT, EXAMPLE_SESSION, "x", 120)


@pytest.mark.shared_data
def test_real_31c3_abstracts_give_a_short_line_within_half_the_limit(shared_data: Path) -> None:
    programme = read_programme((shared_data / "schedules/frab-xml/31c3_schedule.xml").read_bytes(), filename="31c3_schedule.xml")
    lines = [about_line(s.abstract) for s in programme.sessions if s.abstract]
    assert len(lines) > 100 and all(line and len(line) <= 100 for line in lines)
    event = replace(EXAMPLE_EVENT, hashtags=("31C3",))
    for session in programme.sessions[:40]:
        info = replace(EXAMPLE_SESSION, title=session.title, tag=None, speakers=(), about=about_line(session.abstract))
        assert weighted_length(session_snippet(event, info, "x", 280), "x") <= 140
