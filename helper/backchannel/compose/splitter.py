"""Split an over-long draft into a numbered thread.

Parts break at sentence boundaries first, then at clause boundaries, then
between words, and only cut inside a word that alone is over the limit. The
hashtags that end the draft (the event and session tags) are carried into
every part, because every post of a thread is read on its own too. Each part
is measured with the platform's own counting, numbering included.
"""

from __future__ import annotations

import re
from typing import Callable

from backchannel.text import weighted_length
from backchannel.text.model import Platform
from backchannel.text.regexes import GRAPHEME

_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:—–])\s+")
_TRAILING_TAGS = re.compile(r"(?:\s+[#＃][^\s#＃]+)+\s*$")

# Past this a thread would run to hundreds of posts: no fix is offered.
MAX_SPLIT_CHARS = 20_000

Measure = Callable[[str], int]


def _finer(unit: str, level: int) -> tuple[list[str], str]:
    """The next finer units of ``unit`` and how to join them back."""
    if level == 0:
        return [u for u in _SENTENCE_END.split(unit) if u], " "
    if level == 1:
        return [u for u in _CLAUSE_END.split(unit) if u], " "
    if level == 2:
        return unit.split(), " "
    # Cut between graphemes, never inside a flag or an accented letter (ASCII needs no regex module).
    return (list(unit) if unit.isascii() else GRAPHEME.get().findall(unit)), ""


def _pack(unit: str, level: int, fits: Callable[[str], bool]) -> list[str]:
    pieces, joiner = _finer(unit, level)
    if level < 3 and len(pieces) <= 1 and not fits(unit):
        return _pack(unit, level + 1, fits)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = piece if not current else current + joiner + piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            parts.append(current)
            current = ""
        if fits(piece) or level >= 3:
            current = piece
            continue
        finer = _pack(piece, level + 1, fits)
        parts.extend(finer[:-1])
        current = finer[-1]
    if current:
        parts.append(current)
    return parts


def split_thread(text: str, platform: Platform, limit: int) -> tuple[str, ...] | None:
    """The parts of a numbered thread, each within ``limit``; None if it cannot be done."""
    text = text.strip()
    if not text or len(text) > MAX_SPLIT_CHARS:
        return None
    measure: Measure = lambda s: weighted_length(s, platform)  # noqa: E731
    tags_match = _TRAILING_TAGS.search(text)
    tags = ""
    body = text
    if tags_match and tags_match.start() > 0:
        candidate_tags = " ".join(tags_match.group(0).split())
        # Tags that eat a third of every part are not worth repeating.
        if measure(candidate_tags) * 3 <= limit:
            tags = candidate_tags
            body = text[: tags_match.start()].rstrip()
    digits = 1
    while digits <= 4:
        widest = 10**digits - 1
        suffix = (" " + tags if tags else "") + f" {widest}/{widest}"

        def fits(s: str, suffix: str = suffix) -> bool:  # suffix bound now, not looked up when called
            return measure(s + suffix) <= limit

        parts = _pack(body, 0, fits)
        if len(parts) <= widest:
            total = len(parts)
            tail = " " + tags if tags else ""
            return tuple(f"{part}{tail} {i}/{total}" for i, part in enumerate(parts, 1))
        digits += 1
    return None
