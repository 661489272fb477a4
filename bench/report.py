"""Rows, the printed table and the JSON file every benchmark section shares."""

from __future__ import annotations

import json
import platform
import statistics
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

RESULTS = Path(__file__).resolve().parent / "results"
# What the table says for a row measured for scale only (a peer's number, a memory figure): every row names its target.
NO_TARGET = "none (for scale)"


@dataclass
class Row:
    section: str
    name: str
    unit: str
    ours: float
    peer: float | None = None
    peer_name: str | None = None
    target: str | None = None
    met: bool | None = None
    note: str | None = None


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.4f}"


def print_table(rows: list[Row]) -> None:
    headers = ("section", "measure", "ours", "peer", "peer is", "unit", "target", "met")
    table = [
        (r.section, r.name, _fmt(r.ours), _fmt(r.peer), r.peer_name or "", r.unit, r.target or NO_TARGET, "" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("-" * len(line))
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


def write_json(rows: list[Row], name: str = "bench.json") -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    payload = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": __import__("os").cpu_count()},
        "rows": [asdict(r) for r in rows],
    }
    path.write_text(json.dumps(payload, indent=2))
    return path
