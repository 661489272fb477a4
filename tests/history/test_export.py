"""The write-up export: structure per session, escaping per format, thank-you drafts that pass the checker."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from backchannel.checker import check_draft
from backchannel.coach.record import record, request_hash
from backchannel.context import SpeakerInfo
from backchannel.history.model import PostIn
from backchannel.review.export import csv_cell, md_text, render_export
from backchannel.review.writeup import build_writeup, thank_you_drafts
from backchannel.rules import Level
from backchannel.store import Store
from tests.history.support import session_id

UTC = timezone.utc
XSS = '<script>alert(1)</script> [click](javascript:alert(2)) =HYPERLINK("http://evil")'


def _record(store: Store, text: str, minute: int, **extra: object) -> None:
    at = datetime(2013, 1, 30, 10, minute, tzinfo=UTC)
    post = PostIn(platform="x", text=text, posted_at=at, client_id=f"00000000-0000-4000-8000-0000000000{minute:02d}", **extra)  # type: ignore[arg-type]
    record(store, post, request_hash({"m": minute}))


@pytest.fixture
def posted(store: Store) -> Store:
    _record(store, "Now at #LT13 #LT13A1: “Learning in the flow of work” https://example.com/slides", 5,
            entities={"hashtags": ["LT13"],
                      "urls": [{"url": "https://example.com/slides", "expanded": "https://example.com/slides", "display": "example.com/slides"}]})
    _record(store, XSS, 10)
    _record(store, "=1+1 after the break #LT13", 40, event="lt13", session=session_id(store, "Games for learning"))
    return store


def test_writeup_groups_by_session_in_programme_order(posted: Store) -> None:
    writeup = build_writeup(posted, "lt13")
    titles = [g.session.title if g.session else None for g in writeup.groups]
    assert titles == ["Learning in the flow of work", "Games for learning"]
    assert [len(g.posts) for g in writeup.groups] == [2, 1]
    assert writeup.groups[0].links == ("https://example.com/slides",)


def test_thank_you_drafts_name_the_covered_speakers_and_pass_the_checker(posted: Store) -> None:
    writeup = build_writeup(posted, "lt13")
    assert writeup.thanks == ("Thank you @priyaraman and @jobloggs for your talks at Learning Technologies 2013! #LT13",)
    event = posted.events.get_event("lt13").info()
    for draft in writeup.thanks:
        tips = check_draft(draft, event=event).tips
        assert not [t for t in tips if t.level in (Level.ERROR, Level.WARNING)], tips


def test_many_speakers_are_split_into_drafts_within_the_limit(store: Store) -> None:
    speakers = [SpeakerInfo(f"Speaker {i}", {"x": f"@speaker_with_long_handle_{i}"}) for i in range(20)]
    drafts = thank_you_drafts(store.events.get_event("lt13"), speakers, "x", 280)
    assert len(drafts) > 1
    event = store.events.get_event("lt13").info()
    for draft in drafts:
        result = check_draft(draft, event=event)
        assert not result.has_error and result.length.valid
        assert "#LT13" in draft
    assert sum(d.count("@speaker_with_long_handle_") for d in drafts) == 20


def test_markdown_escapes_post_text(posted: Store) -> None:
    text = render_export(build_writeup(posted, "lt13"), "md")
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "\\[click\\](javascript:" in text  # escaped brackets: text, not a link
    assert "## Learning in the flow of work" in text
    assert "- <https://example.com/slides>" in text
    assert "## Thank-you drafts" in text


def test_md_text_round_trips_as_plain_text() -> None:
    assert md_text("#1 *bold* [x](y) <b>&") == "\\#1 \\*bold\\* \\[x\\](y) &lt;b&gt;&amp;"


def test_html_export_escapes_and_links_only_http(posted: Store) -> None:
    page = render_export(build_writeup(posted, "lt13"), "html")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert '<a href="https://example.com/slides" rel="noopener noreferrer">' in page


def test_csv_neutralises_formulas(posted: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(render_export(build_writeup(posted, "lt13"), "csv"))))
    assert [r["session"] for r in rows] == ["Learning in the flow of work"] * 2 + ["Games for learning"]
    assert rows[2]["text"] == "'=1+1 after the break #LT13"
    assert csv_cell("@reply") == "'@reply" and csv_cell("plain") == "plain"


def test_json_export_is_the_structure(posted: Store) -> None:
    data = json.loads(render_export(build_writeup(posted, "lt13"), "json"))
    assert data["event"]["slug"] == "lt13"
    assert [len(s["threads"]) for s in data["sessions"]] == [2, 1]
    assert data["sessions"][0]["threads"][0][0]["links"] == ["https://example.com/slides"]


def test_cli_export_and_history(posted: Store, tmp_path: Path) -> None:
    from backchannel.cli import main

    data_dir = posted.db.path.parent
    output = tmp_path / "out" / "lt13.md"
    output.parent.mkdir()
    assert main(["--data-dir", str(data_dir), "export", "--event", "lt13", "--format", "md", "--output", str(output)]) == 0
    assert "## Games for learning" in output.read_text()
    assert main(["--data-dir", str(data_dir), "export", "--event", "nope"]) == 2
    assert main(["--data-dir", str(data_dir), "history", "--event", "lt13", "--search", "break"]) == 0


def test_no_posts_means_no_thank_you_drafts(store: Store) -> None:
    assert build_writeup(store, "lt13").thanks == ()


def test_the_archive_owner_is_never_thanked(store: Store) -> None:
    # Priya posted from her own session: her archive names her, and she does not thank herself.
    store.history.add_own_handle("x", "PriyaRaman")
    _record(store, "Now at #LT13 #LT13A1: “Learning in the flow of work”", 5)
    assert build_writeup(store, "lt13").thanks == ()
    _record(store, "Games! #LT13 #LT13B2", 6)
    assert build_writeup(store, "lt13").thanks == ("Thank you @jobloggs for your talk at Learning Technologies 2013! #LT13",)
