"""The one table of rules: code -> rule, and which of them run on what.

Codes are stable and never reused. A renamed or merged rule keeps working
under its old code through ``ALIASES``; a rule's kebab-case name is accepted
wherever a code is. A rule's code names its file: CHT… (weekly chats) in ``rules/cht.py``, CTX… in ``rules/ctx.py``,
FLW… in ``rules/flw.py``, GDE… (the live-posting guide's other advice) in
``rules/gde.py``, LEN… in ``rules/len.py``, PHO… in ``rules/pho.py``.

What a rule reads decides when it runs, and only this module decides it: a
text rule (``needs`` "nothing", "event", "session" or "chat") runs on the draft when
what it needs is there, and only when the user's history is known if it
reads history; a photo rule (``needs`` "photo") runs on each attached photo.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Mapping, Protocol

from backchannel.errors import NotFound
from backchannel.rules.base import Rule
from backchannel.rules.cht import AnswerNumberMismatch, ChatAnswerTooLongWithTag, ChatHashtagMissing
from backchannel.rules.ctx import (
    BareLink,
    MissingEventHashtag,
    MissingSessionTag,
    MissingSpeakerContext,
    SessionNotIntroduced,
    UnattributedQuote,
)
from backchannel.rules.flw import HashtagOverload, NearDuplicate, ThreadNotContinued
from backchannel.rules.gde import (
    FollowersNotToldFirst,
    PhotoInSessionNotToBePosted,
    PostingTooFast,
    ProgrammeLinkMissing,
    QuotesWithoutThought,
    SessionNotClosed,
    SessionNotToBePosted,
    TimeWithoutZone,
)
from backchannel.rules.len import NearLengthLimit, OverLength
from backchannel.rules.pho import (
    BacklitSubject,
    LocationMetadata,
    LowResolution,
    MissingAltText,
    PhotoBlurry,
    PhotoRule,
    PhotoTooDark,
    TextTooSmall,
)

# The order is the catalogue's, and the order in which tips of one level are shown.
RULES: Mapping[str, Rule] = {
    "CTX001": MissingEventHashtag(),
    "CTX002": MissingSessionTag(),
    "CTX003": MissingSpeakerContext(),
    "CTX004": UnattributedQuote(),
    "CTX005": BareLink(),
    "LEN001": OverLength(),
    "LEN002": NearLengthLimit(),
    "FLW003": HashtagOverload(),
    "CTX006": SessionNotIntroduced(),
    "FLW001": ThreadNotContinued(),
    "FLW002": NearDuplicate(),
    "GDE001": SessionNotToBePosted(),
    "GDE002": PhotoInSessionNotToBePosted(),
    "GDE003": QuotesWithoutThought(),
    "GDE004": ProgrammeLinkMissing(),
    "GDE005": FollowersNotToldFirst(),
    "GDE006": PostingTooFast(),
    "GDE007": TimeWithoutZone(),
    "GDE008": SessionNotClosed(),
    "CHT001": ChatHashtagMissing(),
    "CHT002": AnswerNumberMismatch(),
    "CHT003": ChatAnswerTooLongWithTag(),
    "PHO001": PhotoTooDark(),
    "PHO002": PhotoBlurry(),
    "PHO003": TextTooSmall(),
    "PHO004": BacklitSubject(),
    "PHO005": LowResolution(),
    "PHO006": MissingAltText(),
    "PHO007": LocationMetadata(),
}

# Old code -> current code, for rules that were renamed or merged.
ALIASES: Mapping[str, str] = {}


def _photo_rules() -> Mapping[str, PhotoRule]:
    photo: dict[str, PhotoRule] = {}
    for code, rule in RULES.items():
        if rule.code != code:
            raise RuntimeError(f"the rule table files {type(rule).__name__} ({rule.code}) under {code}")
        if (rule.needs == "photo") != isinstance(rule, PhotoRule):
            raise RuntimeError(f"{code}: a photo rule needs 'photo', and only a photo rule does")
        if isinstance(rule, PhotoRule):
            photo[code] = rule
    return photo


PHOTO_RULES: Mapping[str, PhotoRule] = _photo_rules()
PHOTO_CODES: tuple[str, ...] = tuple(PHOTO_RULES)
TEXT_CODES: tuple[str, ...] = tuple(code for code in RULES if code not in PHOTO_RULES)


@cache
def text_codes(*, event: bool, session: bool, history: bool, chat: bool = False) -> tuple[str, ...]:
    """The text rules that can speak on a draft with or without an event, a current
    session, the user's history and a live chat, in table order (whether each is
    switched on is the settings' business)."""
    runnable = {"nothing": True, "event": event, "session": event and session, "chat": chat}
    return tuple(code for code in TEXT_CODES if runnable[RULES[code].needs] and (history or not RULES[code].reads_history))


class _Settings(Protocol):
    def get(self, name: str) -> Any: ...

    def rule_enabled(self, code: str) -> bool: ...


def recent_hours(settings: _Settings) -> float:
    """How many hours of recent posts the switched-on history rules read (0: none do), so
    whoever fetches the history need not know which rule reads it or under what option."""
    hours = [
        float(settings.get(f"rules.{code}.{rule.recent_hours_option}"))
        for code, rule in RULES.items()
        if rule.recent_hours_option is not None and settings.rule_enabled(code)
    ] + [
        float(settings.get(f"rules.{code}.{rule.recent_minutes_option}")) / 60
        for code, rule in RULES.items()
        if rule.recent_minutes_option is not None and settings.rule_enabled(code)
    ] + [float(rule.recent_hours) for code, rule in RULES.items() if rule.recent_hours is not None and settings.rule_enabled(code)]
    return max(hours, default=0.0)


_BY_NAME = {rule.name: code for code, rule in RULES.items()}


def resolve_code(code_or_name: str) -> str:
    """The current code for a code, an old code or a rule name; NotFound otherwise."""
    key = code_or_name.strip()
    upper = key.upper()
    if upper in RULES:
        return upper
    if upper in ALIASES:
        return ALIASES[upper]
    if key.lower() in _BY_NAME:
        return _BY_NAME[key.lower()]
    raise NotFound(
        f"There is no rule {code_or_name!r}. Known rules: {', '.join(RULES)}.",
        details={"rule": code_or_name},
    )


def get_rule(code_or_name: str) -> Rule:
    return RULES[resolve_code(code_or_name)]
