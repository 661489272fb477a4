"""Which files of an archive hold tweets, and how to read their JavaScript wrappers.

* 2022 exports: ``data/tweets.js`` (``window.YTD.tweets.part0 = [...]``), more
  parts as ``data/tweets-part1.js`` …; photos in ``data/tweets_media/``.
* 2020 exports: ``data/tweet.js`` (``window.YTD.tweet.part0``); photos in
  ``data/tweet_media/``. Items of both are ``{"tweet": {...}}``.
* Pre-2019 monthly archives (Grailbird): ``data/js/tweets/2012_10.js``
  (``Grailbird.data.tweets_2012_10 = [...]``), items are the tweets.
Files are recognised by name, then confirmed by their first bytes, so
``deleted-tweets.js`` or a stray ``2012_10.js`` that holds something else
is not read as the user's tweets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from backchannel.archive.source import Member
from backchannel.errors import InvalidInput

Kind = Literal["ytd", "grailbird"]

_YTD_FILE = re.compile(r"(?:^|/)tweets?(?:-part(\d+))?\.js$")
_GRAILBIRD_FILE = re.compile(r"(?:^|/)(\d{4})_(\d{2})\.js$")
_MEDIA_FILE = re.compile(r"(?:^|/)(?:tweets_media|tweet_media)/(\d+)-([^/]+)$")
_MANIFEST_FILE = re.compile(r"(?:^|/)data/manifest\.js$|^manifest\.js$")
_ACCOUNT_FILE = re.compile(r"(?:^|/)account\.js$")
_USER_DETAILS_FILE = re.compile(r"(?:^|/)user_details\.js$")
_YTD_PREFIX = re.compile(rb"^\s*window\.YTD\.tweets?\.part\d+\s*=\s*")
_GRAILBIRD_PREFIX = re.compile(rb"^\s*Grailbird\.data\.tweets_\d{4}_\d{2}\s*=\s*")
_ANY_ASSIGNMENT = re.compile(rb"^\s*(?:var\s+)?[\w.$]+\s*=\s*")


@dataclass(frozen=True, slots=True)
class Layout:
    """The tweets files (in reading order), the media files by name, and where the account's name is."""

    tweets: tuple[tuple[Member, Kind], ...]
    media: dict[str, Member]  # "<tweet id>-<file name>" -> member
    manifest: Member | None
    account: Member | None
    user_details: Member | None


def _order(member: Member) -> tuple[int, str]:
    ytd = _YTD_FILE.search(member.name)
    if ytd:
        return int(ytd.group(1) or 0), member.name
    return 0, member.name


def layout(members: list[Member], *, single_file: bool = False) -> Layout:
    tweets: list[tuple[Member, Kind]] = []
    media: dict[str, Member] = {}
    manifest = account = user_details = None
    for member in members:
        lowered = member.name
        if single_file and not tweets:
            tweets.append((member, "ytd"))  # the file itself, listed first: confirmed (or re-kinded) by its first bytes
        elif single_file and (m := _MEDIA_FILE.search(lowered)) is not None:
            media[f"{m.group(1)}-{m.group(2)}"] = member  # the media folder beside the file
        elif single_file:
            continue
        elif _YTD_FILE.search(lowered):
            tweets.append((member, "ytd"))
        elif _GRAILBIRD_FILE.search(lowered):
            tweets.append((member, "grailbird"))
        elif (m := _MEDIA_FILE.search(lowered)) is not None:
            media[f"{m.group(1)}-{m.group(2)}"] = member
        elif _MANIFEST_FILE.search(lowered):
            manifest = member
        elif _ACCOUNT_FILE.search(lowered):
            account = member
        elif _USER_DETAILS_FILE.search(lowered):
            user_details = member
    tweets.sort(key=lambda item: _order(item[0]))
    return Layout(tuple(tweets), media, manifest, account, user_details)


def kind_of(data: bytes) -> Kind | None:
    """The wrapper the file's first bytes show; None when it is not a tweets file."""
    head = data[:200].lstrip(b"\xef\xbb\xbf")
    if _YTD_PREFIX.match(head):
        return "ytd"
    if _GRAILBIRD_PREFIX.match(head):
        return "grailbird"
    if head.lstrip().startswith(b"["):
        return "ytd" if b'"tweet"' in data[:4000] else "grailbird"
    return None


def parse_assignment(data: bytes, name: str) -> Any:
    """The JSON value of ``something = <JSON>`` (or plain JSON), as X and Grailbird write their files."""
    body = data.lstrip(b"\xef\xbb\xbf")
    match = _ANY_ASSIGNMENT.match(body)
    if match:
        body = body[match.end() :]
    body = body.strip().rstrip(b";").strip()
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        pass
    try:
        # The standard library also takes integers beyond 64 bits and lone surrogates.
        return json.loads(body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise InvalidInput(f"{name} is not a readable tweets file: {exc}.", details={"member": name}) from None


def screen_name_from(manifest: Any = None, account: Any = None, user_details: Any = None) -> str | None:
    """The account's @name, from whichever of the archive's files says it."""
    try:
        if isinstance(manifest, dict) and manifest.get("userInfo", {}).get("userName"):
            return str(manifest["userInfo"]["userName"])
        if isinstance(account, list) and account and account[0].get("account", {}).get("username"):
            return str(account[0]["account"]["username"])
        if isinstance(user_details, dict) and user_details.get("screen_name"):
            return str(user_details["screen_name"])
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return None
