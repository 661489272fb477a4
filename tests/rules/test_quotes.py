from __future__ import annotations

import pytest

from backchannel.rules.quotes import find_quotes, has_attribution


@pytest.mark.parametrize(
    "text",
    [
        "“Nobody learns to ride a bike in class”",
        '"Nobody learns to ride a bike in class"',
        "„Niemand lernt Radfahren in der Klasse“",
        "„Nikt nie uczy się jeździć w klasie”",
        "« Personne n'apprend le vélo en classe »",
        "»Niemand lernt Radfahren in der Klasse«",
        "‘Nobody learns to ride a bike’",
        "「学校で自転車の乗り方を学ぶ人はいない」",
    ],
)
def test_finds_quotations_in_many_languages(text: str) -> None:
    quotes = find_quotes("She said it best: " + text, min_words=3)
    assert len(quotes) == 1
    assert quotes[0].end == len("She said it best: " + text)


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotes("We don’t train, we can’t, and it’s fine", min_words=3) == []


def test_short_scare_quotes_do_not_count() -> None:
    assert find_quotes("So-called “microlearning” again", min_words=3) == []


@pytest.mark.parametrize(
    ("text", "attributed"),
    [
        ("“Learning is work and work is learning” — Priya", True),
        ("“Learning is work and work is learning” via @priyaraman", True),
        ("Priya: “learning is work and work is learning”", True),
        ("“Learning is work and work is learning”, says the keynote", True),
        ("„Lernen ist Arbeit und Arbeit ist Lernen“, sagt sie", True),
        ("“Learning is work and work is learning”", False),
        ("“Learning is work and work is learning” I love it", False),
    ],
)
def test_attribution_near_the_quote(text: str, attributed: bool) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert has_attribution(text, quote, window=60) is attributed


def test_speaker_name_counts_as_attribution() -> None:
    text = "“Learning is work and work is learning” Raman, brilliant"
    (quote,) = find_quotes(text, min_words=3)
    assert has_attribution(text, quote, window=60, names=("Priya Raman",))
    assert not has_attribution(text, quote, window=60, names=("Someone Else",))
