"""The one table of rules: code -> rule.

Codes are stable and never reused. A renamed or merged rule keeps working
under its old code through ``ALIASES``; a rule's kebab-case name is accepted
wherever a code is.
"""

from __future__ import annotations

from typing import Mapping

from backchannel.errors import NotFound
from backchannel.rules.base import Rule
from backchannel.rules.ctx import BareLink, MissingEventHashtag, MissingSessionTag, MissingSpeakerContext, UnattributedQuote
from backchannel.rules.flow_rules import HashtagOverload
from backchannel.rules.flw import NearDuplicate, SessionNotIntroduced, ThreadNotContinued
from backchannel.rules.len import NearLengthLimit, OverLength
from backchannel.rules.pho import (
    BacklitSubject,
    LocationMetadata,
    LowResolution,
    MissingAltText,
    PhotoBlurry,
    PhotoTooDark,
    TextTooSmall,
)

RULES: Mapping[str, Rule] = {
    rule.code: rule
    for rule in (
        MissingEventHashtag(),
        MissingSessionTag(),
        MissingSpeakerContext(),
        UnattributedQuote(),
        BareLink(),
        OverLength(),
        NearLengthLimit(),
        HashtagOverload(),
        SessionNotIntroduced(),
        ThreadNotContinued(),
        NearDuplicate(),
        PhotoTooDark(),
        PhotoBlurry(),
        TextTooSmall(),
        BacklitSubject(),
        LowResolution(),
        MissingAltText(),
        LocationMetadata(),
    )
}

# Old code -> current code, for rules that were renamed or merged.
ALIASES: Mapping[str, str] = {}

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
