"""The chat rules on answers written the way people answer in weekly hashtag chats."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backchannel.checker import check_draft
from backchannel.rules.cht import answer_number, answer_starter
from backchannel.rules.examples import EXAMPLE_CHAT


def _tips(text: str, **chat: object) -> dict[str, object]:
    return {t.code: t for t in check_draft(text, chat=replace(EXAMPLE_CHAT, **chat)).tips}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "number"),
    [("A2 blogs mostly", 2), ("A2: blogs", 2), ("a2. blogs", 2), ("A 2) blogs", 2), ("@edchatmod @jo A12 - yes", 12), ("A2", 2)],
)
def test_answers_are_numbered_the_ways_people_write_them(text: str, number: int) -> None:
    found = answer_number(text)
    assert found is not None and found[0] == number


@pytest.mark.parametrize("text", ["Always A+ work", "A2B testing is hard", "Agreed!", "Q2 is a good one"])
def test_other_drafts_are_not_answers(text: str) -> None:
    assert answer_number(text) is None


def test_cht001_an_answer_or_a_reply_to_the_moderator_needs_the_tag() -> None:
    tip = _tips("A2 I skim arXiv on Fridays")["CHT001"]
    assert tip.fix is not None and tip.fix.result == "A2 I skim arXiv on Fridays #edchat"  # type: ignore[attr-defined]
    assert "CHT001" in _tips("@edchatmod great question, following along")
    assert "CHT001" not in _tips("A2 I skim arXiv on Fridays #EdChat")  # hashtags match whatever the case
    assert "CHT001" not in _tips("Off to dinner")


def test_cht002_the_number_follows_the_latest_question_and_never_runs_ahead() -> None:
    ahead = _tips("A3 I skim arXiv #edchat")["CHT002"]
    assert "runs ahead" in ahead.message and ahead.fix.result == "A2 I skim arXiv #edchat"  # type: ignore[attr-defined]
    behind = _tips("A1 blogs #edchat")["CHT002"]
    assert "Q2: How do you keep up with research?" in behind.message  # type: ignore[attr-defined]
    assert "CHT002" not in _tips("A2 blogs #edchat")
    assert "Q1" in _tips("A1 blogs #edchat", question=None, question_text=None)["CHT002"].message  # type: ignore[attr-defined]


def test_cht003_fits_now_but_not_with_the_tag() -> None:
    long = "A2 " + "I keep up by reading " * 13
    assert len(long) < 280 < len(long.rstrip()) + len(" #edchat")
    tip = _tips(long)["CHT003"]
    assert tip.fix is not None and all("#edchat" in p for p in tip.fix.parts)  # type: ignore[attr-defined]
    assert "CHT003" not in _tips("A2 short #edchat") and "CHT003" not in _tips("A2 short")


def test_the_one_click_starter() -> None:
    assert answer_starter(3, "edchat") == "A3  #edchat"
