"""Tiny X archives built in the test: 2022 zip with parts and photos, 2020 folder, Grailbird month."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image


def jpeg(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(out, format="JPEG")
    return out.getvalue()


def tweet(
    tweet_id: str,
    text: str,
    created_at: str = "Wed Jan 30 10:05:00 +0000 2013",
    *,
    hashtags: tuple[str, ...] = (),
    reply_to: str | None = None,
    reply_to_user: str | None = None,
    media_key: str | None = None,
    urls: tuple[tuple[str, str], ...] = (),
    coordinates: list[str] | None = None,
    geo: list[str] | None = None,
) -> dict[str, Any]:
    """A 2020/2022-export tweet: every number a string, text HTML-escaped as X writes it."""
    body: dict[str, Any] = {
        "id_str": tweet_id,
        "id": tweet_id,
        "created_at": created_at,
        "full_text": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        "lang": "en",
        "favorite_count": "0",
        "retweet_count": "0",
        "display_text_range": ["0", str(len(text))],
        "entities": {
            "hashtags": [{"text": h, "indices": ["0", "1"]} for h in hashtags],
            "user_mentions": [],
            "urls": [{"url": short, "expanded_url": long, "display_url": long.split("://", 1)[-1][:24], "indices": ["0", "1"]} for short, long in urls],
            "symbols": [],
        },
    }
    if reply_to:
        body["in_reply_to_status_id_str"] = reply_to
        body["in_reply_to_status_id"] = reply_to
        body["in_reply_to_screen_name"] = reply_to_user or "someone"
    if media_key:
        medium = {
            "id_str": f"9{tweet_id}", "url": "https://t.co/pic" + tweet_id[-4:], "expanded_url": f"https://x.com/me/status/{tweet_id}/photo/1",
            "media_url_https": f"https://pbs.twimg.com/media/{media_key}.jpg", "type": "photo",
            "sizes": {"large": {"w": "1600", "h": "1200", "resize": "fit"}},
        }
        body["entities"]["media"] = [medium]
        body["extended_entities"] = {"media": [medium]}
    if coordinates:
        body["coordinates"] = {"type": "Point", "coordinates": coordinates}
    if geo:
        body["geo"] = {"type": "Point", "coordinates": geo}
    return {"tweet": body}


def ytd_file(items: list[dict[str, Any]], name: str = "tweets", part: int = 0) -> bytes:
    return (f"window.YTD.{name}.part{part} = " + json.dumps(items, indent=2)).encode()


def manifest(user: str = "me") -> bytes:
    return ("window.__THAR_CONFIG = " + json.dumps({"userInfo": {"accountId": "1", "userName": user, "displayName": "Me"}})).encode()


def grailbird_month(items: list[dict[str, Any]], month: str = "2012_10") -> bytes:
    return (f"Grailbird.data.tweets_{month} = \n " + json.dumps(items)).encode()


def grailbird_tweet(tweet_id: int, text: str, created_at: str, *, hashtags: tuple[str, ...] = (), geo: list[float] | None = None,
                    reply_to: str | None = None) -> dict[str, Any]:
    """Pre-2019 shape: numeric ids, ``text``, ``created_at`` like ``2012-10-23 18:08:18 +0000``."""
    body: dict[str, Any] = {
        "id": tweet_id,
        "id_str": str(tweet_id),
        "text": text.replace("&", "&amp;"),
        "created_at": created_at,
        "entities": {"hashtags": [{"text": h, "indices": [0, 1]} for h in hashtags], "user_mentions": [], "urls": [], "media": []},
        "geo": {"type": "Point", "coordinates": geo} if geo else {},
        "user": {"screen_name": "oldme", "name": "Old Me", "id_str": "7"},
    }
    if reply_to:
        body["in_reply_to_status_id_str"] = reply_to
        body["in_reply_to_screen_name"] = "oldme"
    return body


def build_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def build_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def lt13_archive_files() -> dict[str, bytes]:
    """A 2022 archive: two parts, a thread, a reply to someone else, a photo with its file, escaped text, places."""
    part0 = [
        tweet("1001", "Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman & friends <3", hashtags=("LT13", "LT13A1")),
        tweet("1002", "Most learning happens at work #LT13", "Wed Jan 30 10:20:00 +0000 2013", hashtags=("LT13",), reply_to="1001", reply_to_user="me",
              media_key="AbCdEf", coordinates=["-0.1276", "51.5072"]),
        tweet("1003", "@someone agreed!", "Wed Jan 30 10:40:00 +0000 2013", reply_to="777", reply_to_user="someone", geo=["51.5072", "-0.1276"]),
        tweet("1004", "Slides: https://t.co/abc #lt13", "Wed Jan 30 11:45:00 +0000 2013", hashtags=("lt13",), urls=(("https://t.co/abc", "https://example.com/slides"),)),
    ]
    part1 = [
        tweet("1005", "Unrelated holiday photo", "Sat Jul 06 12:00:00 +0000 2013"),
        tweet("1006", "Back at #LT13 next year?", "Sat Jul 06 12:30:00 +0000 2013", hashtags=("LT13",)),
        tweet("1007", "And a third part of the thread #LT13", "Wed Jan 30 10:25:00 +0000 2013", hashtags=(), reply_to="1002", reply_to_user="me"),
    ]
    return {
        "data/manifest.js": manifest("me"),
        "data/tweets.js": ytd_file(part0),
        "data/tweets-part1.js": ytd_file(part1, part=1),
        "data/tweets_media/1002-AbCdEf.jpg": jpeg(),
        "data/deleted-tweets.js": ytd_file([tweet("9999", "deleted, never imported")], name="deleted_tweets"),
    }
