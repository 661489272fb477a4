"""Charts drawn on the server as inline SVG: bars with their values, axes, labels that never overlap.

Each function returns a ``Chart``: every bar, text and line in SVG units,
already placed; the template only draws them, with presentation attributes
(the page's CSP forbids inline styles) and escaping every label, since
session titles come from programme files.

The SVG has a fixed coordinate width (``WIDTH``) and scales to the page, so
its text is sized for that scale: about three quarters of it on a phone
(13 units become 10 pixels), a little over full size on a desktop. Labels are placed from an estimate of their
width (``text_width``) so that none overlaps another; the browser test
measures the real boxes at desktop and phone widths.

Posts per hour are drawn as one panel per day (from the day's first posting
hour to its last), so an hour's column is wide enough to carry its number;
anything longer than three days is drawn per day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Sequence
from zoneinfo import ZoneInfo

from backchannel.history.model import Post

WIDTH = 400.0
FONT = 15.0  # the labels' size in SVG units; values and ticks use VALUE_FONT
VALUE_FONT = 13.0
BAR = 16.0  # a horizontal bar's thickness
ROW = FONT + 6 + BAR + 12  # label line, bar, gap
AXIS_LEFT = 36.0  # room for the value axis' numbers in a column chart
PLOT_HEIGHT = 120.0
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
class Text:
    x: float
    y: float
    label: str
    kind: str = "tick"  # CSS class: label, value, tick, day
    anchor: str = "start"  # SVG text-anchor: start, middle, end

    @property
    def size(self) -> float:
        return FONT if self.kind in ("label", "day") else VALUE_FONT

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The estimated box (left, top, right, bottom) the text covers."""
        width = text_width(self.label, self.size)
        left = self.x - (width if self.anchor == "end" else width / 2 if self.anchor == "middle" else 0)
        return left, self.y - self.size, left + width, self.y + self.size * 0.25


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str = "axis"  # CSS class: axis, grid


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: float
    height: float
    bars: tuple[Bar, ...]
    texts: tuple[Text, ...] = ()
    lines: tuple[Line, ...] = ()
    legend: tuple[tuple[str, str], ...] = field(default=())  # (kind, text)
    summary: str = ""  # the chart in one sentence, for screen readers and as its description

    @property
    def empty(self) -> bool:
        return not any(b.value for b in self.bars)


def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width in a sans-serif face: wide enough that estimates never overlap."""
    return sum(size * (0.35 if c in "il.:,;'|1 " else 0.9 if c.isupper() or c in "mwMW@%…" else 0.62) for c in text)


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """0 and round steps up to at least ``top`` (1, 2, 5, 10, 20, 50…), at most ``most`` of them."""
    if top <= 0:
        return [0, 1]
    for magnitude in (10**k for k in range(0, 12)):
        for base in (1, 2, 5):
            step = base * magnitude
            if math.ceil(top / step) + 1 <= most:
                return [step * i for i in range(math.ceil(top / step) + 1)]
    return [0, top]


def horizontal(title: str, rows: Sequence[tuple[str, int]], *, unit: str = "posts") -> Chart:
    """One bar per row (e.g. posts per session), the label above its bar and the value at its end, with a scale below."""
    top = max((v for _, v in rows), default=0)
    ticks = nice_ticks(top, 4)
    scale_top = ticks[-1] or 1
    value_room = text_width(str(top), VALUE_FONT) + 8
    plot = WIDTH - value_room - 4
    bars: list[Bar] = []
    texts: list[Text] = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW
        texts.append(Text(0, y + FONT, _fit(label, plot + value_room, FONT), "label"))
        length = plot * value / scale_top
        bars.append(Bar(0, y + FONT + 6, length, BAR, label, value))
        texts.append(Text(length + 6, y + FONT + 6 + BAR - 3, str(value), "value"))
    base = max(len(rows), 1) * ROW
    lines = [Line(0, 0, 0, base), Line(0, base, plot, base)]
    for tick in ticks:
        x = plot * tick / scale_top
        lines.append(Line(x, base, x, base + 4))
        texts.append(Text(x, base + 4 + VALUE_FONT + 2, str(tick), "tick", "middle" if tick else "start"))
    summary = "; ".join(f"{label}: {value} {unit}" for label, value in rows)
    return Chart(title, WIDTH, base + VALUE_FONT + 10, tuple(bars), tuple(texts), tuple(lines), summary=summary)


Stack = list[tuple[int, str]]  # (value, kind), bottom first
StackOf = Callable[[list[datetime]], list[Stack]]  # the moments in one column -> its stack


def per_hour(title: str, posts: Sequence[Post], zone: ZoneInfo) -> Chart:
    """Posts per hour across the event (per day when it spans more than three days), in its time zone."""
    moments = [p.posted_at for p in posts]
    return _time_chart(title, moments, lambda moments_in: [[(len(moments_in), "main")]], zone, unit="posts")


def tips_over_time(title: str, posts: Sequence[Post], zone: ZoneInfo) -> Chart:
    """Per hour (or day): tips the user followed (heeded) on top of those they posted with anyway."""
    with_tips = [p for p in posts if p.tips]
    by_moment: dict[datetime, list[Post]] = {}
    for p in with_tips:
        by_moment.setdefault(p.posted_at, []).append(p)

    def stack(moments_in: list[datetime]) -> list[Stack]:
        heeded = missed = 0
        for moment in moments_in:
            for p in by_moment[moment]:
                for tip in p.tips:
                    if tip.get("heeded"):
                        heeded += 1
                    else:
                        missed += 1
        return [[(heeded, "heeded"), (missed, "missed")]]

    unique = sorted(by_moment)
    chart = _time_chart(title, unique, stack, zone, unit="tips")
    return Chart(
        chart.title, chart.width, chart.height, chart.bars, chart.texts, chart.lines,
        legend=(("heeded", "followed"), ("missed", "posted anyway")), summary=chart.summary,
    )


def _time_chart(title: str, moments: list[datetime], stack_of: StackOf, zone: ZoneInfo, *, unit: str) -> Chart:
    local = sorted(m.astimezone(zone) for m in moments)
    if not local:
        return Chart(title, WIDTH, PLOT_HEIGHT, ())
    if local[-1] - local[0] <= timedelta(hours=MAX_HOURS):
        # One panel per day, from its first posting hour to its last: columns wide enough for their numbers.
        days: dict[date, list[datetime]] = {}
        for m in local:
            days.setdefault(m.date(), []).append(m)
        panels = []
        for day, ms in days.items():
            first = ms[0].replace(minute=0, second=0, microsecond=0)
            hours = int((ms[-1] - first) / timedelta(hours=1)) + 1
            groups: dict[int, list[datetime]] = {}
            for m in ms:
                groups.setdefault(int((m - first) / timedelta(hours=1)), []).append(m)
            columns = [(f"{(first + timedelta(hours=i)):%H}", stack_of(groups.get(i, []))[0] if i in groups else []) for i in range(hours)]
            panels.append((f"{day:%a %d %b}", columns))
        return _panels(title, panels, unit, hourly=True)
    first = local[0].replace(hour=0, minute=0, second=0, microsecond=0)
    count = min(int((local[-1] - first) / timedelta(days=1)) + 1, MAX_COLUMNS)
    groups = {}
    for m in local:
        index = int((m - first) / timedelta(days=1))
        if index < count:
            groups.setdefault(index, []).append(m)
    columns = [(f"{(first + timedelta(days=i)):%d %b}", stack_of(groups[i])[0] if i in groups else []) for i in range(count)]
    return _panels(title.replace("per hour", "per day"), [("", columns)], unit, hourly=False)


def _panels(title: str, panels: list[tuple[str, list[tuple[str, Stack]]]], unit: str, *, hourly: bool) -> Chart:
    """Panels of columns, one above the other, sharing one value axis: (heading, [(column label, stack)])."""
    top = max((sum(v for v, _ in stack) for _, columns in panels for _, stack in columns), default=0)
    ticks = nice_ticks(top, 4)
    scale_top = ticks[-1] or 1
    plot_width = WIDTH - AXIS_LEFT - 4
    bars: list[Bar] = []
    texts: list[Text] = []
    lines: list[Line] = []
    summary: list[str] = []
    y0 = 0.0
    for heading, columns in panels:
        if heading:
            texts.append(Text(0, y0 + FONT, heading, "day"))
            y0 += FONT + 6
        y0 += VALUE_FONT + 6  # headroom for the tallest column's value
        base = y0 + PLOT_HEIGHT
        # The value axis: round numbers, with light grid lines across the plot.
        for tick in ticks:
            y = base - PLOT_HEIGHT * tick / scale_top
            lines.append(Line(AXIS_LEFT, y, AXIS_LEFT + plot_width, y, "grid" if tick else "axis"))
            texts.append(Text(AXIS_LEFT - 6, y + VALUE_FONT / 3, str(tick), "tick", "end"))
        lines.append(Line(AXIS_LEFT, y0, AXIS_LEFT, base))
        each = plot_width / max(len(columns), 1)
        widest_value = text_width(str(top), VALUE_FONT)
        show_values = each >= widest_value + 2
        label_every = _every(each, max((text_width(label, VALUE_FONT) for label, _ in columns), default=0) + 6)
        for i, (label, stack) in enumerate(columns):
            x = AXIS_LEFT + i * each
            top_y = base
            total = 0
            for value, kind in stack:
                height = PLOT_HEIGHT * value / scale_top
                top_y -= height
                total += value
                bars.append(Bar(x + 1, top_y, max(each - 2, 1), height, f"{heading} {label}:00".strip() if hourly else label, value, kind))
            if total and show_values:
                texts.append(Text(x + each / 2, top_y - 3, str(total), "value", "middle"))
            if total:
                summary.append(f"{heading} {label}{':00' if hourly else ''}: {total}".strip())
            if i % label_every == 0:
                # Below the value axis' "0" (which ends a few units under the baseline), never beside it.
                texts.append(Text(x + each / 2, base + VALUE_FONT + 9, label, "tick", "middle"))
        y0 = base + VALUE_FONT + 18
    return Chart(title, WIDTH, y0, tuple(bars), tuple(texts), tuple(lines), summary=f"{unit} — " + "; ".join(summary))


def _every(each: float, label_width: float) -> int:
    """Label every n-th column so that labels of ``label_width`` never touch."""
    return max(1, math.ceil(label_width / each)) if each > 0 else 1


def _fit(text: str, width: float, size: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` at ``size``."""
    if text_width(text, size) <= width:
        return text
    out = text
    while out and text_width(out + "…", size) > width:
        out = out[:-1]
    return out.rstrip() + "…"


def overlaps(chart: Chart) -> list[tuple[str, str]]:
    """Pairs of texts whose estimated boxes overlap: none, by construction (the tests hold it to that)."""
    found = []
    boxes = [(t, t.box) for t in chart.texts]
    for i, (a, (l1, t1, r1, b1)) in enumerate(boxes):
        for b, (l2, t2, r2, b2) in boxes[i + 1 :]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                found.append((a.label, b.label))
    return found

