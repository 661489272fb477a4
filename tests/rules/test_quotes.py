from __future__ import annotations

import pytest

from backchannel.rules.quotes import find_quotes, has_attribution, kind


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
        ('@jdoe used a bell to say: "time is up for the long slides"', True),
        ('Jane Doe: "design is how it works, not how it looks"', True),
        ('Ha! RT @someone: "the best way to learn anything is to teach it" #conf', True),
        ('"The best way to learn anything is to teach it" — @someone', True),
        ('"The best way to learn anything is to teach it", per @someone', True),
        ("“Learning is work and work is learning” — great line from the keynote", False),
        ("“Learning is work and work is learning” Best Keynote Ever #LT13", False),
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


def test_a_word_with_an_apostrophe_is_one_word() -> None:
    assert find_quotes("“Don't stop”", min_words=3) == []
    (quote,) = find_quotes("“We don't train people, we don’t”", min_words=3)
    assert quote.words == 6


@pytest.mark.parametrize(
    "text",
    [
        "'Curation is the new creation' - great line from the content session #LT13",
        "Great line: 'curation is the new creation' #LT13",
    ],
)
def test_single_straight_quotes_quote(text: str) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert text[quote.start : quote.end] in ("'Curation is the new creation'", "'curation is the new creation'")
    assert kind(text, quote) == "speech"
    assert not has_attribution(text, quote, window=60)
    # Elisions and possessives are apostrophes, not quote marks.
    for other in ("Go kill 'em. Not literally, said the students' teacher", "'cause we like the students' work", "Back in the '90s we did"):
        assert find_quotes(other, min_words=3) == []


@pytest.mark.parametrize(
    "text",
    [
        '"Design is how it works, not how it looks" Jane Doe #conf',
        '"Learning happens in communities of practice" (Lave) #conf',
        '"learning is peripheral participation in practice" kay 1971',
        'Don Norman\'s argument that "design is how it works, not how it looks"',
        "“@someone: our new paper on open courses is out http://t.co/abc”",
        'Loving this Neil Young interview on music "I think of the Internet as the new radio"',
    ],
)
def test_attribution_wherever_people_put_it(text: str) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert has_attribution(text, quote, window=60)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('watching "The Singing Revolution" video #conf', "title"),
        ('a session on "communities and reform" #conf', "title"),
        ('This year\'s theme: "open by default, closed by exception, always"', "title"),
        ('Example assignment “Messing with the MacGuffin” http://t.co/x', "title"),
        ('the "community of practice" idea', "term"),
        ('"preaching to the choir" has its limits', "term"),
        ('we are all on "the same page" now', "term"),
        ('report on the stream: "here\'s the challenge we face with open courses"', "example"),
        ('#4life is not just saying "this would be a great assignment" DO IT', "example"),
        ('Add a tag line that says something like "tune in to the radio show now"', "example"),
        # What a program says is nobody's speech: an error, a warning.
        ('getting a red "Fatal error: memory exhausted" on every page', "term"),
        ('the same "Warning: this site is not secure" on every laptop', "term"),
        ('"Error is the best teacher we will ever have" on the last slide', "speech"),
        # Watching, listening to, reading, playing: the name of the work, even with a pronoun in it.
        ('listening to "come as you are" on repeat', "title"),
        ('reading "how we learn when nobody teaches us" on the train', "title"),
        # A cliché someone is tired of: made-up speech.
        ('Enough with the "we need to talk about AI" keynotes', "example"),
        ('So tired of "you should have been there" posts', "example"),
        ('"We hope our students cause trouble" on the open course on activism', "speech"),
        ('I am reading the notes and "we learn best when we teach" stands out', "speech"),
        ('"it may be too early in the morning for this... the funny stuff is coming"', "speech"),
    ],
)
def test_titles_terms_and_examples_are_told_from_speech(text: str, expected: str) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert kind(text, quote) == expected


def test_a_list_of_titles_is_a_list_of_titles() -> None:
    text = 'card categories like "Sympathy for Unfriending" "Congrats for being so trending"'
    first, second = find_quotes(text, min_words=3)
    assert kind(text, first) == "title"
    assert kind(text, second, (first, "title")) == "title"


def test_the_unattributed_quote_tip_says_what_it_saw_and_names_the_speaker_after_the_quote() -> None:
    from backchannel.checker import check_draft
    from backchannel.rules.examples import situation

    event, session = situation("session")
    text = "“Nobody ever learned to ride a bike in a classroom” #LT13 #LT13A1"
    (tip,) = [t for t in check_draft(text, event=event, session=session).tips if t.code == "CTX004"]
    assert tip.message.startswith("A 10-word quote with no speaker named")
    assert tip.fix is not None
    assert tip.fix.result == "“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13 #LT13A1"
    assert not [t for t in check_draft(tip.fix.result, event=event, session=session).tips if t.code == "CTX004"]


@pytest.mark.parametrize(
    "text",
    [
        # The draft's own hashtag says the words are made up: a game of invented lines, a parody, a joke.
        '"I met a one-eyed juggler from Leeds who worries about the price of cloud storage." #interviewmadlibs',
        '“We take your privacy very seriously, which is why we sell it to the highest bidder” #parody',
        '"Our new strategy is to have a strategy about strategies" #satire #conf',
        '"Welcome to the keynote, please leave your laptops at the door" #CaptionThis',
        '“I told my students a joke about paper, it was tearable” #dadjoke',
        '"Be yourself, unless you can be a keynote speaker" #fakequotes',
    ],
)
def test_speech_a_hashtag_says_is_made_up_is_an_example(text: str) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert kind(text, quote) == "example"


@pytest.mark.parametrize(
    "text",
    [
        # A hashtag that only contains such a word in passing says nothing about the quote.
        '"We will ship the new course platform in the spring" #jokersconf',
        '"Open is a verb, not a noun" #opened12',
    ],
)
def test_other_hashtags_leave_a_quote_speech(text: str) -> None:
    (quote,) = find_quotes(text, min_words=3)
    assert kind(text, quote) == "speech"


def test_importing_the_quotation_module_compiles_no_pattern() -> None:
    """It is imported on the way to every `backchannel check`: its patterns compile when a draft needs them."""
    import re

    from backchannel.rules import quotes
    from backchannel.text.regexes import LazyPattern

    assert not [name for name, value in vars(quotes).items() if isinstance(value, re.Pattern)]
    assert [name for name, value in vars(quotes).items() if isinstance(value, LazyPattern)]


def test_ctx004_knows_every_opening_mark_the_detector_pairs() -> None:
    """CTX004 skips the detector for a draft without any of these marks: it must know every one the detector opens on."""
    from backchannel.rules.ctx import QUOTE_OPENERS
    from backchannel.rules.quotes import _PAIRS

    assert QUOTE_OPENERS == set(_PAIRS)
