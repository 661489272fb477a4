"""Marking the words a search matched, as pieces of text (never markup).

The search (SQLite FTS5, unicode61 with diacritics removed) matches whole
words, case and accents aside, and a trailing ``*`` matches a prefix. The
same folding here marks the words it matched, so the page can show why a
post was found. The templates escape every piece, marked or not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    word: str  # folded
    prefix: bool


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def terms(q: str) -> tuple[Term, ...]:
    """The words of a search as the index sees them; a trailing * makes the last word of a term a prefix."""
    out: list[Term] = []
    for match in _PHRASE.finditer(q or ""):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        words = _WORD.findall(raw)
        prefix = phrase is None and raw.endswith("*")
        out.extend(Term(fold(w), prefix and i == len(words) - 1) for i, w in enumerate(words))
    return tuple(out)


def marks(text: str, wanted: tuple[Term, ...]) -> list[tuple[str, bool]]:
    """``text`` split into (piece, matched) pairs; the matched pieces are the searched words."""
    if not wanted or not text:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD.finditer(text):
        folded = fold(match.group(0))
        if any(folded.startswith(t.word) if t.prefix else folded == t.word for t in wanted):
            if match.start() > position:
                out.append((text[position : match.start()], False))
            out.append((match.group(0), True))
            position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out
