"""The text rules on real tweets: precision and recall against the labels in tests/rules/corpus_labels.py.

Reads the real archives in ../shared/data and skips when they are absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backchannel.rules import RULES, Level
from tests.rules.corpus import TEXT_RULES, load
from tests.rules.corpus_labels import FIRE, QUIET
from tests.rules.score import readme_cells, scores
from tests.rules.scoring import RuleScore

ROOT = Path(__file__).resolve().parents[2]
Scores = dict[str, dict[str, RuleScore]]


@pytest.fixture(scope="module")
def measured(shared_data: Path) -> Scores:
    return scores(load(shared_data))


def test_every_label_names_a_tweet_of_the_corpus_and_a_text_rule(shared_data: Path) -> None:
    ids = {case.id for case in load(shared_data)}
    for labels in (FIRE, QUIET):
        assert set(labels) <= ids, sorted(set(labels) - ids)
        assert {code for codes in labels.values() for code in codes} <= set(TEXT_RULES)
    for tweet_id, codes in QUIET.items():
        assert not set(codes) & set(FIRE.get(tweet_id, {})), f"{tweet_id} is labelled both ways"


def test_the_corpus_is_read_as_typed(shared_data: Path) -> None:
    cases = {case.id: case for case in load(shared_data)}
    assert len(cases) == 513
    # A photo post: the t.co link X appended for the photo is not part of the draft.
    photo = cases["258238346881536000"]
    assert photo.text == "#opened12 opening session http://t.co/CsqNleam"
    assert photo.draft == "#opened12 opening session"
    # A retweet made with the button was typed by nobody: not in the corpus. A manual one is.
    assert "258282244869849088" not in cases
    assert cases["263678844517642241"].text.startswith("RT @cogdog:")


def test_warnings_and_errors_are_right_nine_times_in_ten(measured: Scores) -> None:
    strict = [code for code in TEXT_RULES if RULES[code].level is not Level.SUGGESTION]
    assert strict, "no warning or error among the text rules"
    for code in strict:
        result = measured["all"][code]
        if result.precision is not None:
            assert result.precision >= 0.9, f"{code} is right {result.true_positives} times of {result.fired}; wrong on {result.wrong}"


def test_ctx004_on_real_tweets_it_was_not_tuned_on(measured: Scores) -> None:
    result = measured["held-out"]["CTX004"]
    assert result.support >= 1 and result.fired >= 1
    assert result.precision is not None and result.precision >= 0.9, result.wrong
    assert result.recall is not None and result.recall >= 0.8, result.missed


def test_ctx004_is_quiet_on_titles_terms_and_attributed_quotes(measured: Scores) -> None:
    """The classes the rule used to be wrong on, among the tweets it was tuned on."""
    wrong = set(measured["tuning"]["CTX004"].wrong)
    for tweet_id in ("253336633733160960", "253681316300730369", "254976546895454208", "258312408425177088", "260746086040338433", "263628986305896449"):
        assert tweet_id not in wrong, QUIET[tweet_id]


def test_the_readme_rule_table_shows_the_measured_precision_and_recall(measured: Scores) -> None:
    readme = (ROOT / "README.md").read_text()
    row = re.compile(r"^\| ([A-Z]{3}\d{3}) \| [a-z-]+ \| (\w+) \| [^|]+ \| ([^|]+) \| ([^|]*) \|$", re.M)
    rows = {m.group(1): (m.group(2), m.group(3), m.group(4)) for m in row.finditer(readme)}
    for code in TEXT_RULES:
        level, precision, recall = rows[code]
        assert level == RULES[code].level.value
        assert (precision.strip(), recall.strip()) == readme_cells(measured["all"][code]), f"README row of {code} is out of date: make score"


def test_the_closing_post_rule_reads_the_session_last_posted_from_once_it_has_ended(shared_data: Path) -> None:
    cases = {case.id: case for case in load(shared_data)}
    # The first post after the opening session (09:00-09:20): his posts in it were a reply and two photos.
    after = cases["258243227101065217"].history
    assert after is not None and after.ended is not None
    assert after.ended.session.title == "Opening session"
    assert [p.remote_id for p in after.ended.posts] == ["258237796140077056", "258238346881536000", "258238770749530112"]
    # Still in the session: nothing has ended. And a session of another event is not this event's to close.
    during = cases["258238770749530112"].history
    assert during is not None and during.ended is None
    next_event = cases["258117849967628288"].history  # OpenEd's first day; his last post was at WordCamp
    assert next_event is not None and next_event.ended is None


def test_the_guide_rules_are_labelled(measured: Scores) -> None:
    for code in ("GDE005", "GDE006", "GDE007", "GDE008"):
        assert measured["all"][code].support >= 1, f"no tweet of the corpus is labelled for {code}"
