"""A post's text as pieces to render: plain text and links, never markup.

Tweets are attacker-controlled. Nothing here produces HTML: the templates
escape every piece, and a piece becomes a link only when its target is an
http(s) URL with a host and no spaces or control characters (so
``javascript:``, ``data:`` and friends stay text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    href: str | None = None


# A plain http(s) URL whose host is letters, digits, dots and dashes (an optional port), nothing else
# before the path: urlsplit would find the same scheme and a host in it, so the common link is
# accepted without splitting it (a page draws thousands). Anything else takes the full check below.
_PLAIN_HTTP = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.\-]+(?::[0-9]+)?(?:[/?#][^\x00-\x20\x7f-\x9f]*)?")


def safe_href(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) link, else None."""
    if not url:
        return None
    if _PLAIN_HTTP.fullmatch(url):
        return url
    if _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def pieces(text: str, entities: Mapping[str, Any]) -> list[Piece]:
    """Split ``text`` at its links; links that stand for attached photos are dropped (the photo is shown)."""
    return [Piece(part, href) for part, href in spans(text, entities)]


def spans(text: str, entities: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """``pieces`` as plain (text, href) pairs: what the review page draws for every post, without an object per piece."""
    media_urls = set(entities.get("media_urls") or ())
    targets: dict[str, tuple[str | None, str]] = {}
    for link in entities.get("urls") or ():
        # type() first: a stored link is a dict, and isinstance against the Mapping ABC costs more than the rest of the loop.
        if (type(link) is dict or isinstance(link, Mapping)) and link.get("url"):
            shown = str(link.get("display") or link.get("expanded") or link["url"])
            targets[str(link["url"])] = (safe_href(str(link.get("expanded") or link["url"])), shown)
    for url in media_urls:
        targets[str(url)] = (None, "")
    if not targets:
        return [(text, None)] if text else []
    out: list[tuple[str, str | None]] = []
    position = 0
    for start, url in _occurrences(text, targets):
        if start > position:
            out.append((text[position:start], None))
        href, shown = targets[url]
        if url in media_urls:
            pass
        elif href is not None:
            out.append((shown, href))
        else:
            out.append((url, None))
        position = start + len(url)
    if position < len(text):
        out.append((text[position:], None))
    return out


def _occurrences(text: str, targets: Mapping[str, Any]) -> list[tuple[int, str]]:
    """Where each link stands in the text, longest first where two overlap (plain finds: a post has a few links)."""
    found: list[tuple[int, str]] = []
    if len(targets) == 1:  # most linked posts: one link, its finds in order and never overlapping
        (url,) = targets
        start = text.find(url)
        while start >= 0:
            found.append((start, url))
            start = text.find(url, start + len(url))
        return found
    for url in sorted(targets, key=len, reverse=True):
        start = text.find(url)
        while start >= 0:
            if not any(s < start + len(url) and start < s + len(u) for s, u in found):
                found.append((start, url))
            start = text.find(url, start + len(url))
    return sorted(found)


def links(entities: Mapping[str, Any]) -> list[str]:
    """The post's safe outgoing links (photos' own t.co links excluded)."""
    media_urls = set(entities.get("media_urls") or ())
    found = []
    for link in entities.get("urls") or ():
        if isinstance(link, Mapping) and link.get("url") not in media_urls:
            href = safe_href(str(link.get("expanded") or link.get("url") or ""))
            if href and href not in found:
                found.append(href)
    return found
