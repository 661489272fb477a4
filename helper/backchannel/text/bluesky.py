"""Bluesky: 300 graphemes, entities found the way the Bluesky app finds them.

Detection follows ``detectFacets`` in the atproto SDK (``@handle.domain``
mentions whose last label is a real TLD, links with or without ``http(s)://``
that start a word, ``#tags`` up to 64 characters). Length follows the
official app's composer, which counts ``shortenLinks(richtext)``: before
posting, the text of every ``http(s)://`` link is replaced by its short form
(host plus at most 13 characters of the path, then ``...``), so a long link
costs far less than its full length. Links typed without a protocol are kept
as written.
"""

from __future__ import annotations

import unicodedata

from .graphemes import grapheme_count, last_fitting_index
from .model import Entities, Entity
from .regexes import JS_WHITESPACE, JS_WHITESPACE_CHARS, LazyPattern
from .tld import tld_set

__all__ = ["LIMIT", "bluesky_analysis", "bluesky_entities", "bluesky_weighted_length", "short_url"]

LIMIT = 300
_MAX_TAG_LENGTH = 64

# Starts of a word: text start, after white space, or after "(".
_LEAD = rf"(?:\A|(?<=[{JS_WHITESPACE}(]))"
_ASCII_WORD_BOUNDARY = r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"
_MENTION_RE = LazyPattern(rf"{_LEAD}@([a-zA-Z0-9.\-]+){_ASCII_WORD_BOUNDARY}")
_URL_RE = LazyPattern(
    rf"{_LEAD}(?:([hH][tT][tT][pP][sS]?://[^{JS_WHITESPACE}]+)"
    rf"|([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)[^{JS_WHITESPACE}]*)"
)
# Characters that end a tag besides white space: soft hyphen and invisibles.
_TAG_STOP = JS_WHITESPACE_CHARS | frozenset("\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2")
_HASH_SIGN_RE = LazyPattern("[#\uff03]")
_ASCII_PUNCT = frozenset(chr(c) for c in range(128) if unicodedata.category(chr(c)).startswith("P"))


def _is_punct(c: str) -> bool:
    if c < "\x80":
        return c in _ASCII_PUNCT
    return unicodedata.category(c).startswith("P")


def _is_valid_domain(domain: str) -> bool:
    # The SDK compares against the lower-case list without folding case.
    dot = domain.rfind(".")
    return dot >= 0 and domain[dot + 1 :] in tld_set()


def _mentions(text: str) -> list[Entity]:
    if "@" not in text:
        return []
    found = []
    for m in _MENTION_RE.get().finditer(text):
        handle = m.group(1)
        if _is_valid_domain(handle) or handle.endswith(".test"):
            found.append(Entity("mention", handle, m.start(), m.end()))
    return found


def _links(text: str) -> list[Entity]:
    if "." not in text:
        return []
    found = []
    for m in _URL_RE.get().finditer(text):
        uri = m.group()
        # A link must start with "http" (case-sensitive) or have a real TLD.
        if not uri.startswith("http") and (m.group(2) is None or not _is_valid_domain(m.group(2))):
            continue
        end = m.end()
        if uri[-1] in ".,;:!?":
            end -= 1
        if text[end - 1] == ")" and "(" not in text[m.start() : end]:
            end -= 1
        found.append(Entity("url", text[m.start() : end], m.start(), end))
    return found


def _tags(text: str) -> list[Entity]:
    if "#" not in text and "\uff03" not in text:
        return []
    found = []
    n = len(text)
    for sign in _HASH_SIGN_RE.get().finditer(text):
        p = sign.start()
        if p > 0 and text[p - 1] not in JS_WHITESPACE_CHARS:
            continue
        end = p + 1
        while end < n and text[end] not in _TAG_STOP:
            end += 1
        tag = text[p + 1 : end]
        if not tag or tag[0] == "\ufe0f" or all(ch in "0123456789" or _is_punct(ch) for ch in tag):
            continue
        while tag and _is_punct(tag[-1]):
            tag = tag[:-1]
        utf16 = len(tag) + sum(1 for ch in tag if ch > "\uffff")
        if 0 < utf16 <= _MAX_TAG_LENGTH:
            found.append(Entity("hashtag", tag, p, p + 1 + len(tag)))
    return found


def bluesky_entities(text: str) -> Entities:
    """Hashtags, handle mentions and links as the Bluesky app detects them."""
    return Entities(hashtags=tuple(_tags(text)), mentions=tuple(_mentions(text)), urls=tuple(_links(text)))


# --- link shortening ----------------------------------------------------------

_PATH_ESCAPES = frozenset(' "<>`{}')
_QUERY_ESCAPES = frozenset(" \"<>'")
_FRAGMENT_ESCAPES = frozenset(' "<>`')
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _percent_encode(s: str, escapes: frozenset[str]) -> str:
    if s.isascii() and escapes.isdisjoint(s):
        return s
    return "".join(
        "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass")) if c > "\x7f" or c in escapes else c
        for c in s
    )


def _normalise_path(path: str) -> str:
    segments: list[str] = []
    parts = path.replace("\\", "/").split("/")[1:]
    for i, seg in enumerate(parts):
        last = i == len(parts) - 1
        if seg in (".", "%2e", "%2E"):
            if last:
                segments.append("")
        elif seg.lower() in ("..", ".%2e", "%2e.", "%2e%2e"):
            if segments:
                segments.pop()
            if last:
                segments.append("")
        else:
            segments.append(seg)
    return "/" + "/".join(segments)


def _host(netloc: str) -> tuple[str, str] | None:
    hostport = netloc.rpartition("@")[2]
    if hostport.startswith("["):
        host, sep, rest = hostport.partition("]")
        host, port = host + sep, rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = hostport.partition(":")
    if not host or (port and not (port.isdigit() and int(port) <= 65535)):
        return None
    host = host.lower()
    if not host.isascii():
        labels = []
        for label in unicodedata.normalize("NFC", host).split("."):
            labels.append(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii"))
        host = ".".join(labels)
    return host, port


def short_url(url: str) -> str:
    """The Bluesky app's ``toShortUrl``: how a link reads once posted."""
    if "://" not in url:
        return url  # the app's URL parser rejects it and keeps the text
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme not in ("http", "https"):
        return url
    host_port = _host(parts.netloc)
    if host_port is None:
        return url
    host, port = host_port
    if port and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{int(port)}"
    pathname = _percent_encode(_normalise_path(parts.path or "/"), _PATH_ESCAPES)
    search = "?" + _percent_encode(parts.query, _QUERY_ESCAPES) if parts.query else ""
    fragment = "#" + _percent_encode(parts.fragment, _FRAGMENT_ESCAPES) if parts.fragment else ""
    path = ("" if pathname == "/" else pathname) + search + fragment
    return host + (path[:13] + "..." if len(path) > 15 else path)


def _counted(text: str, links: list[Entity]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text as it will be posted, and the span each link will occupy."""
    pieces: list[str] = []
    fixed: list[tuple[int, int, int]] = []
    pos = 0
    for link in links:
        short = short_url(link.text)
        pieces.append(text[pos : link.start])
        pieces.append(short)
        fixed.append((link.start, link.end, grapheme_count(short)))
        pos = link.end
    pieces.append(text[pos:])
    return "".join(pieces), fixed


def bluesky_weighted_length(text: str, links: list[Entity] | None = None) -> int:
    if links is None:
        links = _links(text)
    if not links:
        return grapheme_count(text)
    return grapheme_count(_counted(text, links)[0])


def bluesky_analysis(text: str, limit: int = LIMIT) -> tuple[int, bool, int, Entities]:
    """``(weighted, valid, valid_end, entities)`` for ``text`` against ``limit``."""
    links = _links(text)
    counted, fixed = _counted(text, links) if links else (text, [])
    weighted = grapheme_count(counted)
    valid = 0 < weighted <= limit
    if weighted <= limit:
        valid_end = len(text) - 1 if text else 0
    else:
        valid_end = last_fitting_index(text, fixed, limit)
    entities = Entities(hashtags=tuple(_tags(text)), mentions=tuple(_mentions(text)), urls=tuple(links))
    return weighted, valid, valid_end, entities
