from __future__ import annotations

import pytest

from backchannel.compose.splitter import split_thread
from backchannel.text import weighted_length

LONG = (
    "Priya Raman opens with a number: 70% of what people learn at work they learn from colleagues, not courses. "
    "Her point is that learning teams should stop building courses and start supporting the flow of work. "
    "She shows three examples, from a hospital, a bank and a bakery, where a shared FAQ beat a training programme. "
    "Then the slides on measurement, which nobody in the room seemed to like. #LT13 #LT13A1"
)


@pytest.mark.parametrize("platform,limit", [("x", 280), ("x", 140), ("bluesky", 300), ("mastodon", 200)])
def test_every_part_fits_and_nothing_is_lost(platform: str, limit: int) -> None:
    parts = split_thread(LONG, platform, limit)
    assert parts is not None and len(parts) >= 2
    for i, part in enumerate(parts, 1):
        assert weighted_length(part, platform) <= limit
        assert part.endswith(f"#LT13 #LT13A1 {i}/{len(parts)}"), "the tags travel with every part"
    body = " ".join(p.rsplit(" #LT13 #LT13A1 ", 1)[0] for p in parts)
    assert body.split() == LONG.removesuffix(" #LT13 #LT13A1").split()


def test_breaks_at_sentence_boundaries_first() -> None:
    parts = split_thread(LONG, "x", 280)
    assert parts is not None
    assert all(p.split(" #LT13")[0].endswith((".", ",")) for p in parts[:-1])


def test_a_word_longer_than_the_limit_is_cut() -> None:
    parts = split_thread("a" * 600, "x", 280)
    assert parts is not None
    assert "".join(p.rsplit(" ", 1)[0] for p in parts) == "a" * 600
    assert all(weighted_length(p, "x") <= 280 for p in parts)


def test_cjk_counts_double() -> None:
    parts = split_thread("学習は仕事の流れの中で起こる。" * 20, "x", 280)
    assert parts is not None
    assert all(weighted_length(p, "x") <= 280 for p in parts)


def test_nothing_to_split() -> None:
    assert split_thread("   ", "x", 280) is None
