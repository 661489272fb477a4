"""The rule table is complete and documented; every example behaves as documented."""

from __future__ import annotations

import re

import pytest

from backchannel.checker import check_draft
from backchannel.errors import NotFound
from backchannel.rules import RULES, Level, get_rule, resolve_code
from backchannel.rules.examples import example_chat, example_history, situation
from backchannel.rules.pho import PhotoExample


def test_registry_holds_the_catalogue() -> None:
    # Which codes there are is the table's to say; test_catalogue.py holds every one of them to its
    # docs, examples, file and tests. Here: each is filed under its own code, in six families.
    assert all(rule.code == code for code, rule in RULES.items())
    assert {code[:3] for code in RULES} == {"CHT", "CTX", "FLW", "GDE", "LEN", "PHO"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_complete_and_documented(code: str) -> None:
    rule = RULES[code]
    assert rule.code == code
    assert re.fullmatch(r"[A-Z]{3}\d{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), "names are kebab-case and describe the problem"
    assert isinstance(rule.level, Level)
    for section in ("what", "why", "example", "instead", "fix"):
        assert getattr(rule.docs, section).strip(), f"{code} lacks docs section {section!r}"
    assert rule.summary.strip()
    assert any(e.fires for e in rule.examples), f"{code} has no example that fires"
    assert any(not e.fires for e in rule.examples), f"{code} has no example that stays quiet"
    for option in rule.options:
        assert option.help.strip()


def test_names_are_unique() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


EXAMPLES = [(code, i, example) for code, rule in RULES.items() for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize(("code", "index", "example"), EXAMPLES, ids=[f"{c}-{i}" for c, i, _ in EXAMPLES])
def test_rule_examples(code: str, index: int, example) -> None:  # type: ignore[no-untyped-def]
    event, session = situation(example.situation)
    photos = example.photos() if isinstance(example, PhotoExample) else ()
    result = check_draft(example.text, platform=example.platform, event=event, session=session, history=example_history(example.situation), photos=photos,
                         chat=example_chat(example.situation))
    fired = [t for t in result.tips if t.code == code]
    assert bool(fired) == example.fires, f"{code} example {index}: {example.text!r} -> {[t.message for t in result.tips]}"
    for tip in fired:
        assert tip.level is RULES[code].level
        if tip.fix is not None:
            # A fix's edits, applied to the draft, give its result.
            text = example.text
            for edit in sorted(tip.fix.edits, key=lambda e: e.start, reverse=True):
                text = text[: edit.start] + edit.insert + text[edit.end :]
            assert text == tip.fix.result


def test_fixes_silence_their_rule() -> None:
    """Applying CTX001's and CTX002's fixes makes the tips go away."""
    event, session = situation("session")
    text = "Most learning happens in the flow of work, says @priyaraman"
    for code in ("CTX001", "CTX002"):
        tip = next(t for t in check_draft(text, event=event, session=session).tips if t.code == code)
        assert tip.fix is not None
        text = tip.fix.result
    assert text.endswith("#LT13 #LT13A1")
    assert not {"CTX001", "CTX002"} & {t.code for t in check_draft(text, event=event, session=session).tips}


def test_codes_and_names_resolve() -> None:
    assert resolve_code("ctx004") == "CTX004"
    assert get_rule("unattributed-quote").code == "CTX004"
    with pytest.raises(NotFound):
        resolve_code("NOPE01")


def test_event_aware_rules_are_silent_without_an_event() -> None:
    result = check_draft("Nobody names anyone here and there is no tag at all")
    assert not {t.code for t in result.tips} & {"CTX001", "CTX002", "CTX003", "LEN002"}


def test_empty_draft_gets_no_tips() -> None:
    event, session = situation("session")
    assert check_draft("   ", event=event, session=session).tips == ()
