"""Grapheme counting for the platforms that limit user-perceived characters.

Bluesky and Mastodon both count extended grapheme clusters, so a flag, a ZWJ
family or an accented letter written with a combining mark is one character.
Pure-ASCII text (most drafts) is counted without the ``regex`` module: there
the only multi-code-point cluster is CR LF.
"""

from __future__ import annotations

from .regexes import GRAPHEME

__all__ = ["grapheme_count", "last_fitting_index"]


def grapheme_count(text: str) -> int:
    if text.isascii():
        return len(text) - text.count("\r\n")
    return len(GRAPHEME.get().findall(text))


def _grapheme_ends(text: str, start: int, end: int) -> list[int]:
    if text.isascii():
        ends = []
        i = start
        while i < end:
            i += 2 if text.startswith("\r\n", i) and i + 1 < end else 1
            ends.append(i)
        return ends
    return [m.end() for m in GRAPHEME.get().finditer(text, start, end)]


def last_fitting_index(text: str, fixed: list[tuple[int, int, int]], limit: int) -> int:
    """Inclusive index of the last character that still fits in ``limit``.

    ``fixed`` lists sorted, non-overlapping ``(start, end, weight)`` spans that
    count as ``weight`` characters whatever they contain (a Mastodon URL is
    23); everything else counts one per grapheme. Returns 0 when nothing fits,
    like twitter-text.
    """
    total = 0
    fitting = 0
    pos = 0
    for start, end, weight in [*fixed, (len(text), len(text), 0)]:
        for stop in _grapheme_ends(text, pos, start):
            total += 1
            if total > limit:
                return fitting
            fitting = stop - 1
        if start < end:
            total += weight
            if total > limit:
                return fitting
            fitting = end - 1
        pos = end
    return fitting
