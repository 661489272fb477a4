"""Speaker names hidden inside session titles.

Some programmes (iCalendar feeds above all) have no speaker fields; the names
are in the title instead:

* ``"Threads Without Tears (talk by Priya Raman)"`` – PyCon UK style; also
  workshop/demo/panel/tutorial, several names joined by ``&``/``and``/commas,
  and an affiliation after a comma (``"(talk by Ines Duarte, University of X)"``).
* ``"Keynote: Sam Porter, Foundation Chair"`` / ``"Keynote: Maya Lindqvist - Title"``.
* ``"Title - Jane Doe, John Roe"`` – how pretalx writes its iCalendar summaries.
* ``"Title by Jane Doe"``.

Without an explicit "by", a name must look like a personal name (2–4
capitalised words, particles such as "van"/"de" allowed, no digits, no common
title words), so ``"Quokka - Declarative HTTP Fixtures"`` keeps its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KINDS = r"talk|workshop|tutorial|demo|panel|keynote|presentation|lightning talk|session|poster|sprint|discussion"
_PAREN_BY = re.compile(rf"^(?P<title>.*?)\s*\((?P<kind>{_KINDS})s?\s+by\s+(?P<names>[^()]+)\)\s*$", re.IGNORECASE)
_TRAILING_BY = re.compile(r"^(?P<title>.+?)[\s,]+(?:[-–—:]\s*)?by\s+(?P<names>[^()]+?)\s*$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?P<kind>(?:opening |closing |morning |afternoon )?keynote|plenary|fireside chat)\s*[:\-–—]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[-–—]\s+")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\+)\s*", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?P<name>(?:Dr|Prof|Professor|Sir|Dame)\.?\s+[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\b")
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "le",
        "la",
        "del",
        "della",
        "dos",
        "das",
        "bin",
        "al",
        "ter",
        "zu",
        "y",
        "e",
    }
)
# Words that start titles far more often than names; keeps "Title - Past Present Future" a title.
_TITLE_WORDS = frozenset(
    [
        "introduction",
        "intro",
        "overview",
        "update",
        "future",
        "past",
        "present",
        "part",
        "workshop",
        "talk",
        "session",
        "python",
        "django",
        "data",
        "testing",
        "guide",
        "tutorial",
        "beginners",
        "advanced",
        "day",
        "edition",
        "demo",
        "live",
        "deep",
        "dive",
        "reloaded",
        "revisited",
        "basics",
        "the",
        "a",
        "an",
        "lunch",
        "break",
        "coffee",
        "keynote",
        "panel",
        "discussion",
        "welcome",
        "opening",
        "closing",
        "q&a",
        "qa",
        "ama",
        "lightning",
        "talks",
        "networking",
        "registration",
        "dinner",
        "party",
        "social",
        "sprint",
        "sprints",
        "open",
        "space",
        "round",
        "table",
        "conclusion",
        "summary",
        "recap",
        "news",
        "state",
        "world",
        "new",
        "next",
        "how",
        "why",
        "what",
        "when",
        "where",
        "who",
        "building",
        "making",
        "using",
        "getting",
        "learning",
        "writing",
        "lessons",
        "learned",
        "learnt",
        "tips",
        "tricks",
        "best",
        "practices",
        "patterns",
        "beyond",
        "myths",
        "secrets",
        "story",
        "stories",
        "journey",
        "reality",
        "edition",
        "episode",
        "chapter",
        "version",
        "release",
        "roadmap",
        "status",
        "report",
        "review",
        "preview",
        "retrospective",
        "challenges",
        "solutions",
        "hands",
        "fun",
        "profit",
        "security",
        "performance",
        "scaling",
        "testing",
        "debugging",
        "deploying",
        "migrating",
        "modern",
        "legacy",
        "cloud",
        "native",
        "open",
        "source",
        "free",
        "software",
        "hardware",
        "web",
        "mobile",
        "apps",
        "app",
        "kubernetes",
        "docker",
        "linux",
        "rust",
        "java",
        "go",
    ]
)


@dataclass
class TitleSplit:
    """A title with the speaker names taken out of it."""

    title: str
    names: list[str] = field(default_factory=list)
    kind: str | None = None


def plausible_name(text: str, *, min_words: int = 2, max_words: int = 5) -> bool:
    """Does ``text`` look like one person's name?"""
    words = text.split()
    if not (min_words <= len(words) <= max_words):
        return False
    capitalised = 0
    for word in words:
        low = word.lower()
        if low in _PARTICLES:
            continue
        if not _WORD.match(word) or not word[0].isupper() or low in _TITLE_WORDS:
            return False
        # "HTTP", "AI", "API": acronyms are topics, not names (initials like "R." pass).
        if len(word) > 1 and word.isupper() and not word.endswith("."):
            return False
        capitalised += 1
    return capitalised >= min(min_words, 1) and capitalised >= 1


def _names(text: str, *, min_words: int) -> list[str]:
    """Split "A & B, Affiliation" into the parts that are names."""
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        part = part.strip(" .;:-–—")
        if part and plausible_name(part, min_words=min_words) and part not in names:
            names.append(part)
    return names


def split_title(title: str, *, speaker_suffix: bool = False) -> TitleSplit:
    """Find speaker names in ``title``.

    ``speaker_suffix`` says the source is known to write "Title - Names"
    (pretalx iCalendar), so the part after the last dash is taken as names
    without the look-like-a-name test.
    """
    text = " ".join(title.split())
    if not text:
        return TitleSplit(title="")
    match = _PAREN_BY.match(text)
    if match:
        names = _names(match.group("names"), min_words=1)
        if names:
            rest = match.group("title").strip() or text
            kind = match.group("kind").lower()
            prefix = _PREFIX.match(rest)
            return TitleSplit(title=rest, names=names, kind="keynote" if prefix else kind)
    if speaker_suffix:
        pieces = _DASH.split(text)
        if len(pieces) >= 2:
            names = [n.strip() for n in _NAME_SPLIT.split(pieces[-1]) if n.strip()]
            head = " - ".join(pieces[:-1]).strip()
            if names and head:
                return TitleSplit(title=head, names=names)
    prefix = _PREFIX.match(text)
    if prefix:
        rest = prefix.group("rest")
        kind = prefix.group("kind").lower()
        kind = "keynote" if "keynote" in kind else kind
        for sep in (_DASH, re.compile(r"\s*,\s*"), re.compile(r"\s*:\s*")):
            head = sep.split(rest, maxsplit=1)[0].strip()
            if head != rest and plausible_name(head):
                return TitleSplit(title=text, names=[head], kind=kind)
        if plausible_name(rest):
            return TitleSplit(title=text, names=[rest], kind=kind)
        honorific = _HONORIFIC.match(rest)
        if honorific:
            return TitleSplit(title=text, names=[honorific.group("name")], kind=kind)
        return TitleSplit(title=text, kind=kind)
    match = _TRAILING_BY.match(text)
    if match:
        names = _names(match.group("names"), min_words=2)
        if names and len(names) == len([p for p in _NAME_SPLIT.split(match.group("names")) if p.strip()]):
            return TitleSplit(title=match.group("title").strip(" -–—:,"), names=names)
    pieces = _DASH.split(text)
    if len(pieces) >= 2:
        tail = pieces[-1]
        parts = [p for p in _NAME_SPLIT.split(tail) if p.strip()]
        names = _names(tail, min_words=2)
        if names and len(names) == len(parts) and len(names) <= 4:
            return TitleSplit(title=" - ".join(pieces[:-1]).strip(), names=names)
    return TitleSplit(title=text)
