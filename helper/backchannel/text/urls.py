"""URL extraction with twitter-text's rules (used by X and Mastodon).

Behaviour follows twitter-text's ``extractUrlsWithIndices``: URLs with or
without a protocol, a real TLD required, labels of at most 63 characters once
punycoded, URLs without protocol only for their ASCII part and never right
after ``-_./``, ``t.co`` links cut after the slug (and dropped when the slug is
over 40 characters).

Speed: the full pattern is only run on the whitespace-delimited runs that hold
a dot followed by a letter, so a typical draft never pays for it. Searching a
run instead of the whole text is exact because a URL never contains white
space and its match starts at most one character (the "preceding" one) before
the run.
"""

from __future__ import annotations

import re

from .regexes import (
    TCO_RE,
    URL_CANDIDATE_RE,
    ascii_domain_pattern_source,
    url_pattern_source,
)
from .tld import tld_alternation, tld_starts_at

__all__ = ["url_spans"]

Span = tuple[int, int]

_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_LABEL_LENGTH = 63
_DEFAULT_PROTOCOL_LENGTH = len("https://")
# Separators the punycode library treats as dots inside a label.
_IDEOGRAPHIC_DOTS = re.compile("[\u3002\uff0e\uff61]")

_url_re: re.Pattern[str] | None = None
_ascii_domain_re: re.Pattern[str] | None = None


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    global _url_re, _ascii_domain_re
    if _url_re is None or _ascii_domain_re is None:
        tlds = tld_alternation()
        _url_re = re.compile(url_pattern_source(tlds))
        _ascii_domain_re = re.compile(ascii_domain_pattern_source(tlds))
    return _url_re, _ascii_domain_re


def _encoded_length(label: str) -> int:
    """Length of ``label`` after punycode's ``toASCII`` (which also splits on 。)."""
    if label.isascii():
        return len(label)
    parts = _IDEOGRAPHIC_DOTS.split(label)
    total = len(parts) - 1
    for part in parts:
        total += len(part) if part.isascii() else 4 + len(part.encode("punycode"))
    return total


def _utf16_length(s: str) -> int:
    return len(s) + sum(1 for c in s if c > "\uffff")


def _is_valid_url(url: str, protocol_length: int, domain: str, ascii_domain_re: re.Pattern[str]) -> bool:
    if domain.startswith("xn--") and ascii_domain_re.search(domain) is None:
        return False  # punycode cannot contain non-ASCII characters
    for label in domain.split("."):
        if not 0 < _encoded_length(label) <= _MAX_LABEL_LENGTH:
            return False
    if protocol_length + 2 * len(url) <= _MAX_URL_LENGTH:
        return True
    return protocol_length + _utf16_length(url) <= _MAX_URL_LENGTH


def _run_bounds(text: str, dot: int, floor: int) -> tuple[int, int]:
    # Bounds of the run around ``dot``, widened to the nearest ' ' or '\n'
    # (other white space would only narrow it, and a wider window is safe).
    start = max(floor, text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), 0)
    ends = [i for i in (text.find(" ", dot), text.find("\n", dot)) if i >= 0]
    stop = min(ends) + 1 if ends else len(text)
    return start, stop


def url_spans(text: str, *, without_protocol: bool = True) -> list[Span]:
    """``(start, end)`` of every URL in ``text``, in order."""
    if "." not in text or (not without_protocol and ":" not in text):
        return []
    candidates = [m.start() for m in URL_CANDIDATE_RE.get().finditer(text)]
    if not candidates:
        return []
    url_re, ascii_domain_re = _patterns()
    spans: list[Span] = []
    last_end = 0
    i = 0
    n_candidates = len(candidates)
    while i < n_candidates:
        dot = candidates[i]
        if dot < last_end:
            i += 1
            continue
        start, stop = _run_bounds(text, dot, last_end)
        # Only run the full pattern where some dot is followed by a real TLD.
        j = i
        while j < n_candidates and candidates[j] < stop and not tld_starts_at(text, candidates[j] + 1):
            j += 1
        match = None if j == n_candidates or candidates[j] >= stop else url_re.search(text, start, stop)
        if match is None:
            while i < n_candidates and candidates[i] < stop:
                i += 1
            continue
        last_end = match.end()
        _collect(text, match, without_protocol, ascii_domain_re, spans)
    return spans


def _collect(
    text: str,
    match: re.Match[str],
    without_protocol: bool,
    ascii_domain_re: re.Pattern[str],
    spans: list[Span],
) -> None:
    before, url, protocol, domain = match.group(1, 2, 3, 4)
    url_start, url_end = match.span(2)
    protocol_length = len(protocol) if protocol else _DEFAULT_PROTOCOL_LENGTH
    if not _is_valid_url(url, protocol_length, domain, ascii_domain_re):
        return
    if protocol:
        tco = TCO_RE.get().match(text, url_start, url_end)
        if tco is not None:
            if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                return
            url_end = tco.end()
        spans.append((url_start, url_end))
        return
    if not without_protocol or (before and before[-1] in "-_./"):
        return
    # Without a protocol only the ASCII domains inside the match count: in
    # "日本語example.com" the URL is "example.com".
    domain_start = match.start(4)
    found = [(domain_start + m.start(), domain_start + m.end()) for m in ascii_domain_re.finditer(domain)]
    if not found:
        return
    if match.group(6):  # the path (and query) belong to the last domain
        found[-1] = (found[-1][0], url_end)
    spans.extend(found)

