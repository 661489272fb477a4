"""Importing a FOSDEM-size programme (910 talks, 35 rooms): read + store, vs parsing the XML alone."""

from __future__ import annotations

import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from bench.report import Row, median
from tests.support.programmes import fosdem_like_xml

RUNS = 7


def run() -> list[Row]:
    from backchannel.coach.programme import import_file
    from backchannel.schedules import read_programme
    from backchannel.store import Store

    data = fosdem_like_xml()
    read_times, import_times, floor_times = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            start = time.perf_counter()
            ET.fromstring(data)
            floor_times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            read_programme(data)
            read_times.append((time.perf_counter() - start) * 1000)
            store = Store(Path(tmp) / f"db{i}.sqlite3")
            store.events.create_event("fosdem", "FOSDEM", hashtag="FOSDEM", time_zone="Europe/Brussels")
            start = time.perf_counter()
            import_file(store, "fosdem", data)
            import_times.append((time.perf_counter() - start) * 1000)
            store.close()
    return [
        Row("programme", "FOSDEM-size import (read + store, 910 talks)", "ms", median(import_times), median(floor_times), "ElementTree parse only",
            "well under 1 s", median(import_times) < 1000, f"reading alone: {median(read_times):.0f} ms"),
    ]
