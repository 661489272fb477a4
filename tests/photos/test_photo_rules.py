"""The photo rules: registered, documented, their messages show the measured values, options tune them."""

from __future__ import annotations

import pytest

from backchannel.checker import check_draft, check_photos
from backchannel.photos.model import AttachedPhoto
from backchannel.photos.samples import analysed_sample
from backchannel.rules import RULES
from backchannel.rules.photo_rules import PhotoExample, PhotoRule, PhotoTip
from backchannel.settings import SETTINGS, Settings

PHOTO_CODES = {"PHO001", "PHO002", "PHO003", "PHO004", "PHO005", "PHO006", "PHO007"}


def tips(sample: str, alt: str | None = None, settings: Settings | None = None) -> dict[str, PhotoTip]:
    found = check_photos([AttachedPhoto(analysed_sample(sample), alt=alt)], settings or Settings({}))
    return {t.code: t for t in found}  # type: ignore[misc]


def test_every_photo_rule_is_registered_with_photo_examples() -> None:
    photo_rules = {code for code, rule in RULES.items() if isinstance(rule, PhotoRule)}
    assert photo_rules == PHOTO_CODES
    for code in PHOTO_CODES:
        assert all(isinstance(e, PhotoExample) for e in RULES[code].examples)


def test_thresholds_are_settings() -> None:
    for name in ("rules.PHO001.min_brightness", "rules.PHO002.min_sharpness", "rules.PHO003.min_width", "rules.PHO004.min_share", "rules.PHO005.min_long_side"):
        assert name in SETTINGS and SETTINGS[name].help


@pytest.mark.parametrize(
    ("sample", "code", "words"),
    [
        ("dark-hall", "PHO001", ["brightness 17 of 255", "below 50"]),
        ("blurred-slide", "PHO002", ["sharpness 3", "below 25"]),
        ("distant-slide", "PHO003", ["210 px wide", "2% of the photo", "360 px"]),
        ("backlit-speaker", "PHO004", ["covering 14%"]),
        ("small-photo", "PHO005", ["480×360"]),
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
    assert tips("with-gps")["PHO007"].photo_fix.action == "strip_metadata"  # type: ignore[union-attr]
    assert tips("slide-close-up", alt="")["PHO006"].photo_fix.action == "describe"  # type: ignore[union-attr]


def test_alt_text_rule_speaks_only_when_the_description_is_known() -> None:
    assert "PHO006" not in tips("slide-close-up", alt=None)
    assert "PHO006" in tips("slide-close-up", alt="   ")
    assert "PHO006" not in tips("slide-close-up", alt="Slide: most learning happens at work")


def test_options_move_the_thresholds() -> None:
    assert "PHO003" not in tips("distant-slide", settings=Settings({"rules.PHO003.min_width": 150}))
    assert "PHO001" in tips("distant-slide", settings=Settings({"rules.PHO001.min_brightness": 120}))
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
