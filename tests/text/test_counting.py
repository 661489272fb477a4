"""Length counting on X, Bluesky and Mastodon for conference-style drafts.

Expected values are worked out from each platform's rules (see the module
docstrings in ``backchannel.text``), not recorded from the implementation.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backchannel.errors import InvalidInput
from backchannel.text import (
    PLATFORMS,
    V2,
    V3,
    Length,
    analyse,
    default_limit,
    parse_tweet,
    weighted_length,
)
from backchannel.text import x as x_module
from backchannel.text.bluesky import short_url
from backchannel.text.config import TwitterTextConfig
from backchannel.text.urls import url_spans

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦, 7 code points
UK_FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧, two regional indicators
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽, base + skin tone
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈
KEYCAP_ONE = "1\ufe0f\u20e3"  # 1️⃣
E_ACUTE_DECOMPOSED = "e\u0301"  # é as e + combining acute

DRAFT = "Great keynote by @gvanrossum at #PyConUK this morning. Can't wait for the sprints!"


def test_default_limits() -> None:
    assert [default_limit(p) for p in PLATFORMS] == [280, 300, 500]


def test_unknown_platform_is_an_input_error() -> None:
    with pytest.raises(InvalidInput):
        analyse("hi", "myspace")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        weighted_length("hi", "threads")  # type: ignore[arg-type]


# --- X ----------------------------------------------------------------------


def test_x_plain_ascii_counts_one_per_character() -> None:
    report = analyse(DRAFT)
    assert report.length == Length(
        weighted=len(DRAFT),
        limit=280,
        valid=True,
        permillage=len(DRAFT) * 1000 // 280,
        display_range=(0, len(DRAFT) - 1),
        valid_range=(0, len(DRAFT) - 1),
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://pyconuk.org",
        "https://speakerdeck.com/ada/async-python-in-production-lessons-from-three-years",
        "example.com/talks",  # no protocol: still a link on X
        "http://t.co/abcdef",
    ],
)
def test_x_every_url_counts_23(url: str) -> None:
    assert weighted_length(f"Slides: {url}") == len("Slides: ") + 23


def test_x_a_dot_that_is_not_a_domain_is_plain_text() -> None:
    text = "Node.js and pyproject.toml are not links, e.g. here."
    assert weighted_length(text) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("café", 4),  # Latin-1 and other scripts below U+1100 weigh 1
        ("Привет", 6),
        ("会議中", 6),  # CJK weighs 2
        ("—’“”", 4),  # dashes and curly quotes are in the weight-1 punctuation ranges
        ("…", 2),  # ...but the ellipsis (U+2026) is not
        (E_ACUTE_DECOMPOSED, 1),  # NFC first: e + accent is one character
    ],
)
def test_x_character_weights(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


@pytest.mark.parametrize("emoji", [FAMILY, UK_FLAG, THUMBS_MEDIUM, RAINBOW_FLAG, KEYCAP_ONE, "🎉", "❤️"])
def test_x_v3_every_emoji_sequence_counts_2(emoji: str) -> None:
    assert weighted_length(emoji) == 2
    assert weighted_length(f"#PyConUK {emoji}") == 9 + 2


def test_x_v2_counts_emoji_code_point_by_code_point() -> None:
    # 4 people x 2 + 3 zero-width joiners x 1 (U+200D is in a weight-1 range)
    assert parse_tweet(FAMILY, V2).weighted_length == 11
    assert parse_tweet(FAMILY, V3).weighted_length == 2


def test_x_copyright_sign_is_text_unless_emoji_presentation() -> None:
    assert weighted_length("©") == 1
    assert weighted_length("©\ufe0f") == 2


def test_x_limit_boundary_and_valid_range() -> None:
    fits = analyse("a" * 280).length
    assert (fits.weighted, fits.valid, fits.permillage) == (280, True, 1000)
    over = analyse("a" * 281).length
    assert (over.weighted, over.valid, over.permillage) == (281, False, 1003)
    assert over.valid_range == (0, 279)
    assert over.display_range == (0, 280)
    assert over.remaining == -1


def test_x_valid_range_is_in_code_points_not_utf16() -> None:
    # 141 party poppers weigh 282; the first 140 fit. In UTF-16 twitter-text
    # would say 279; as a Python index it is 139.
    length = analyse("🎉" * 141).length
    assert (length.weighted, length.valid, length.valid_range) == (282, False, (0, 139))


def test_x_valid_range_counts_a_url_as_a_whole() -> None:
    text = "x" * 270 + " https://example.com/slides"
    length = analyse(text).length
    assert length.weighted == 271 + 23
    assert length.valid_range == (0, 270)  # the URL does not fit, so it is cut before it


def test_x_empty_and_invalid_characters_are_not_valid() -> None:
    assert analyse("").length == Length(0, 280, False, 0, (0, 0), (0, 0))
    assert analyse("Hello \ufffe world").length.valid is False
    assert analyse("Hello world").length.valid is True


def test_x_limit_override() -> None:
    long_post = "word " * 100
    assert analyse(long_post).length.valid is False
    report = analyse(long_post, limit=25_000)
    assert (report.length.limit, report.length.valid) == (25_000, True)
    small = analyse(DRAFT, limit=20).length
    assert (small.limit, small.valid, small.valid_range) == (20, False, (0, 19))


def test_limit_must_be_positive() -> None:
    with pytest.raises(InvalidInput):
        analyse("hi", limit=0)


def test_length_to_dict() -> None:
    length = analyse("Hello #PyConUK").length
    assert length.to_dict() == {"weighted": 14, "limit": 280, "valid": True}
    assert length.to_dict(full=True)["valid_range"] == [0, 13]


# --- Bluesky ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FAMILY, 1),
        (UK_FLAG, 1),
        (THUMBS_MEDIUM, 1),
        (RAINBOW_FLAG, 1),
        (E_ACUTE_DECOMPOSED, 1),
        ("会議中", 3),
        ("Hello\r\nworld", 11),  # CR LF is one grapheme
    ],
)
def test_bluesky_counts_graphemes(text: str, expected: int) -> None:
    assert weighted_length(text, "bluesky") == expected


def test_bluesky_limit_is_300_graphemes() -> None:
    assert analyse("🇬🇧" * 300, "bluesky").length.valid is True
    over = analyse("🇬🇧" * 301, "bluesky").length
    assert (over.weighted, over.valid) == (301, False)
    assert over.valid_range == (0, 599)  # 300 flags of 2 code points each


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.com/talk", "example.com/talk"),
        ("https://example.com/a/very/long/path/that/goes/on", "example.com/a/very/long/..."),
        ("https://www.example.com:443/x?q=1", "www.example.com/x?q=1"),
        ("http://example.com:8080/", "example.com:8080"),
        ("https://Example.COM/", "example.com"),
        ("example.com/no/protocol/so/kept/as/typed", "example.com/no/protocol/so/kept/as/typed"),
    ],
)
def test_bluesky_short_url(url: str, shown: str) -> None:
    assert short_url(url) == shown


def test_bluesky_links_count_as_the_app_shortens_them() -> None:
    url = "https://speakerdeck.com/ada/async-python-in-production"
    text = f"Slides: {url}"
    # speakerdeck.com + the first 13 characters of the path + "..."
    assert weighted_length(text, "bluesky") == len("Slides: ") + len("speakerdeck.com/ada/async-py...")
    assert analyse(text, "bluesky").entities.urls[0].text == url


def test_bluesky_limit_override() -> None:
    assert analyse("x" * 301, "bluesky", limit=400).length.valid is True


# --- Mastodon -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://pyconuk.org", "https://example.com/" + "long-path/" * 20, "http://t.co/x"]
)
def test_mastodon_urls_count_23(url: str) -> None:
    assert weighted_length(f"Slides {url}", "mastodon") == len("Slides ") + 23


def test_mastodon_url_without_protocol_is_plain_text() -> None:
    assert weighted_length("example.com/talks", "mastodon") == len("example.com/talks")


def test_mastodon_remote_mention_counts_as_local_username() -> None:
    text = "Thanks @ada@hachyderm.io and @bob!"
    assert weighted_length(text, "mastodon") == len("Thanks @ada and @bob!")


def test_mastodon_counts_graphemes_of_the_countable_text() -> None:
    assert weighted_length(f"{FAMILY} {UK_FLAG} caf{E_ACUTE_DECOMPOSED}", "mastodon") == 1 + 1 + 1 + 1 + 4


def test_mastodon_limit_and_blank_text() -> None:
    assert analyse("x" * 500, "mastodon").length.valid is True
    over = analyse("x" * 501, "mastodon").length
    assert (over.weighted, over.valid, over.valid_range) == (501, False, (0, 499))
    blank = analyse("   \n ", "mastodon").length
    assert (blank.weighted, blank.valid) == (0, False)


def test_mastodon_valid_range_skips_a_mention_as_a_whole() -> None:
    text = "x" * 497 + " @ada@hachyderm.io"
    length = analyse(text, "mastodon").length
    assert length.weighted == 498 + 4
    assert length.valid_range == (0, 497)


def test_mastodon_instance_limit_override() -> None:
    report = analyse("x" * 900, "mastodon", limit=1000)
    assert (report.length.limit, report.length.valid, report.length.permillage) == (1000, True, 900)


# --- cross-cutting --------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(PLATFORMS))
def test_weighted_length_agrees_with_analyse(text: str, platform: str) -> None:
    report = analyse(text, platform)  # type: ignore[arg-type]
    assert weighted_length(text, platform) == report.length.weighted  # type: ignore[arg-type]
    start, end = report.length.valid_range
    assert 0 <= start <= end <= max(len(text) - 1, 0)
    if report.length.valid:
        assert report.length.valid_range == report.length.display_range


_LAZY_CHECK = """
import sys
import backchannel.text as t
assert "regex" not in sys.modules, "import pulled in regex"
for p in t.PLATFORMS:
    t.analyse("Great talk by @ada at #PyConUK! Slides https://example.com/s $PY", p)
assert "regex" not in sys.modules, "an ASCII draft pulled in regex"
t.analyse("Great talk 👨\u200d👩\u200d👧 #PyConUK", "bluesky")
assert "regex" in sys.modules
"""


def test_regex_module_loads_only_when_needed() -> None:
    subprocess.run([sys.executable, "-c", _LAZY_CHECK], check=True)


def _fitting_by_walk(norm: str, units: list[tuple[int, int, bool]], config: TwitterTextConfig) -> int:
    """twitter-text's own loop, a character (or a whole URL or emoji) at a time."""
    weigher = x_module._weigher(config)
    total, fitting, pos = 0, 0, 0
    starts = {unit[0]: unit for unit in units}
    while pos < len(norm):
        unit = starts.get(pos)
        if unit is not None:
            total += config.transformed_url_length * config.scale if unit[2] else config.default_weight
            last = unit[1] - 1
        else:
            total += weigher.char_weight(norm[pos])
            last = pos
        if norm[last] in x_module.INVALID_CHARS or total > config.max_scaled_length:
            break
        fitting = last
        pos = last + 1
    return fitting


_PIECES = st.sampled_from(["a", "word ", "#LT13 ", "@ada ", "https://example.com/x ", "example.org ", "日本", "é", FAMILY, UK_FLAG, "\ufeff", "\u202a", " "])


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(min_value=1, max_value=60))
def test_where_an_over_long_draft_stops_fitting_matches_the_character_walk(text: str, limit: int) -> None:
    config = V3.with_limit(limit)
    norm = x_module.nfc(text)
    units = x_module._units(url_spans(norm), x_module.emoji_spans(norm))
    assert x_module._last_fitting_index(norm, units, config, x_module._weigher(config)) == _fitting_by_walk(norm, units, config)
