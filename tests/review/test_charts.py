"""The review page's charts: every bar carries its value, there are axes, and no two labels overlap."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backchannel.history.model import Post
from backchannel.review import charts

UTC = timezone.utc


def _posts(moments: list[datetime], tips: bool = False) -> list[Post]:
    out = []
    for i, moment in enumerate(moments):
        out.append(Post(
            id=i + 1, client_id=None, source="archive", platform="x", remote_id=str(i), url=None, text="t", posted_at=moment,
            event=None, session_id=None, reply_to_remote_id=None, reply_to_user=None, thread_of_client_id=None,
            parent_id=None, thread_id=None, is_retweet=False, lang=None, latitude=None, longitude=None, entities={},
            tips=({"code": "CTX001", "heeded": i % 2 == 0},) if tips else (), recorded_at="", media=(),
        ))
    return out


def _conference(days: int, per_hour: int) -> list[datetime]:
    start = datetime(2014, 12, 27, 8, 5, tzinfo=UTC)
    return [start + timedelta(days=d, hours=h, seconds=m * 3000 // per_hour) for d in range(days) for h in range(11) for m in range(per_hour)]


@pytest.mark.parametrize(("days", "per_hour"), [(1, 1), (3, 4), (3, 55), (1, 250)])
def test_posts_per_hour_has_a_panel_per_day_with_values_and_nothing_overlaps(days: int, per_hour: int) -> None:
    chart = charts.per_hour("Posts per hour", _posts(_conference(days, per_hour)), ZoneInfo("Europe/Berlin"))
    assert [t.label for t in chart.texts if t.kind == "day"] == [f"{d} Dec" for d in ("Sat 27", "Sun 28", "Mon 29")][:days]
    values = [t for t in chart.texts if t.kind == "value"]
    assert len(values) == 11 * days and {v.label for v in values} == {str(per_hour)}
    assert any(line.kind == "axis" for line in chart.lines) and any(t.kind == "tick" and t.anchor == "end" for t in chart.texts)
    assert charts.overlaps(chart) == []
    assert all(0 <= t.box[0] and t.box[2] <= chart.width + 0.5 for t in chart.texts), "every label inside the chart"


def test_a_long_history_is_drawn_per_day_and_labels_thin_out_instead_of_overlapping() -> None:
    moments = [datetime(2020, 1, 1, 12, tzinfo=UTC) + timedelta(days=d) for d in range(0, 300, 2)]
    chart = charts.per_hour("Posts per hour", _posts(moments), ZoneInfo("UTC"))
    assert chart.title == "Posts per day"
    assert charts.overlaps(chart) == []
    assert 3 <= len([t for t in chart.texts if t.kind == "tick" and t.anchor == "middle"]) < 300


def test_horizontal_bars_show_their_values_with_a_scale_and_long_titles_are_shortened() -> None:
    rows = [("A session with a remarkably long title that goes on and on about many things indeed", 120), ("Short", 3), ("Zero", 0)]
    chart = charts.horizontal("Posts per session", rows)
    assert [t.label for t in chart.texts if t.kind == "value"] == ["120", "3", "0"]
    labels = [t.label for t in chart.texts if t.kind == "label"]
    assert labels[0].endswith("…") and labels[1:] == ["Short", "Zero"]
    assert [t.label for t in chart.texts if t.kind == "tick"] == ["0", "50", "100", "150"]
    assert charts.overlaps(chart) == []
    assert "Short: 3 posts" in chart.summary


def test_tips_are_stacked_with_a_legend() -> None:
    chart = charts.tips_over_time("Tips", _posts(_conference(1, 2), tips=True), ZoneInfo("UTC"))
    assert {b.kind for b in chart.bars if b.value} == {"heeded", "missed"}
    assert chart.legend and charts.overlaps(chart) == []


def test_nice_ticks() -> None:
    assert charts.nice_ticks(0) == [0, 1]
    assert charts.nice_ticks(7, 5) == [0, 2, 4, 6, 8]
    assert charts.nice_ticks(1147, 4) == [0, 500, 1000, 1500]
