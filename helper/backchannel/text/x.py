"""X's weighted length, as twitter-text's ``parseTweet`` computes it.

The text is NFC-normalised, then every URL weighs ``transformed_url_length``,
every emoji sequence (v3) the default weight, and every other code point the
weight of the range it falls in. Instead of twitter-text's loop over every
character, the total is computed by counting characters per weight class with
one C-level scan and correcting for the URL and emoji spans; the per-character
walk only runs to find where an over-long (or invalid) draft stops fitting.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .config import DEFAULT_CONFIG, TwitterTextConfig
from .model import ParseResult
from .regexes import EMOJI, EMOJI_JOINER_RE, INVALID_CHARS, INVALID_RE
from .urls import url_spans

__all__ = ["Measurement", "emoji_spans", "measure", "nfc", "parse_tweet", "weighted_length"]

Span = tuple[int, int]


def nfc(text: str) -> str:
    """NFC form of ``text`` (the very same object when nothing changes)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def emoji_spans(text: str) -> list[Span]:
    """Spans of emoji made of several code points (flags, ZWJ, skin tones...).

    Single-code-point emoji are left out on purpose: none of them lies in a
    weight-1 range, so they already weigh the default like any other symbol.
    """
    if text.isascii() or EMOJI_JOINER_RE.get().search(text) is None:
        return []
    return [m.span() for m in EMOJI.get().finditer(text) if m.end() - m.start() > 1]


class _Weigher:
    """Per-config character weights, computed a class of characters at a time."""

    __slots__ = ("ascii_weight", "classes", "default", "ranges")

    def __init__(self, config: TwitterTextConfig) -> None:
        self.default = config.default_weight
        # twitter-text weighs an astral character by its low surrogate, which
        # no real range covers; ranges therefore only apply inside the BMP.
        self.ranges = [(r.start, min(r.end, 0xFFFF), r.weight) for r in config.ranges if r.start <= 0xFFFF]
        ascii_weights = {self.char_weight(chr(c)) for c in range(128)}
        self.ascii_weight = ascii_weights.pop() if len(ascii_weights) == 1 else None
        by_weight: dict[int, list[str]] = {}
        for start, end, weight in self.ranges:
            if weight != self.default:
                by_weight.setdefault(weight, []).append(f"{re.escape(chr(start))}-{re.escape(chr(end))}")
        self.classes = [
            (re.compile(f"[{''.join(parts)}]+"), weight - self.default) for weight, parts in by_weight.items()
        ]

    def char_weight(self, c: str) -> int:
        cp = ord(c)
        for start, end, weight in self.ranges:
            if start <= cp <= end:
                return weight
        return self.default

    def weight(self, s: str) -> int:
        if self.ascii_weight is not None and s.isascii():
            return len(s) * self.ascii_weight
        total = len(s) * self.default
        for pattern, delta in self.classes:
            total += delta * sum(map(len, pattern.findall(s)))
        return total


# Keyed by identity: hashing a config walks all its ranges, on every draft. The config is
# kept beside its weigher, so an id is never reused while its entry lives.
_weighers: dict[int, tuple[TwitterTextConfig, _Weigher]] = {}


def _weigher(config: TwitterTextConfig) -> _Weigher:
    entry = _weighers.get(id(config))
    if entry is None or entry[0] is not config:
        entry = _weighers[id(config)] = (config, _Weigher(config))
    return entry[1]


def _units(urls: list[Span], emojis: list[Span]) -> list[tuple[int, int, bool]]:
    """URL and emoji spans in text order, as twitter-text's loop meets them.

    The loop jumps over a whole unit, so a span starting inside an earlier one
    is never seen; at the same position a URL wins over an emoji.
    """
    if not emojis:
        return [(s, e, True) for s, e in urls]
    merged = sorted([(s, e, True) for s, e in urls] + [(s, e, False) for s, e in emojis], key=lambda u: (u[0], not u[2]))
    units: list[tuple[int, int, bool]] = []
    pos = 0
    for unit in merged:
        if unit[0] >= pos:
            units.append(unit)
            pos = unit[1]
    return units


class Measurement:
    """Everything ``parseTweet`` knows about one text, in scaled units."""

    __slots__ = ("display_end", "permillage", "scaled", "valid", "valid_end", "weighted")

    def __init__(
        self, scaled: int, valid: bool, weighted: int, permillage: int, display_end: int, valid_end: int
    ) -> None:
        self.scaled = scaled
        self.valid = valid
        self.weighted = weighted
        self.permillage = permillage
        self.display_end = display_end
        self.valid_end = valid_end


def _scaled_total(norm: str, units: list[tuple[int, int, bool]], config: TwitterTextConfig, w: _Weigher) -> int:
    total = w.weight(norm)
    url_weight = config.transformed_url_length * config.scale
    for start, end, is_url in units:
        total += (url_weight if is_url else config.default_weight) - w.weight(norm[start:end])
    return total


def _last_fitting_index(norm: str, units: list[tuple[int, int, bool]], config: TwitterTextConfig, w: _Weigher) -> int:
    """Index of the last character that still fits and precedes any invalid one.

    A run of ASCII between units is settled by arithmetic (every character weighs the
    same, and none is invalid); other runs are walked a character at a time."""
    limit = config.max_scaled_length
    url_weight = config.transformed_url_length * config.scale
    total = 0
    fitting = 0
    pos = 0
    pending = iter(units)
    unit = next(pending, None)
    n = len(norm)
    while pos < n:
        if unit is not None and unit[0] == pos:
            total += url_weight if unit[2] else config.default_weight
            last = unit[1] - 1
            unit = next(pending, None)
            if norm[last] in INVALID_CHARS or total > limit:
                break
            fitting = last
            pos = last + 1
            continue
        stop = unit[0] if unit is not None else n
        if w.ascii_weight is not None and norm[pos:stop].isascii():
            room = (limit - total) // w.ascii_weight  # characters of this run that still fit
            if room < stop - pos:
                return pos + room - 1 if room > 0 else fitting
            total += (stop - pos) * w.ascii_weight
            fitting = stop - 1
            pos = stop
            continue
        while pos < stop:
            total += w.char_weight(norm[pos])
            if norm[pos] in INVALID_CHARS or total > limit:
                return fitting
            fitting = pos
            pos += 1
    return fitting


def measure(
    text: str,
    config: TwitterTextConfig = DEFAULT_CONFIG,
    *,
    norm: str | None = None,
    urls: list[Span] | None = None,
) -> Measurement:
    """Weigh ``text``; ``norm``/``urls`` may be passed in when already known."""
    if norm is None:
        norm = nfc(text)
    if urls is None:
        urls = url_spans(norm)
    emojis = emoji_spans(norm) if config.emoji_parsing_enabled else []
    units = _units(urls, emojis)
    w = _weigher(config)
    scaled = _scaled_total(norm, units, config, w)
    limit = config.max_scaled_length
    has_invalid = not norm.isascii() and INVALID_RE.get().search(norm) is not None
    valid = not has_invalid and 0 < scaled <= limit
    weighted = scaled // config.scale
    # Floating point on purpose: twitter-text floors a double, and so must we.
    permillage = math.floor((scaled / config.scale) / config.max_weighted_tweet_length * 1000)
    display_end = len(text) - 1 if text else 0
    if not has_invalid and scaled <= limit:
        fitting = len(norm) - 1 if norm else 0
    else:
        fitting = _last_fitting_index(norm, units, config, w)
    # twitter-text maps the index back by the change in length; when NFC made
    # the text longer that can go below 0, which is clamped here.
    valid_end = max(0, fitting + len(text) - len(norm))
    return Measurement(scaled, valid, weighted, permillage, display_end, valid_end)


def parse_tweet(text: str, config: TwitterTextConfig = DEFAULT_CONFIG) -> ParseResult:
    """twitter-text's ``parseTweet`` (ranges as code point indices, see ParseResult)."""
    m = measure(text, config)
    return ParseResult(
        weighted_length=m.weighted,
        valid=m.valid,
        permillage=m.permillage,
        display_range_start=0,
        display_range_end=m.display_end,
        valid_range_start=0,
        valid_range_end=m.valid_end,
    )


def weighted_length(text: str, config: TwitterTextConfig = DEFAULT_CONFIG) -> int:
    """Just the weighted length: the cheapest question to ask."""
    norm = nfc(text)
    urls = url_spans(norm)
    emojis = emoji_spans(norm) if config.emoji_parsing_enabled else []
    return _scaled_total(norm, _units(urls, emojis), config, _weigher(config)) // config.scale
