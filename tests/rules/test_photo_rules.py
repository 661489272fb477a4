"""The photo rules: registered, documented, their messages show the measured values, options tune them."""

from __future__ import annotations

import pytest

from backchannel.checker import check_draft, check_photos
from backchannel.photos.model import AttachedPhoto
from backchannel.photos.samples import analysed_sample
from backchannel.rules import RULES, registry
from backchannel.rules.pho import PhotoExample, PhotoRule, PhotoTip
from backchannel.settings import SETTINGS, Settings

PHOTO_CODES = set(registry.PHOTO_CODES)


def tips(sample: str, alt: str | None = None, settings: Settings | None = None) -> dict[str, PhotoTip]:
    found = check_photos([AttachedPhoto(analysed_sample(sample), alt=alt)], settings or Settings({}))
    return {t.code: t for t in found}  # type: ignore[misc]


def test_every_photo_rule_is_registered_with_photo_examples() -> None:
    photo_rules = {code for code, rule in RULES.items() if isinstance(rule, PhotoRule)}
    assert photo_rules == PHOTO_CODES and {code for code in RULES if code.startswith("PHO")} == PHOTO_CODES
    for code in PHOTO_CODES:
        assert all(isinstance(e, PhotoExample) for e in RULES[code].examples)


def test_thresholds_are_settings() -> None:
    for name in (
        "rules.PHO001.min_brightness", "rules.PHO002.min_sharpness", "rules.PHO003.min_text_height", "rules.PHO004.min_share", "rules.PHO005.min_long_side"
    ):
        assert name in SETTINGS and SETTINGS[name].help


@pytest.mark.parametrize(
    ("sample", "code", "words"),
    [
        ("dark-hall", "PHO001", ["slide is too dark", "brightness 41 of 255", "below 50"]),
        ("blurred-slide", "PHO002", ["sharpness 2", "below 25"]),
        ("distant-slide", "PHO003", ["room photo", "2% of the frame", "5 px in the timeline", "need 16 px", "crop the photo to the screen"]),
        ("backlit-speaker", "PHO004", ["covering 14%"]),
        ("small-room-photo", "PHO005", ["480×360"]),
        ("with-gps", "PHO007", ["51.5003°N", "0.1277°W"]),
    ],
)
def test_messages_show_what_was_measured(sample: str, code: str, words: list[str]) -> None:
    tip = tips(sample)[code]
    for word in words:
        assert word in tip.message, tip.message


def test_each_sample_gets_only_its_own_warnings() -> None:
    assert set(tips("slide-close-up")) == set()
    assert set(tips("distant-slide")) == {"PHO003"}
    assert set(tips("dark-hall")) == {"PHO001", "PHO003"}
    assert set(tips("blurred-slide")) == {"PHO002"}


def test_the_fixes_a_photo_tip_offers() -> None:
    crop = tips("distant-slide")["PHO003"].photo_fix
    assert crop is not None and crop.action == "crop" and crop.box == tuple(analysed_sample("distant-slide").crop.to_list())  # type: ignore[union-attr]
    assert crop.quad == analysed_sample("distant-slide").slide.quad  # type: ignore[union-attr]
    assert "quad" in crop.to_dict() and "description" not in crop.to_dict()
    assert tips("with-gps")["PHO007"].photo_fix.action == "strip_metadata"  # type: ignore[union-attr]
    assert tips("slide-close-up", alt="")["PHO006"].photo_fix.action == "describe"  # type: ignore[union-attr]


def test_alt_text_rule_speaks_only_when_the_description_is_known() -> None:
    assert "PHO006" not in tips("slide-close-up", alt=None)
    assert "PHO006" in tips("slide-close-up", alt="   ")
    assert "PHO006" not in tips("slide-close-up", alt="Slide: most learning happens at work")


def test_options_move_the_thresholds() -> None:
    assert "PHO003" not in tips("distant-slide", settings=Settings({"rules.PHO003.min_text_height": 4}))
    assert "PHO003" in tips("dark-hall-bright-slide", settings=Settings({"rules.PHO003.min_text_height": 40}))
    assert "PHO001" in tips("distant-slide", settings=Settings({"rules.PHO001.min_brightness": 230}))
    assert "PHO001" not in tips("dark-hall", settings=Settings({"rules.PHO001.enabled": False}))


def test_photo_tips_join_a_drafts_tips_and_carry_their_photo() -> None:
    photos = [AttachedPhoto(analysed_sample("slide-close-up"), alt="Slide", index=0), AttachedPhoto(analysed_sample("dark-hall"), alt="", index=1)]
    result = check_draft("Most learning happens at work #LT13", photos=photos)
    by_code = {t.code: t for t in result.tips}
    assert {"PHO001", "PHO003", "PHO006"} <= set(by_code)
    assert by_code["PHO001"].media == 1  # type: ignore[attr-defined]
    payload = result.to_dict()["tips"]
    assert all({"media", "photo_fix"} <= set(t) for t in payload if t["code"].startswith("PHO"))
    assert [t["level"] for t in payload] == sorted((t["level"] for t in payload), key=["error", "warning", "suggestion"].index)


def test_an_empty_draft_with_a_photo_gets_only_photo_tips() -> None:
    result = check_draft("  ", photos=[AttachedPhoto(analysed_sample("dark-hall"))])
    assert {t.code for t in result.tips} == {"PHO001", "PHO003"}
    assert check_draft("  ").tips == ()


def test_a_dark_hall_around_a_bright_readable_slide_is_not_too_dark() -> None:
    analysis = analysed_sample("dark-hall-bright-slide")
    assert analysis.measurements.brightness < 50  # the frame is dark…
    assert analysis.subject_brightness > 150  # …the slide is not
    assert "PHO001" not in tips("dark-hall-bright-slide")
    assert "PHO003" not in tips("dark-hall-bright-slide")


def test_a_small_photo_that_reads_fine_is_not_low_resolution() -> None:
    assert analysed_sample("small-photo").width == 480
    assert "PHO005" not in tips("small-photo")
    assert "PHO005" in tips("small-room-photo")


def test_the_description_is_proposed_from_the_slide_and_the_session() -> None:
    from datetime import datetime, timezone

    from backchannel.context import EventInfo, SessionInfo, SpeakerInfo

    event = EventInfo("lt13", "Learning Technologies 2013", ("LT13",))
    start = datetime(2013, 1, 30, 10, tzinfo=timezone.utc)
    session = SessionInfo(1, "Learning at work", start, start, speakers=(SpeakerInfo("Priya Raman", {"x": "@priyaraman"}),))
    photo = AttachedPhoto(analysed_sample("slide-close-up"), alt="")
    result = check_draft("Great keynote #LT13", event=event, session=session, photos=[photo])
    fix = next(t for t in result.tips if t.code == "PHO006").photo_fix  # type: ignore[attr-defined]
    assert fix.description.startswith("Slide: 'Most learning happens at work'")
    assert fix.description.endswith("— @priyaraman, Learning Technologies 2013")
    assert "70% on the job" in fix.description
    assert fix.to_dict()["description"] == fix.description
    # Without a session the proposal still quotes the slide; without readable text there is none.
    assert tips("slide-close-up", alt="")["PHO006"].photo_fix.description.startswith("Slide: 'Most learning")  # type: ignore[union-attr]
    assert tips("small-room-photo", alt="")["PHO006"].photo_fix.description is None  # type: ignore[union-attr]
