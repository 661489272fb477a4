"""Check a draft: measure it once, run every enabled rule, order the tips.

This is the one core used by the CLI, the HTTP API and (through the API) the
extension. It does no I/O: the caller resolves the event, session and
settings and passes them in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Sequence

from backchannel.context import ChatInfo, EventInfo, History, SessionInfo
from backchannel.rules import RULES, Draft, Level, Tip
from backchannel.rules.registry import PHOTO_CODES, PHOTO_RULES, text_codes
from backchannel.settings import DEFAULTS, Settings
from backchannel.text import Entities, Length, analyse
from backchannel.text.model import Platform

if TYPE_CHECKING:
    from backchannel.photos.model import AttachedPhoto

_SEVERITY = {Level.ERROR: 0, Level.WARNING: 1, Level.SUGGESTION: 2}
_NO_TAGS: frozenset[str] = frozenset()


@dataclass(slots=True)
class CheckResult:
    length: Length
    entities: Entities
    tips: tuple[Tip, ...]

    @property
    def has_error(self) -> bool:
        return any(t.level is Level.ERROR for t in self.tips)

    def to_dict(self) -> dict[str, Any]:
        return {
            "length": self.length.to_dict(),
            "entities": self.entities.to_dict(),
            "tips": [t.to_dict() for t in self.tips],
        }


def check_draft(
    text: str,
    *,
    platform: Platform = "x",
    event: EventInfo | None = None,
    session: SessionInfo | None = None,
    settings: Settings = DEFAULTS,
    history: History | None = None,
    reply_to: str | None = None,
    photos: Sequence[AttachedPhoto] = (),
    chat: ChatInfo | None = None,
) -> CheckResult:
    report = analyse(text, platform, limit=settings.limit(platform))
    if photos and event is not None:
        photos = with_context(photos, platform, event, session)
    if not text.strip():
        # An empty composer is not a mistake: report the length, coach nothing (but its photos, and the
        # text rules that speak about attached photos, such as a photo during a session not to be posted).
        photo_tips = check_photos(photos, settings)
        if photos:
            bare = Draft(text=text, platform=platform, report=report, event=event, session=session if event is not None else None, photos=photos)
            usable = text_codes(event=event is not None, session=bare.session is not None, history=history is not None)
            for code, options in settings.enabled_rules(tuple(c for c in usable if RULES[c].about_photos)):
                photo_tips.extend(RULES[code].check(bare, options))
        return CheckResult(report.length, report.entities, tuple(sorted(photo_tips, key=lambda t: _SEVERITY[t.level])))
    draft = Draft(
        text=text,
        platform=platform,
        report=report,
        event=event,
        session=session if event is not None else None,
        hashtags_folded=frozenset([h.text.casefold() for h in report.entities.hashtags]) if report.entities.hashtags else _NO_TAGS,
        folded=text.casefold(),
        history=history,
        reply_to=reply_to,
        photos=photos,
        chat=chat,
    )
    tips: list[Tip] = []
    codes = text_codes(event=event is not None, session=draft.session is not None, history=history is not None, chat=chat is not None)
    for code, options in settings.enabled_rules(codes):
        tips.extend(RULES[code].check(draft, options))
    tips.extend(check_photos(photos, settings))
    if len(tips) > 1:
        tips.sort(key=lambda t: _SEVERITY[t.level])
    return CheckResult(report.length, report.entities, tuple(tips))


def with_context(photos: Sequence[AttachedPhoto], platform: Platform, event: EventInfo, session: SessionInfo | None) -> list[AttachedPhoto]:
    """The photos with the session's speakers and the event's name, for the description PHO006 proposes."""
    speakers = [s.reference(platform) for s in session.speakers] if session is not None else []
    context = ", ".join([*speakers, event.name]) if event.name else ", ".join(speakers)
    return [replace(photo, context=context or None) for photo in photos]


def check_photos(photos: Sequence[AttachedPhoto], settings: Settings = DEFAULTS) -> list[Tip]:
    """Every enabled photo rule on every attached photo (photo rules read measurements, not text)."""
    if not photos:
        return []
    tips: list[Tip] = []
    for code, options in settings.enabled_rules(PHOTO_CODES):
        rule = PHOTO_RULES[code]
        for photo in photos:
            tips.extend(rule.check_photo(photo, options))
    return tips
