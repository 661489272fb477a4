"""The text rules that read no history, one by one: what each says, where it points, what its fix does.

Every example in the rule table also runs in test_registry.py; these pin the
message, the span and the fix a person sees."""

from __future__ import annotations

from backchannel.checker import check_draft
from backchannel.rules import Tip
from backchannel.rules.examples import situation
from backchannel.settings import Settings


def tips(text: str, where: str = "session", *, platform: str = "x", settings: Settings | None = None) -> dict[str, Tip]:
    event, session = situation(where)
    result = check_draft(text, platform=platform, event=event, session=session, settings=settings or Settings({}))
    return {t.code: t for t in result.tips}


def test_ctx001_names_the_event_and_appends_its_main_tag() -> None:
    tip = tips("Most learning happens at work, not in courses.", "event")["CTX001"]
    assert "0 of 2 tags of Learning Technologies 2013" in tip.message and "#LT13" in tip.message
    assert tip.fix is not None and tip.fix.result == "Most learning happens at work, not in courses. #LT13"
    assert "CTX001" not in tips("Most learning happens at work #learningtech13", "event")  # an alias, in any case


def test_ctx002_appends_the_session_tag_only_while_the_session_is_on() -> None:
    tip = tips("Most learning happens in the flow of work. #LT13")["CTX002"]
    assert "#LT13A1" in tip.message and "Learning in the flow of work" in tip.message
    assert tip.fix is not None and tip.fix.result == "Most learning happens in the flow of work. #LT13 #LT13A1"
    assert "CTX002" not in tips("Most learning happens in the flow of work. #LT13", "event")


def test_ctx003_offers_the_speakers_handle_for_the_platform() -> None:
    on_x = tips("Most learning happens at work, not in courses. #LT13")["CTX003"]
    assert "@priyaraman" in on_x.message
    assert on_x.fix is not None and on_x.fix.result.endswith("— @priyaraman")
    on_mastodon = tips("Most learning happens at work, not in courses. #LT13", platform="mastodon")["CTX003"]
    assert on_mastodon.fix is not None and on_mastodon.fix.result.endswith("— @priya@scholar.social")


def test_ctx005_points_at_the_link_and_counts_the_other_words() -> None:
    text = "slides: https://example.com/slides.pdf"
    tip = tips(text, "none")["CTX005"]
    assert tip.span is not None and text[tip.span[0] : tip.span[1]] == "https://example.com/slides.pdf"
    assert "1 other word:" in tip.message and tip.fix is None
    assert "CTX005" not in tips(text, "none", settings=Settings({"rules.CTX005.max_words": 0}))


def test_len001_is_an_error_and_splits_the_draft_into_a_thread_within_the_limit() -> None:
    text = "Priya Raman says most of what people learn at work they learn from colleagues. " * 5 + "#LT13"
    tip = tips(text, "none")["LEN001"]
    assert tip.level.value == "error" and "over the limit of 280 on X" in tip.message
    assert tip.fix is not None and tip.fix.parts is not None and len(tip.fix.parts) >= 2
    assert all(len(part) <= 280 for part in tip.fix.parts)
    assert "LEN001" not in tips(text, "none", platform="mastodon")  # 500 there


def test_len002_says_what_is_missing_while_there_is_room() -> None:
    text = "Informal learning " * 15 + "#LT13"
    tip = tips(text)["LEN002"]
    assert "no #LT13A1 or the speaker" in tip.message
    assert "LEN002" not in tips(text, settings=Settings({"rules.LEN002.margin": 0}))


def test_flw003_spans_the_hashtags_beyond_the_limit() -> None:
    text = "Great keynote! #LT13 #LT13A1 #learning #elearning #training"
    tip = tips(text, "none")["FLW003"]
    assert tip.span is not None and text[tip.span[0] : tip.span[1]] == "#elearning #training"
    assert "5 hashtags (more than 3)" in tip.message
    assert "FLW003" not in tips(text, "none", settings=Settings({"rules.FLW003.max_hashtags": 5}))

