"""Hostile values for the property suite: numbers past every limit, dates off the calendar, deep nesting, odd encodings."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

# Integers around every boundary that bites: 32/64-bit, SQLite's, Python's 4,300-digit parsing limit.
BOUNDARY_INTS = [0, -1, 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**20]
longest = st.builds(lambda sign: sign * 10**4299, st.sampled_from([1, -1]))  # 4,300 digits: the most Python's parser reads
integers = st.sampled_from(BOUNDARY_INTS) | longest | st.integers() | st.integers(min_value=-(2**80), max_value=2**80)
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0])

offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
datetimes_any = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
edge_datetimes = st.sampled_from(
    ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59", "0001-01-01T00:00:00", "9999-12-31", "0001-01-01",
     "2013-01-30T10:00:00Z", "2013-01-30T10:00", "2013-02-29T10:00", "2013-01-30T25:00", "+002013-01-30", "2013-W05-3", "2013-01-30T10:00:00.123456789Z"]
)


def _iso(moment: datetime, zone: timezone | None, with_zone: bool) -> str:
    return (moment.replace(tzinfo=zone) if with_zone and zone else moment).isoformat()


date_strings = edge_datetimes | st.builds(_iso, datetimes_any, offsets, st.booleans()) | st.dates().map(str)
texts = st.text(max_size=60) | st.sampled_from(["", " ", "²", "٣", "1_000", "1e5", "-0", "\u202e", "\x00", "NaN", "Infinity", "null", "../..", "%00"])
scalars = st.none() | st.booleans() | integers | floats | texts | date_strings
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=12,
)


def deep(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


def dumps(value: Any) -> str:
    """JSON text, with integers over Python's digit limit written out by hand."""
    try:
        return json.dumps(value, allow_nan=True)
    except ValueError:
        return "1" * 5000


raw_json = st.one_of(
    json_values.map(dumps),
    st.integers(min_value=1, max_value=6000).map(deep),
    st.integers(min_value=1, max_value=6000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(min_value=4290, max_value=6000).map(lambda n: '{"text": "a", "session": ' + "7" * n + "}"),
    st.sampled_from(["", " ", "{", "[1,]", '{"a":1}{', "\ufeff{}", "NaN", '{"text": "\\ud800"}', "1e999999"]),
)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "utf-7", "latin-1", "cp1252", "cp500", "shift_jis", "gb18030"])


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def shaped(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A JSON object with the model's own field names (so validation gets past the names) and hostile values."""
    return st.dictionaries(st.sampled_from(fields) | texts, json_values, max_size=len(fields) + 2)
