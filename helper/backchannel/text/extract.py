"""Hashtags, mentions, cashtags and replies as X's twitter-text finds them.

Each extractor jumps straight to the sigils (``#``, ``@``, ``$``) instead of
running a pattern over the whole draft, then checks the character before the
sigil by hand. ``last_end`` reproduces the one subtle part of a regex scan:
a rejected match still consumes its text, so the next candidate must start
after it.
"""

from __future__ import annotations

import unicodedata

from .model import Entities, Entity
from .regexes import (
    AT_SIGN_RE,
    CASHTAG_RE,
    DIGITS_RUN_RE,
    END_HASHTAG_RE,
    END_MENTION_RE,
    HASH_SIGN_RE,
    HASHTAG_BODY,
    HASHTAG_BODY_ASCII_RE,
    HASHTAG_SPECIAL_CHARS,
    MENTION_BLOCKED_BEFORE,
    REPLY_RE,
    RT_BLOCKED_BEFORE,
    RT_PREFIXES,
    SCREEN_NAME_RE,
    SPACE_CHARS,
)
from .urls import url_spans

__all__ = [
    "cashtag_entities",
    "extract_reply",
    "hashtag_entities",
    "mention_entities",
    "remove_overlaps",
    "url_entities",
    "x_entities",
]


def _is_hashtag_char(c: str) -> bool:
    """Letter, mark, decimal digit or one of twitter-text's joiners."""
    if c < "\x80":
        return c.isalnum() or c == "_"
    if c in HASHTAG_SPECIAL_CHARS:
        return True
    category = unicodedata.category(c)
    return category[0] in "LM" or category == "Nd"


def _hashtag_body_end(text: str, start: int) -> int:
    """End of the hashtag text starting at ``start``, or -1 if there is none."""
    m = HASHTAG_BODY_ASCII_RE.get().match(text, start)
    # The ASCII pattern is exact whenever the tag stops at an ASCII character
    # (or the end); only a tag that runs on into another script needs the
    # Unicode pattern, which lives in the slower-to-load ``regex`` module.
    if m is not None:
        if m.end() == len(text) or text[m.end()] < "\x80":
            return m.end()
    else:
        digits = DIGITS_RUN_RE.get().match(text, start)
        j = digits.end() if digits is not None else start
        if j == len(text) or text[j] < "\x80":
            return -1  # "#123": digits alone are not a hashtag
    um = HASHTAG_BODY.get().match(text, start)
    return int(um.end()) if um is not None else -1


def hashtag_entities(text: str, *, check_url_overlap: bool = True) -> list[Entity]:
    """Hashtags; by default (as in twitter-text) those inside a URL are dropped."""
    if "#" not in text and "\uff03" not in text:
        return []
    found: list[Entity] = []
    last_end = 0
    for sign in HASH_SIGN_RE.get().finditer(text):
        p = sign.start()
        if p > 0:
            before = text[p - 1]
            if p - 1 < last_end:
                continue
            if before not in "\ufe0e\ufe0f" and (before == "&" or _is_hashtag_char(before)):
                continue
        if text.startswith(("\ufe0f", "\u20e3"), p + 1):
            continue  # "#️⃣" is a keycap emoji, not a hashtag
        end = _hashtag_body_end(text, p + 1)
        if end < 0:
            continue
        last_end = end
        if END_HASHTAG_RE.get().match(text, end):
            continue  # "#http://..." or "#a#b"
        found.append(Entity("hashtag", text[p + 1 : end], p, end))
    if check_url_overlap and found:
        urls = url_entities(text)
        if urls:
            return [e for e in remove_overlaps(found + urls) if e.kind == "hashtag"]
    return found


def _mention_may_start(text: str, p: int, last_end: int) -> bool:
    """Whether the @ at ``p`` is preceded by something a mention allows."""
    if p == 0:
        return True
    if p - 1 >= last_end and text[p - 1] not in MENTION_BLOCKED_BEFORE:
        return True
    # "RT@jack": a retweet prefix not glued to a longer word.
    if p >= 2 and text[p - 2 : p] in RT_PREFIXES:
        if p == 2:
            return last_end == 0
        return p - 3 >= last_end and text[p - 3] not in RT_BLOCKED_BEFORE
    return False


def mention_entities(text: str, *, lists: bool = True) -> list[Entity]:
    """Mentions, and ``@user/list`` list mentions unless ``lists`` is False."""
    if "@" not in text and "\uff20" not in text:
        return []
    found: list[Entity] = []
    last_end = 0
    for sign in AT_SIGN_RE.get().finditer(text):
        p = sign.start()
        if p < last_end or not _mention_may_start(text, p, last_end):
            continue
        m = SCREEN_NAME_RE.get().match(text, p + 1)
        if m is None:
            continue
        end = last_end = m.end()
        if END_MENTION_RE.get().match(text, end):
            continue  # an e-mail address, "@http://..." or "@josé"
        if m.group(2) is not None and not lists:
            continue
        found.append(Entity("mention", text[p + 1 : end], p, end))
    return found


def cashtag_entities(text: str) -> list[Entity]:
    """``$TICKER`` symbols: 1-6 letters, optionally ``.XX``/``_XX``, after a space."""
    if "$" not in text:
        return []
    found: list[Entity] = []
    p = text.find("$")
    while p >= 0:
        if p == 0 or text[p - 1] in SPACE_CHARS:
            m = CASHTAG_RE.get().match(text, p + 1)
            if m is not None:
                found.append(Entity("cashtag", m.group(), p, m.end()))
        p = text.find("$", p + 1)
    return found


def url_entities(text: str, spans: list[tuple[int, int]] | None = None) -> list[Entity]:
    """URLs with or without protocol (``spans`` when already extracted)."""
    if spans is None:
        spans = url_spans(text)
    return [Entity("url", text[s:e], s, e) for s, e in spans]


def extract_reply(text: str) -> str | None:
    """The screen name a draft replies to (an @mention at its very start)."""
    m = REPLY_RE.get().match(text)
    if m is None or END_MENTION_RE.get().match(text, m.end()):
        return None
    return m.group(1)


def remove_overlaps(entities: list[Entity]) -> list[Entity]:
    """Keep entities in order of start, dropping any that overlaps a kept one."""
    kept: list[Entity] = []
    prev_end = -1
    for e in sorted(entities, key=lambda e: e.start):
        if e.start >= prev_end:
            kept.append(e)
            prev_end = e.end
    return kept


def x_entities(text: str, spans: list[tuple[int, int]] | None = None) -> Entities:
    """All X entities, with overlaps resolved as twitter-text does."""
    found = (
        url_entities(text, spans)
        + mention_entities(text)
        + hashtag_entities(text, check_url_overlap=False)
        + cashtag_entities(text)
    )
    if not found:
        return _EMPTY
    if len(found) > 1:
        found = remove_overlaps(found)
    return split_by_kind(found)


def split_by_kind(entities: list[Entity]) -> Entities:
    by_kind: dict[str, list[Entity]] = {"hashtag": [], "mention": [], "url": [], "cashtag": []}
    for e in entities:  # one pass: this runs on every draft
        by_kind[e.kind].append(e)
    return Entities(tuple(by_kind["hashtag"]), tuple(by_kind["mention"]), tuple(by_kind["url"]), tuple(by_kind["cashtag"]))


_EMPTY = Entities()
