"""The value types every platform returns: entities, lengths and reports.

All indices are code point indices into the text the caller passed in (plain
Python ``str`` indices), start inclusive and end exclusive, so
``text[e.start:e.end]`` is always the entity as written, sigil included.

They are values: nothing changes one after it is built. They are plain slotted
dataclasses rather than frozen ones because several are built for every draft,
and a frozen dataclass pays an ``object.__setattr__`` per field (a tenth of a
whole check).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "PLATFORMS",
    "Entities",
    "Entity",
    "EntityKind",
    "Length",
    "ParseResult",
    "Platform",
    "TextReport",
]

Platform = Literal["x", "bluesky", "mastodon"]
PLATFORMS: tuple[Platform, ...] = ("x", "bluesky", "mastodon")

EntityKind = Literal["hashtag", "mention", "url", "cashtag"]


@dataclass(slots=True)
class Entity:
    """A hashtag, mention, URL or cashtag found in a draft.

    ``text`` has no sigil for hashtags, mentions and cashtags (``"PyConUK"``,
    ``"jack"``); an X list mention keeps its slug (``"jack/speakers"``) and a
    Bluesky or Mastodon handle keeps its domain (``"ada.bsky.social"``,
    ``"ada@hachyderm.io"``). For URLs it is the URL exactly as written.
    """

    kind: EntityKind
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, str | int]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entities:
    """Entities of one draft, by kind, each tuple ordered by position."""

    hashtags: tuple[Entity, ...] = ()
    mentions: tuple[Entity, ...] = ()
    urls: tuple[Entity, ...] = ()
    cashtags: tuple[Entity, ...] = ()

    def all(self) -> tuple[Entity, ...]:
        """Every entity, ordered by start index."""
        merged = self.hashtags + self.mentions + self.urls + self.cashtags
        return tuple(sorted(merged, key=lambda e: e.start))

    def to_dict(self) -> dict[str, list[dict[str, str | int]]]:
        return {
            "hashtags": [e.to_dict() for e in self.hashtags],
            "mentions": [e.to_dict() for e in self.mentions],
            "urls": [e.to_dict() for e in self.urls],
            "cashtags": [e.to_dict() for e in self.cashtags],
        }


@dataclass(slots=True)
class Length:
    """How long a draft is in the platform's own unit, against its limit.

    ``weighted`` is X's weighted length (already divided by the config scale),
    Bluesky's grapheme count after its link shortening, or Mastodon's grapheme
    count of the "countable text". ``permillage`` is ``weighted`` per mille of
    the limit, floored, as twitter-text reports it. ``display_range`` and
    ``valid_range`` are inclusive ``(start, end)`` code point indices into the
    original text: all of it, and the part that still fits.
    """

    weighted: int
    limit: int
    valid: bool
    permillage: int = 0
    display_range: tuple[int, int] = (0, 0)
    valid_range: tuple[int, int] = (0, 0)

    @property
    def remaining(self) -> int:
        """Characters left before the limit (negative when over it)."""
        return self.limit - self.weighted

    def to_dict(self, *, full: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"weighted": self.weighted, "limit": self.limit, "valid": self.valid}
        if full:
            out["permillage"] = self.permillage
            out["display_range"] = list(self.display_range)
            out["valid_range"] = list(self.valid_range)
        return out


@dataclass(slots=True)
class TextReport:
    """Length and entities of one draft for one platform."""

    length: Length
    entities: Entities

    def to_dict(self) -> dict[str, object]:
        return {"length": self.length.to_dict(), "entities": self.entities.to_dict()}


@dataclass(slots=True)
class ParseResult:
    """twitter-text's ``parseTweet`` result, with code point indices.

    twitter-text itself reports the two ranges in UTF-16 code units; here they
    are Python ``str`` indices like everything else in this package. The
    valid range end keeps twitter-text's arithmetic: the index reached in the
    NFC-normalised text, shifted by how much normalisation changed the length.
    """

    weighted_length: int
    valid: bool
    permillage: int
    display_range_start: int
    display_range_end: int
    valid_range_start: int
    valid_range_end: int
