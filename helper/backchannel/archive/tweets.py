"""One archived tweet → one post to store.

The archive's quirks, handled here and nowhere else: numbers are strings
(ids, indices, counts, coordinates); ``full_text`` (``text`` in Grailbird) is
HTML-escaped (``&amp;``, ``&lt;``, ``&gt;``); ``coordinates`` is
[longitude, latitude] while ``geo`` is [latitude, longitude]; dates are
``Sat Jan 25 18:01:09 +0000 2020`` or, in Grailbird, ``2012-10-23 18:08:18 +0000``.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any, Mapping

from backchannel.history.entities import folded_hashtags
from backchannel.history.model import MediaIn, PostIn
from backchannel.store.archive import ROW, ArchivedRow, entities_json
from backchannel.timeutil import from_store, to_store

_ESCAPES = re.compile(r"&(amp|lt|gt|quot|#39);")
_UNESCAPE = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}
_DATE_FORMATS = ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z")


class Skip(Exception):
    """This item is not a tweet we can store; the message says why."""


def unescape(text: str) -> str:
    """Undo X's HTML escaping in one pass, so ``&amp;lt;`` becomes ``&lt;`` and not ``<``."""
    if "&" not in text:  # most tweets: no regex pass at all
        return text
    return _ESCAPES.sub(lambda m: _UNESCAPE[m.group(1)], text)


def _id(value: Any) -> str | None:
    if type(value) is str:  # the archive's usual spelling, checked first: this runs for every id of every tweet
        return value if value.isdigit() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.isdigit():
        return value
    return None


# "Jan" -> "01": the store's spelling of each month X abbreviates.
_MONTHS = {m: f"{i:02d}" for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
_X_DATE = re.compile(r"\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}")


def _posted_at(value: Any) -> str:
    """The tweet's time in the store's spelling (``2020-01-25T18:01:09Z``)."""
    if not isinstance(value, str):
        raise Skip("no created_at")
    # X writes every date in UTC the same way (``Sat Jan 25 18:01:09 +0000 2020``): once its shape is
    # matched, its parts sit at fixed places, so the store's spelling is put together from slices, and
    # fromisoformat (in C) checks it is a real time (no 30 February, no hour 25). A third of the time
    # of taking it apart by groups, a tenth of strptime's; anything else goes the slow way below.
    if _X_DATE.fullmatch(value) is not None and value[4:7] in _MONTHS:
        stamp = f"{value[26:]}-{_MONTHS[value[4:7]]}-{value[8:10]}T{value[11:19]}"
        try:
            datetime.fromisoformat(stamp)
        except ValueError:
            pass
        else:
            return stamp + "Z"
    for fmt in _DATE_FORMATS:
        try:
            return to_store(datetime.strptime(value.strip(), fmt))
        except ValueError:
            continue
    raise Skip(f"created_at {value[:40]!r} is not a date")


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def coordinates(tweet: Mapping[str, Any]) -> tuple[float, float] | None:
    """(latitude, longitude), from ``coordinates`` ([lon, lat]) or else ``geo`` ([lat, lon])."""
    if tweet.get("coordinates") is None and tweet.get("geo") is None:  # most tweets carry no place
        return None
    for key, lat_index in (("coordinates", 1), ("geo", 0)):
        place = tweet.get(key)
        points = place.get("coordinates") if isinstance(place, dict) else None
        if isinstance(points, list) and len(points) == 2:
            lat, lon = _number(points[lat_index]), _number(points[1 - lat_index])
            if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _size(media: Mapping[str, Any]) -> tuple[int | None, int | None]:
    sizes = media.get("sizes")
    candidates: list[Any] = []
    if isinstance(sizes, dict):
        candidates = [sizes.get("large"), sizes.get("medium")]
    elif isinstance(sizes, list):  # Grailbird lists sizes; the largest one is what people saw full-size
        candidates = sorted((s for s in sizes if isinstance(s, dict)), key=lambda s: -(_number(s.get("w")) or 0))
    for size in candidates:
        if isinstance(size, dict):
            w, h = _number(size.get("w")), _number(size.get("h"))
            if w and h:
                return int(w), int(h)
    return None, None


def entities(tweet: Mapping[str, Any]) -> dict[str, Any]:
    raw = tweet.get("entities")
    if not isinstance(raw, dict):
        raw = {}
    extended = tweet.get("extended_entities")
    media = _list(extended.get("media")) if isinstance(extended, dict) else []
    media = media or _list(raw.get("media"))
    return {
        "hashtags": [str(h["text"]) for h in _list(raw.get("hashtags")) if isinstance(h, dict) and h.get("text")],
        "mentions": [str(m["screen_name"]) for m in _list(raw.get("user_mentions")) if isinstance(m, dict) and m.get("screen_name")],
        "urls": [
            {"url": str(u.get("url") or ""), "expanded": str(u.get("expanded_url") or u.get("url") or ""), "display": str(u.get("display_url") or "")}
            for u in _list(raw.get("urls"))
            if isinstance(u, dict) and u.get("url")
        ],
        # The t.co links that stand for attached media: the review page shows the photo instead.
        "media_urls": sorted({str(m["url"]) for m in media if isinstance(m, dict) and m.get("url")}) if media else [],
    }


def composed_text(text: str, entities: Mapping[str, Any]) -> str:
    """The post as its author typed it: without the trailing t.co links that stand for its own media.

    X appends a link to every post with a photo or video; the author never
    typed it, and the composer never showed it. Checked as a draft, an archived
    photo post with a short caption is no "bare link". Only trailing links are
    dropped: a media link in the middle of the text (rare) stays where it is.
    """
    media_urls = entities.get("media_urls") or ()
    if not media_urls:
        return text
    out = text.rstrip()
    dropped = True
    while dropped:
        dropped = False
        for url in media_urls:
            if url and out.endswith(url):
                out = out[: -len(url)].rstrip()
                dropped = True
    return out


def media_of(tweet: Mapping[str, Any], tweet_id: str) -> list[tuple[MediaIn, str | None]]:
    """Each attached medium, and the file name it has in the archive's media folder."""
    extended = tweet.get("extended_entities")
    items = _list(extended.get("media")) if isinstance(extended, dict) else []
    if not items and isinstance(tweet.get("entities"), dict):
        items = _list(tweet["entities"].get("media"))
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        remote_url = item.get("media_url_https") or item.get("media_url")
        width, height = _size(item)
        basename = str(remote_url).rsplit("/", 1)[-1] if remote_url else None
        out.append(
            (
                MediaIn(kind=str(item.get("type") or "photo"), width=width, height=height, remote_id=_id(item.get("id_str") or item.get("id")),
                        remote_url=str(remote_url) if remote_url else None),
                f"{tweet_id}-{basename}" if basename else None,
            )
        )
    return out


def to_row(item: Any, *, screen_name: str | None) -> tuple[ArchivedRow, list[tuple[MediaIn, str | None]]]:
    """The row to store (``store.archive.ArchivedRow``: plain values, entities already JSON), and its
    media with their archive file keys (files are attached by the importer).

    A tuple rather than a ``PostIn``: this runs for every tweet of an archive, and the row is all
    the store needs.
    """
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        raise Skip("not a tweet object")
    tweet_id = _id(tweet.get("id_str")) or _id(tweet.get("id"))
    if tweet_id is None:
        raise Skip("no id")
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        raise Skip(f"tweet {tweet_id} has no text")
    text = unescape(text)
    found = entities(tweet)
    place = coordinates(tweet)
    if screen_name:
        url = f"https://x.com/{screen_name}/status/{tweet_id}"
    else:
        user = tweet.get("user")
        name = str(user["screen_name"]) if isinstance(user, dict) and user.get("screen_name") else None
        url = f"https://x.com/{name}/status/{tweet_id}" if name else f"https://x.com/i/web/status/{tweet_id}"
    reply_user = tweet.get("in_reply_to_screen_name")
    lang = tweet.get("lang")
    row: ArchivedRow = (
        "archive", "x", tweet_id, url, text, _posted_at(tweet.get("created_at")),
        _id(tweet.get("in_reply_to_status_id_str")) or _id(tweet.get("in_reply_to_status_id")),
        str(reply_user) if reply_user else None,
        1 if "retweeted_status" in tweet or text.startswith("RT @") else 0,
        str(lang) if lang else None,
        place[0] if place else None,
        place[1] if place else None,
        " ".join(folded_hashtags(found)),
        entities_json(found),
    )
    raw = tweet.get("entities")
    has_media = "extended_entities" in tweet or (isinstance(raw, dict) and "media" in raw)
    return row, (media_of(tweet, tweet_id) if has_media else [])


def to_post(item: Any, *, screen_name: str | None) -> tuple[PostIn, list[tuple[MediaIn, str | None]]]:
    """The same tweet as a ``PostIn`` (for code that reads archives as posts: the rules' corpus, tests)."""
    row, media = to_row(item, screen_name=screen_name)
    post = PostIn(
        platform=row[ROW.platform], text=row[ROW.text], posted_at=from_store(row[ROW.posted_at]), source=row[ROW.source],
        remote_id=row[ROW.remote_id], url=row[ROW.url], reply_to_remote_id=row[ROW.reply_to_remote_id], reply_to_user=row[ROW.reply_to_user],
        is_retweet=bool(row[ROW.is_retweet]), lang=row[ROW.lang], latitude=row[ROW.latitude], longitude=row[ROW.longitude],
        hashtags=tuple(row[ROW.hashtags].split()), entities=json.loads(row[ROW.entities]),
    )
    return post, media
