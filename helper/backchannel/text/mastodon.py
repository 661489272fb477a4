"""Mastodon: 500 characters counted the way ``StatusLengthValidator`` counts.

The validator measures the "countable text": every URL with a protocol
(found by twitter-text's extractor, URLs without protocol are plain text here)
is replaced by 23 characters and every mention by ``@username`` alone, so
``@ada@hachyderm.io`` costs 4 characters. The result is counted in grapheme
clusters; a blank status counts 0. Mentions and hashtags are found with
Mastodon's own patterns (``Account::MENTION_RE``, ``Tag::HASHTAG_RE``).
"""

from __future__ import annotations

import re
from typing import Any

from .extract import remove_overlaps, split_by_kind
from .graphemes import grapheme_count, last_fitting_index
from .model import Entities, Entity
from .regexes import END_MENTION_RE, LazyPattern, LazyUnicodePattern
from .urls import url_spans

__all__ = ["LIMIT", "URL_LENGTH", "mastodon_analysis", "mastodon_entities", "mastodon_weighted_length"]

LIMIT = 500
URL_LENGTH = 23

# Ruby's [[:word:]], \w and [[:alpha:]], as ASCII sets for ASCII drafts and as
# Unicode properties (``regex`` module) for the rest.
_ASCII_CLASSES = {"WORD": "A-Za-z0-9_", "RUBYW": "A-Za-z0-9_", "ALPHA": "A-Za-z"}
_UNICODE_CLASSES = {"WORD": r"\p{L}\p{M}\p{Nd}\p{Pc}", "RUBYW": r"\p{L}\p{M}\p{N}\p{Pc}", "ALPHA": r"\p{Alphabetic}"}

_USERNAME = r"[A-Za-z0-9_]+(?:[.\-]+[A-Za-z0-9_]+)*"
_MENTION = rf"(?<![=/{{WORD}}])@({_USERNAME}(?:@[{{WORD}}]+(?:[.\-]+[{{WORD}}]+)*)?)"
_SEPARATORS = "_\u00b7\u30fb\u200c"
_HASHTAG_NAME = (
    rf"([{{WORD}}_][{{WORD}}{_SEPARATORS}]*[{{ALPHA}}{_SEPARATORS}][{{WORD}}{_SEPARATORS}]*[{{WORD}}_])"
    rf"|([{{WORD}}_]*[{{ALPHA}}][{{WORD}}_]*)"
)
_HASHTAG = rf"(?m)(?:^|[^/){{RUBYW}}])#({_HASHTAG_NAME})"


class _DualPattern:
    """One pattern, with ``re`` for ASCII text and ``regex`` otherwise."""

    __slots__ = ("_ascii", "_unicode")

    def __init__(self, template: str) -> None:
        self._ascii = LazyPattern(template.format(**_ASCII_CLASSES))
        self._unicode = LazyUnicodePattern(template.format(**_UNICODE_CLASSES))

    def for_text(self, text: str) -> Any:
        return self._ascii.get() if text.isascii() else self._unicode.get()


_MENTION_RE = _DualPattern(_MENTION)
_HASHTAG_RE = _DualPattern(_HASHTAG)
_TRAILING_PROTOCOL = LazyPattern(r"(.+)(https?)\Z", re.DOTALL)


def _mentions(text: str) -> list[Entity]:
    if "@" not in text:
        return []
    found = []
    for m in _MENTION_RE.for_text(text).finditer(text):
        if END_MENTION_RE.get().match(text, m.end()):
            continue
        found.append(Entity("mention", m.group(1), m.start(1) - 1, m.end(1)))
    return found


def _hashtags(text: str) -> list[Entity]:
    if "#" not in text:
        return []
    found = []
    for m in _HASHTAG_RE.for_text(text).finditer(text):
        name, end = m.group(1), m.end(1)
        if text.startswith("://", end):
            # "#foohttp://..." keeps "foo": the protocol starts a link.
            cut = _TRAILING_PROTOCOL.get().match(name)
            if cut is not None:
                name, end = cut.group(1), end - len(cut.group(2))
        found.append(Entity("hashtag", name, m.start(1) - 1, end))
    return found


def _urls(text: str) -> list[Entity]:
    return [Entity("url", text[s:e], s, e) for s, e in url_spans(text, without_protocol=False)]


def mastodon_entities(text: str) -> Entities:
    """URLs with a protocol, hashtags and local or remote mentions."""
    found = _urls(text) + _hashtags(text) + _mentions(text)
    return split_by_kind(remove_overlaps(found) if len(found) > 1 else found)


def _countable(text: str, urls: list[Entity], mentions: list[Entity]) -> tuple[str, list[tuple[int, int, int]]]:
    """The countable text, and the fixed-length span each entity becomes."""
    if not text.strip():
        return "", []
    if not urls and not mentions:
        return text, []
    pieces: list[str] = []
    fixed: list[tuple[int, int, int]] = []
    pos = 0
    for e in remove_overlaps(urls + mentions):
        replacement = "x" * URL_LENGTH if e.kind == "url" else "@" + e.text.split("@", 1)[0]
        pieces.append(text[pos : e.start])
        pieces.append(replacement)
        fixed.append((e.start, e.end, len(replacement)))
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), fixed


def mastodon_weighted_length(text: str) -> int:
    return grapheme_count(_countable(text, _urls(text), _mentions(text))[0])


def mastodon_analysis(text: str, limit: int = LIMIT) -> tuple[int, bool, int, Entities]:
    """``(weighted, valid, valid_end, entities)`` for ``text`` against ``limit``."""
    urls, mentions = _urls(text), _mentions(text)
    countable, fixed = _countable(text, urls, mentions)
    weighted = grapheme_count(countable)
    valid = 0 < weighted <= limit
    if weighted <= limit:
        valid_end = len(text) - 1 if text else 0
    else:
        valid_end = last_fitting_index(text, fixed, limit)
    found = urls + _hashtags(text) + mentions
    entities = split_by_kind(remove_overlaps(found) if len(found) > 1 else found)
    return weighted, valid, valid_end, entities
