"""Entity extraction on X, Bluesky and Mastodon for conference-style drafts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backchannel.text import (
    PLATFORMS,
    Entities,
    Entity,
    analyse,
    extract_entities,
    extract_reply,
    hashtag_entities,
    mention_entities,
)


def texts(entities: tuple[Entity, ...]) -> list[str]:
    return [e.text for e in entities]


# --- X ----------------------------------------------------------------------


def test_x_conference_draft() -> None:
    text = "Great talk by @simonw at #PyConUK! Slides: https://simonwillison.net/talks #Datasette"
    e = extract_entities(text)
    assert texts(e.hashtags) == ["PyConUK", "Datasette"]
    assert texts(e.mentions) == ["simonw"]
    assert texts(e.urls) == ["https://simonwillison.net/talks"]
    assert e.cashtags == ()
    tag = e.hashtags[0]
    assert (tag.kind, tag.start, tag.end) == ("hashtag", 25, 33)
    assert text[tag.start : tag.end] == "#PyConUK"


def test_x_indices_are_code_points_after_astral_characters() -> None:
    text = "🎉🎉 #PyConUK"  # each party popper is one Python character (two in UTF-16)
    (tag,) = extract_entities(text).hashtags
    assert (tag.start, tag.end) == (3, 11)
    assert text[tag.start : tag.end] == "#PyConUK"


def test_x_url_without_protocol_and_tco() -> None:
    e = extract_entities("Notes at pyconuk.org/schedule and http://t.co/AbC123's link")
    assert texts(e.urls) == ["pyconuk.org/schedule", "http://t.co/AbC123"]


def test_x_email_is_neither_mention_nor_url() -> None:
    e = extract_entities("Write to coc@pyconuk.org for help")
    assert e.mentions == () and e.urls == ()


def test_x_list_mention_keeps_its_slug() -> None:
    e = extract_entities("Follow @pyconuk/speakers for updates")
    assert texts(e.mentions) == ["pyconuk/speakers"]
    assert mention_entities("Follow @pyconuk/speakers", lists=False) == []


def test_x_hashtag_rules() -> None:
    assert texts(tuple(hashtag_entities("Room #3 then #PyConUK2024 and #日本語 and ＃全角"))) == [
        "PyConUK2024",
        "日本語",
        "全角",
    ]
    # A fragment inside a URL is not a hashtag.
    assert hashtag_entities("https://pyconuk.org/#schedule") == []
    assert texts(tuple(hashtag_entities("https://pyconuk.org/#schedule", check_url_overlap=False))) == ["schedule"]


def test_x_cashtags_and_replies() -> None:
    e = extract_entities("Is $PYPL a Python company? Not $123.")
    assert texts(e.cashtags) == ["PYPL"]
    assert extract_reply("@ada thanks for the talk") == "ada"
    assert extract_reply("Thanks @ada") is None


def test_x_remote_style_mentions_are_not_x_mentions() -> None:
    assert extract_entities("Hi @ada@hachyderm.io").mentions == ()


# --- Bluesky --------------------------------------------------------------------


def test_bluesky_mentions_are_handles_with_a_real_tld() -> None:
    e = extract_entities("Thanks @ada.bsky.social and @pyconuk.org, not @ada or @foo.notatld", "bluesky")
    assert texts(e.mentions) == ["ada.bsky.social", "pyconuk.org"]
    first = e.mentions[0]
    assert (first.start, first.end) == (7, 23)


def test_bluesky_tags_end_at_white_space_and_drop_trailing_punctuation() -> None:
    e = extract_entities("Day 1 of #PyConUK! Loving #PyConUK's vibe #2024 #🐍", "bluesky")
    assert texts(e.hashtags) == ["PyConUK", "PyConUK's", "🐍"]  # digits alone are no tag


def test_bluesky_links() -> None:
    e = extract_entities("See https://pyconuk.org/schedule. Or pyconuk.org, or (example.com) Node.js", "bluesky")
    assert texts(e.urls) == ["https://pyconuk.org/schedule", "pyconuk.org", "example.com"]


# --- Mastodon -------------------------------------------------------------------


def test_mastodon_entities() -> None:
    text = "Hi @ada@hachyderm.io and @bob! #PyConUK notes: https://pyconuk.org/notes (and pyconuk.org)"
    e = extract_entities(text, "mastodon")
    assert texts(e.mentions) == ["ada@hachyderm.io", "bob"]
    assert texts(e.hashtags) == ["PyConUK"]
    assert texts(e.urls) == ["https://pyconuk.org/notes"]  # no protocol: not a link on Mastodon
    remote = e.mentions[0]
    assert text[remote.start : remote.end] == "@ada@hachyderm.io"


# --- shared behaviour -------------------------------------------------------------


def test_to_dict_shape() -> None:
    report = analyse("Hi @ada #PyConUK https://pyconuk.org")
    assert report.entities.to_dict() == {
        "hashtags": [{"text": "PyConUK", "start": 8, "end": 16}],
        "mentions": [{"text": "ada", "start": 3, "end": 7}],
        "urls": [{"text": "https://pyconuk.org", "start": 17, "end": 36}],
        "cashtags": [],
    }
    assert report.to_dict()["length"] == {"weighted": 17 + 23, "limit": 280, "valid": True}
    assert Entities().to_dict() == {"hashtags": [], "mentions": [], "urls": [], "cashtags": []}


def test_analyse_entities_match_extract_entities() -> None:
    text = "Caf\u00e9 cafe\u0301 #PyConUK https://pyconuk.org @ada"
    for platform in PLATFORMS:
        assert analyse(text, platform).entities == extract_entities(text, platform)


def test_entities_index_the_original_not_the_normalised_text() -> None:
    text = "cafe\u0301 #PyConUK"  # NFC would shorten this by one character
    (tag,) = extract_entities(text).hashtags
    assert text[tag.start : tag.end] == "#PyConUK"


SIGILS = {"hashtag": "#＃", "mention": "@＠", "cashtag": "$"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["#PyConUK", "@ada", "@ada.bsky.social", "@bob@hachyderm.io", "$PY", "pyconuk.org",
                         "https://pyconuk.org/a(b)", " ", "\n", "é", "🎉", "#", "@", ".", "日本", "x"]),
        max_size=30,
    ).map("".join),
    st.sampled_from(PLATFORMS),
)
def test_entities_are_ordered_non_overlapping_slices(text: str, platform: str) -> None:
    entities = extract_entities(text, platform)  # type: ignore[arg-type]
    everything = entities.all()
    for left, right in itertools.pairwise(everything):
        assert left.end <= right.start
    for e in everything:
        written = text[e.start : e.end]
        if e.kind == "url":
            assert written == e.text
        else:
            assert written[0] in SIGILS[e.kind] and written[1:] == e.text


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_entities_in_plain_prose(platform: str) -> None:
    assert extract_entities("Lunch was great, see you at 2pm.", platform) == Entities()  # type: ignore[arg-type]
