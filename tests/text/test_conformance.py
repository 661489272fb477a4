"""twitter-text's official conformance suite, one test per case.

The YAML files are read where they live (``shared/data`` beside the checkout,
via the ``shared_data`` fixture) and never copied into the project. Cases are
enumerated at collection time from the same location so each gets its own
test id; without the data, one placeholder per section skips cleanly.

Index units: the suite's ranges and indices are UTF-16 code units (the
160-emoji case ends at 319, not 159), as twitter-text's JavaScript and Java
report them. Our API returns code point indices, so this module converts them
to UTF-16 before comparing. The extract sections contain no astral
characters before an entity, so there the conversion changes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backchannel.text import (
    V2,
    V3,
    Entity,
    cashtag_entities,
    extract_reply,
    hashtag_entities,
    mention_entities,
    parse_tweet,
    url_entities,
)

# Mirrors tests/conftest.py; only used to enumerate cases at collection time.
_COLLECTION_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
_CONFORMANCE = Path("twitter-text") / "conformance"

VALIDATE_SECTIONS = {
    "WeightedTweetsCounterTest": V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3,
    "UnicodeDirectionalMarkerCounterTest": V3,
}
EXTRACT_SECTIONS = (
    "mentions",
    "mentions_with_indices",
    "mentions_or_lists_with_indices",
    "replies",
    "urls",
    "urls_with_indices",
    "urls_with_directional_markers",
    "tco_urls_with_params",
    "hashtags",
    "hashtags_from_astral",
    "hashtags_with_indices",
    "cashtags",
    "cashtags_with_indices",
)


@functools.cache
def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["tests"]


def _case_ids(filename: str, sections: tuple[str, ...] | list[str]) -> list[Any]:
    path = _COLLECTION_DATA / _CONFORMANCE / filename
    if not path.is_file():
        return [pytest.param(section, -1, id=f"{section}-data-missing") for section in sections]
    tests = _load(path)
    return [
        pytest.param(section, i, id=f"{section}-{i}")
        for section in sections
        for i in range(len(tests.get(section) or []))
    ]


def _case(shared_data: Path, filename: str, section: str, index: int) -> dict[str, Any]:
    path = shared_data / _CONFORMANCE / filename
    if index < 0 or not path.is_file():
        pytest.skip(f"twitter-text conformance data not found at {path}")
    return _load(path)[section][index]


def utf16(text: str, index: int) -> int:
    """A code point index as a UTF-16 code unit index."""
    return len(text[:index].encode("utf-16-le")) // 2


def utf16_inclusive(text: str, index: int) -> int:
    """An inclusive code point index as an inclusive UTF-16 index (its last unit)."""
    return utf16(text, index + 1) - 1 if text else 0


@pytest.mark.shared_data
@pytest.mark.parametrize(("section", "index"), _case_ids("validate.yml", list(VALIDATE_SECTIONS)))
def test_validate(shared_data: Path, section: str, index: int) -> None:
    case = _case(shared_data, "validate.yml", section, index)
    text = case["text"]
    result = parse_tweet(text, VALIDATE_SECTIONS[section])
    got = {
        "weightedLength": result.weighted_length,
        "valid": result.valid,
        "permillage": result.permillage,
        "displayRangeStart": utf16(text, result.display_range_start),
        "displayRangeEnd": utf16_inclusive(text, result.display_range_end),
        "validRangeStart": utf16(text, result.valid_range_start),
        "validRangeEnd": utf16_inclusive(text, result.valid_range_end),
    }
    assert got == case["expected"], case["description"]


def _indices(text: str, e: Entity) -> list[int]:
    return [utf16(text, e.start), utf16(text, e.end)]


def _mention_or_list(text: str, e: Entity) -> dict[str, Any]:
    name, slash, slug = e.text.partition("/")
    return {"screen_name": name, "list_slug": slash + slug, "indices": _indices(text, e)}


_EXTRACTORS: dict[str, Callable[[str], Any]] = {
    "mentions": lambda t: [e.text for e in mention_entities(t, lists=False)],
    "mentions_with_indices": lambda t: [
        {"screen_name": e.text, "indices": _indices(t, e)} for e in mention_entities(t, lists=False)
    ],
    "mentions_or_lists_with_indices": lambda t: [_mention_or_list(t, e) for e in mention_entities(t)],
    "replies": extract_reply,
    "urls": lambda t: [e.text for e in url_entities(t)],
    "urls_with_indices": lambda t: [{"url": e.text, "indices": _indices(t, e)} for e in url_entities(t)],
    "urls_with_directional_markers": lambda t: [{"url": e.text, "indices": _indices(t, e)} for e in url_entities(t)],
    "tco_urls_with_params": lambda t: [e.text for e in url_entities(t)],
    "hashtags": lambda t: [e.text for e in hashtag_entities(t)],
    "hashtags_from_astral": lambda t: [e.text for e in hashtag_entities(t)],
    "hashtags_with_indices": lambda t: [{"hashtag": e.text, "indices": _indices(t, e)} for e in hashtag_entities(t)],
    "cashtags": lambda t: [e.text for e in cashtag_entities(t)],
    "cashtags_with_indices": lambda t: [{"cashtag": e.text, "indices": _indices(t, e)} for e in cashtag_entities(t)],
}


@pytest.mark.shared_data
@pytest.mark.parametrize(("section", "index"), _case_ids("extract.yml", EXTRACT_SECTIONS))
def test_extract(shared_data: Path, section: str, index: int) -> None:
    case = _case(shared_data, "extract.yml", section, index)
    assert _EXTRACTORS[section](case["text"]) == case["expected"], case["description"]
