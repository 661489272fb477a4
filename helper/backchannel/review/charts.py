"""Charts as numbers for the templates to draw as inline SVG (no script needed).

Each function returns a ``Chart``: the SVG's size and its bars in SVG units,
with a label and a value; the template draws them with presentation
attributes only (the page's CSP forbids inline styles), and escapes every
label, since session titles come from programme files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Sequence
from zoneinfo import ZoneInfo

from backchannel.history.model import Post

ROW = 22  # height of one bar row in a horizontal chart
LABEL_WIDTH = 260
PLOT_WIDTH = 420
COLUMN_HEIGHT = 140
MAX_HOURS = 72
MAX_COLUMNS = 400  # bins drawn at most (a year and more of days)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    kind: str = "main"  # CSS class: main, heeded, missed


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: float
    height: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...] = ()
    labels: tuple[Tick, ...] = ()  # row labels of a horizontal chart
    legend: tuple[tuple[str, str], ...] = field(default=())  # (kind, text)

    @property
    def empty(self) -> bool:
        return not any(b.value for b in self.bars)


def horizontal(title: str, rows: Sequence[tuple[str, int]]) -> Chart:
    """One bar per row (e.g. posts per session), longest row at full width."""
    top = max((v for _, v in rows), default=0) or 1
    bars, labels = [], []
    for i, (label, value) in enumerate(rows):
        y = i * ROW
        bars.append(Bar(LABEL_WIDTH, y + 3, max(PLOT_WIDTH * value / top, 0), ROW - 6, label, value))
        labels.append(Tick(LABEL_WIDTH - 8, y + ROW / 2 + 4, _short(label, 38)))
    return Chart(title, LABEL_WIDTH + PLOT_WIDTH + 40, max(len(rows), 1) * ROW, tuple(bars), labels=tuple(labels))


def _bins(moments: Iterable[datetime], zone: ZoneInfo) -> tuple[datetime, int, timedelta] | None:
    """Hours for an event of up to three days, days for anything longer (a month of posts, an archive)."""
    local = [m.astimezone(zone) for m in moments]
    if not local:
        return None
    first, last = min(local), max(local)
    if last - first <= timedelta(hours=MAX_HOURS):
        step = timedelta(hours=1)
        first = first.replace(minute=0, second=0, microsecond=0)
    else:
        step = timedelta(days=1)
        first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    count = min(int((last - first) / step) + 1, MAX_COLUMNS)
    return first, count, step


def _index(moment: datetime, first: datetime, step: timedelta, zone: ZoneInfo) -> int:
    return int((moment.astimezone(zone) - first) / step)


def per_hour(title: str, posts: Sequence[Post], zone: ZoneInfo) -> Chart:
    """Posts per hour across the event (per day when it spans more than three days), in its time zone."""
    bins = _bins((p.posted_at for p in posts), zone)
    if bins is None:
        return Chart(title, PLOT_WIDTH, COLUMN_HEIGHT, ())
    first, count, step = bins
    counts = Counter(_index(p.posted_at, first, step, zone) for p in posts)
    title = title if step == timedelta(hours=1) else title.replace("per hour", "per day")
    return _columns(title, first, step, [[(counts.get(i, 0), "main")] for i in range(count)])


def tips_over_time(title: str, posts: Sequence[Post], zone: ZoneInfo) -> Chart:
    """Per hour (or day): tips the user followed (heeded) on top of those they posted with anyway."""
    with_tips = [p for p in posts if p.tips]
    bins = _bins((p.posted_at for p in with_tips), zone)
    if bins is None:
        return Chart(title, PLOT_WIDTH, COLUMN_HEIGHT, ())
    first, count, step = bins
    heeded: Counter[int] = Counter()
    missed: Counter[int] = Counter()
    for p in with_tips:
        index = _index(p.posted_at, first, step, zone)
        for tip in p.tips:
            (heeded if tip.get("heeded") else missed)[index] += 1
    chart = _columns(title, first, step, [[(heeded.get(i, 0), "heeded"), (missed.get(i, 0), "missed")] for i in range(count)])
    return Chart(chart.title, chart.width, chart.height, chart.bars, chart.ticks, legend=(("heeded", "followed"), ("missed", "posted anyway")))


def _columns(title: str, first: datetime, step: timedelta, stacks: list[list[tuple[int, str]]]) -> Chart:
    count = len(stacks)
    top = max((sum(v for v, _ in stack) for stack in stacks), default=0) or 1
    width_each = max(PLOT_WIDTH / max(count, 1), 4)
    hourly = step == timedelta(hours=1)
    bars, ticks = [], []
    label_every = max(1, round(count / 8))
    for i, stack in enumerate(stacks):
        moment = first + step * i
        label = moment.strftime("%a %H:00") if hourly else moment.strftime("%a %d %b")
        base = float(COLUMN_HEIGHT)
        for value, kind in stack:
            height = COLUMN_HEIGHT * value / top
            base -= height
            bars.append(Bar(i * width_each + 1, base, max(width_each - 2, 1), height, label, value, kind))
        if i % label_every == 0:
            short = (moment.strftime("%H:00") if i and moment.hour else moment.strftime("%a %H:00")) if hourly else moment.strftime("%d %b")
            ticks.append(Tick(i * width_each, COLUMN_HEIGHT + 14, short))
    return Chart(title, width_each * count + 40, COLUMN_HEIGHT + 20, tuple(bars), tuple(ticks))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
