"""The session context snippet and the pre-event kit.

"Attach session context" inserts e.g.
``#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman``: the event
tag, the session tag, the title, and the speakers as this platform knows
them (their handle there, their name where they have none). It must leave
room for what the person wants to say, so it fits in half the platform's
limit: extra speakers become "+N", then the title is shortened. When the
programme has an abstract, one line of what the session is about follows on
its own line, for followers far away who never saw the programme, as long as
it fits the same budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backchannel.context import EventInfo, SessionInfo, SpeakerInfo
from backchannel.text import weighted_length
from backchannel.text.model import Platform

MIN_TITLE_CHARS = 12
ABOUT_CHARS = 100  # the most of an abstract the snippet carries
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
_MARKUP = re.compile(r"[*_#>`]+|\[([^\]]*)\]\([^)]*\)")


def about_line(abstract: str | None, max_chars: int = ABOUT_CHARS) -> str | None:
    """The first sentence of an abstract, without markup, cut at a word to ``max_chars``; None when there is none."""
    if not abstract:
        return None
    plain = " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", abstract).split())
    if not plain:
        return None
    first = _SENTENCE_END.split(plain, maxsplit=1)[0]
    if len(first) <= max_chars:
        return first
    cut = first[: max_chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return (cut or first[: max_chars - 1]) + "…"



def _compose(tags: list[str], title: str, speakers: list[str], extra: int) -> str:
    parts = [" ".join(tags)] if tags else []
    parts.append(f"“{title}”")
    if speakers:
        who = ", ".join(speakers) + (f" +{extra}" if extra else "")
        parts.append(f"— {who}")
    return " ".join(parts)


def session_snippet(event: EventInfo, session: SessionInfo, platform: Platform, limit: int) -> str:
    budget = max(limit // 2, 40)
    head = _head(event, session, platform, budget)
    if session.about:
        with_about = f"{head}\n{session.about}"
        if weighted_length(with_about, platform) <= budget:
            return with_about
    return head


def _head(event: EventInfo, session: SessionInfo, platform: Platform, budget: int) -> str:
    tags = ["#" + t for t in (event.hashtag, session.tag) if t]
    speakers = [s.reference(platform) for s in session.speakers]
    title = " ".join(session.title.split())
    shown = speakers
    while True:
        text = _compose(tags, title, shown, len(speakers) - len(shown))
        if weighted_length(text, platform) <= budget:
            return text
        if len(shown) > 1:
            shown = shown[:-1]
        elif len(title) > MIN_TITLE_CHARS:
            words = title.rstrip("…").split()
            title = (" ".join(words[:-1]) if len(words) > 1 else title[: len(title) // 2]).rstrip(" ,;:–—-") + "…"
        else:
            return text


@dataclass(frozen=True, slots=True)
class Kit:
    """What to prepare before the event: whom to follow, and an announcement."""

    follow: dict[str, list[str]]  # network -> handles
    without_handle: dict[str, list[str]]  # network -> speaker names with no handle there
    announcement: str

    def to_dict(self) -> dict[str, Any]:
        return {"follow": self.follow, "without_handle": self.without_handle, "announcement": self.announcement}


def event_kit(event: EventInfo, speakers: list[SpeakerInfo], platform: Platform, dates: str | None) -> Kit:
    follow: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}
    for network in ("x", "bluesky", "mastodon"):
        handles = sorted({s.handles[network] for s in speakers if s.handles.get(network)}, key=str.casefold)
        follow[network] = handles
        missing[network] = sorted((s.name for s in speakers if not s.handles.get(network)), key=str.casefold)
    when = f" ({dates})" if dates else ""
    tag = f" #{event.hashtag}" if event.hashtag else ""
    announcement = f"I'll be posting from {event.name}{when}: the talks, the ideas, and who said what. Follow along at{tag or ' the event'}!"
    return Kit(follow=follow, without_handle=missing, announcement=announcement)
