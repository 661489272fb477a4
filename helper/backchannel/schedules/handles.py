"""Find and normalise social handles (X, Bluesky, Mastodon) for speakers.

Programmes carry handles in many shapes: profile links (``twitter.com/jack``,
``x.com/jack``, ``bsky.app/profile/alice.bsky.social``,
``https://hachyderm.io/@user``), form answers (``@jack``, ``jack``,
``user@instance.social``) and prose ("Find me @foo on Twitter"). Every reader
goes through this one module so the rules are the same everywhere.

Normal forms (what :class:`~backchannel.schedules.model.Speaker` stores):

* x: ``"@Name"`` – 1–15 letters, digits or ``_``. The case the source wrote is
  kept because it reads better in a tweet; compare case-insensitively.
* bluesky: ``"@alice.bsky.social"`` – a domain-shaped handle, lower-cased
  (Bluesky handles are case-insensitive domains). DIDs are not handles and
  are dropped.
* mastodon: ``"@user@instance.social"`` – the user part keeps its case, the
  instance is lower-cased.

Rules for guessing, chosen to avoid false handles rather than find every one:

* A bare ``@name`` is an X handle only with X/Twitter context: a field labelled
  Twitter/X, or the words "Twitter"/"tweet"/"on X" within a short distance in
  prose. ``@user@host`` is always Mastodon; ``@name.bsky.social`` is always
  Bluesky; another ``@name.domain`` is Bluesky only with Bluesky context.
* A URL ``https://host/@user`` is Mastodon unless the host is a known
  non-fediverse site that also uses ``/@user`` paths (Medium, YouTube, …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qs, urlsplit

from .model import Network

# --- patterns (compiled once; readers call these per speaker) ---------------

_X_NAME = re.compile(r"[A-Za-z0-9_]{1,15}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}")
_MASTO_USER = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?")

# "@user@host" anywhere, not preceded by a word character (so e-mail
# addresses like jane@example.org never match).
_TEXT_MASTODON = re.compile(
    r"(?<![\w@/.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})"
)
# "@name.domain.tld" (Bluesky-shaped), not followed by another "@".
_TEXT_DOMAIN_HANDLE = re.compile(r"(?<![\w@/.])@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![\w@-])")
# "@name" (X-shaped); not followed by "@" or ".word" (those are the two above).
_TEXT_AT_NAME = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]{1,15})(?![\w@]|\.[A-Za-z0-9])")
_TEXT_URL = re.compile(
    r"(?:https?://|(?<![\w.@/])(?:www\.)?(?:twitter\.com|x\.com|bsky\.app)/)[^\s<>\"'()\[\]]+", re.IGNORECASE
)

_X_CONTEXT = re.compile(r"twitter|tweet|\bon X\b|\bX\s*[:(/]|\(X\)|\bX\.com\b|\bauf X\b", re.IGNORECASE)
# A label naming X: "X", "X (Twitter)", "X handle", "X: …" – but not "Project X".
_X_LABEL = re.compile(r"x(?:\s*[(:/-].*|\s+(?:handle|account|profile|username|url|link))?", re.IGNORECASE)
_BSKY_CONTEXT = re.compile(r"bluesky|bsky", re.IGNORECASE)
_MASTO_CONTEXT = re.compile(r"mastodon|fediverse|fedi\b|toot", re.IGNORECASE)
_CONTEXT_WINDOW = 48  # characters either side of "@name" searched for context

_X_HOSTS = frozenset(
    {"twitter.com", "www.twitter.com", "mobile.twitter.com", "m.twitter.com", "x.com", "www.x.com", "mobile.x.com"}
)
# Paths on twitter.com / x.com that are not user names.
_X_RESERVED = frozenset(
    {
        "home",
        "intent",
        "share",
        "search",
        "hashtag",
        "i",
        "explore",
        "settings",
        "notifications",
        "messages",
        "login",
        "logout",
        "signup",
        "tos",
        "privacy",
        "about",
        "compose",
        "account",
        "download",
        "jobs",
        "widgets",
        "oauth",
        "statuses",
        "status",
        "who_to_follow",
        "lists",
    }
)
_BSKY_HOSTS = frozenset({"bsky.app", "www.bsky.app", "staging.bsky.app"})
# Sites that use "/@name" profile paths but are not Mastodon-compatible.
_NOT_FEDIVERSE = frozenset(
    {
        "medium.com",
        "youtube.com",
        "m.youtube.com",
        "tiktok.com",
        "threads.net",
        "threads.com",
        "substack.com",
        "hashnode.com",
        "figma.com",
        "flipboard.com",
        "lichess.org",
        "pinterest.com",
        "vimeo.com",
        "linktr.ee",
        "giphy.com",
        "unsplash.com",
        "producthunt.com",
        "replit.com",
        "dev.to",
        "vk.com",
        "ok.ru",
        "soundcloud.com",
        "twitch.tv",
        "github.com",
        "gitlab.com",
        "instagram.com",
        "facebook.com",
        "linkedin.com",
        "sessionize.com",
        "bsky.app",
    }
)


def network_from_label(label: str | None) -> Network | None:
    """Map a field label ("Twitter", "X", "X (Twitter)", "Bluesky", "Mastodon") to a network."""
    if not label:
        return None
    text = label.strip()
    low = text.lower()
    if "twitter" in low or "tweet" in low or low == "x.com" or _X_LABEL.fullmatch(text):
        return "x"
    if "bluesky" in low or "bsky" in low:
        return "bluesky"
    if "mastodon" in low or "fediverse" in low or "activitypub" in low:
        return "mastodon"
    return None


def _strip_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if "@" in host:  # user:pass@host
        host = host.rsplit("@", 1)[1]
    if ":" in host:
        host = host.split(":", 1)[0]
    return host


def _registrable(host: str) -> str:
    """``www.medium.com`` -> ``medium.com`` (good enough for the block list)."""
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


def normalise(network: Network, raw: str) -> str | None:
    """Normalise a handle already known to be on ``network``; ``None`` if it is not one."""
    value = raw.strip().strip("<>()[],;:!?\"'").strip()
    if not value:
        return None
    if value.lower().startswith(("http://", "https://")) or "/" in value:
        found = handle_from_url(value if "://" in value else "https://" + value, hint=network)
        return found[1] if found and found[0] == network else None
    if network == "x":
        value = value.lstrip("@")
        return "@" + value if _X_NAME.fullmatch(value) else None
    if network == "bluesky":
        value = value.lstrip("@").lower()
        if value.startswith("did:"):
            return None
        return "@" + value if _DOMAIN.fullmatch(value) else None
    # mastodon: "@user@host" or "user@host"
    value = value.lstrip("@")
    if value.count("@") != 1:
        return None
    user, host = value.split("@")
    host = _strip_host(host)
    if _MASTO_USER.fullmatch(user) and _DOMAIN.fullmatch(host):
        return f"@{user}@{host}"
    return None


def handle_from_url(url: str, hint: Network | None = None) -> tuple[Network, str] | None:
    """Read a profile URL; ``hint`` is the network a label claims (it widens Mastodon paths)."""
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = _strip_host(parts.hostname or "")
    if not host:
        return None
    path = parts.path
    if host in _X_HOSTS:
        # Old hash-bang links: twitter.com/#!/jack
        if not path.strip("/") and parts.fragment.startswith("!/"):
            path = parts.fragment[1:]
        segments = [s for s in path.split("/") if s]
        if segments and segments[0] == "intent":
            names = parse_qs(parts.query).get("screen_name")
            return ("x", "@" + names[0]) if names and _X_NAME.fullmatch(names[0]) else None
        if not segments:
            return None
        name = segments[0].lstrip("@")
        if name.lower() in _X_RESERVED or not _X_NAME.fullmatch(name):
            return None
        return "x", "@" + name
    if host in _BSKY_HOSTS:
        segments = [s for s in path.split("/") if s]
        if len(segments) >= 2 and segments[0] == "profile":
            handle = normalise("bluesky", segments[1])
            return ("bluesky", handle) if handle else None
        return None
    if not _DOMAIN.fullmatch(host):
        return None
    # Mastodon-style profile: /@user, /@user/123, /@user@otherhost, /web/@user
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] == "web":
        segments = segments[1:]
    if segments and segments[0].startswith("@") and len(segments[0]) > 1:
        if _registrable(host) in _NOT_FEDIVERSE or host in _NOT_FEDIVERSE:
            return None
        if len(segments) > 2 or (len(segments) == 2 and not segments[1].isdigit()):
            return None
        account = segments[0][1:]
        handle = normalise("mastodon", account if "@" in account else f"{account}@{host}")
        return ("mastodon", handle) if handle else None
    # /users/user is Mastodon's ActivityPub id; too generic to trust without a label.
    if hint == "mastodon" and len(segments) == 2 and segments[0] in {"users", "u"}:
        handle = normalise("mastodon", f"{segments[1]}@{host}")
        return ("mastodon", handle) if handle else None
    return None


def handle_from_value(value: str | None, hint: Network | None = None) -> tuple[Network, str] | None:
    """Read one field value (a URL or a handle), e.g. a form answer or a typed link."""
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > 300:
        return None
    if "://" in text or text.lower().startswith(("www.", "twitter.com/", "x.com/", "bsky.app/")):
        return handle_from_url(text, hint=hint)
    token = text.split()[0] if hint else text
    if " " in token:
        return None
    bare = token.lstrip("@")
    if bare.count("@") == 1:  # user@host: Mastodon (an e-mail address only if labelled otherwise)
        if hint in (None, "mastodon"):
            handle = normalise("mastodon", bare)
            return ("mastodon", handle) if handle else None
        return None
    if hint == "bluesky" or (bare.lower().endswith(".bsky.social") and hint in (None, "bluesky")):
        handle = normalise("bluesky", bare)
        return ("bluesky", handle) if handle else None
    if hint == "x":
        handle = normalise("x", bare)
        return ("x", handle) if handle else None
    return None


def handles_in_text(text: str | None) -> dict[str, str]:
    """Handles mentioned in prose (a bio, a tag line). The first per network wins."""
    found: dict[str, str] = {}
    if not text or "@" not in text and "/" not in text:
        return found
    for match in _TEXT_URL.finditer(text):
        hit = handle_from_url(match.group(0).rstrip(".,;:!?"))
        if hit and hit[0] not in found:
            found[hit[0]] = hit[1]
    if "@" not in text:
        return found
    for match in _TEXT_MASTODON.finditer(text):
        handle = normalise("mastodon", f"{match.group(1)}@{match.group(2)}")
        if handle and "mastodon" not in found:
            found["mastodon"] = handle
    for match in _TEXT_DOMAIN_HANDLE.finditer(text):
        name = match.group(1).lower()
        if name.endswith(".bsky.social") or _BSKY_CONTEXT.search(_window(text, match.start(), match.end())):
            handle = normalise("bluesky", name)
            if handle and "bluesky" not in found:
                found["bluesky"] = handle
    if "x" not in found:
        for match in _TEXT_AT_NAME.finditer(text):
            # "@name" is X only when the nearest network word is an X one
            # ("toots as @a@b, tweets as @c": "tweets" is nearest to "@c").
            x_distance = _distance(_X_CONTEXT, text, match.start(), match.end())
            other = min(
                _distance(_BSKY_CONTEXT, text, match.start(), match.end()),
                _distance(_MASTO_CONTEXT, text, match.start(), match.end()),
            )
            if x_distance < other:
                found["x"] = "@" + match.group(1)
                break
    return found


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start - _CONTEXT_WINDOW) : end + _CONTEXT_WINDOW]


def _distance(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Characters between [start, end) and the nearest match of ``pattern`` in the window."""
    low = max(0, start - _CONTEXT_WINDOW)
    best = _CONTEXT_WINDOW * 4  # "not in the window"
    for hit in pattern.finditer(text, low, min(len(text), end + _CONTEXT_WINDOW)):
        gap = start - hit.end() if hit.end() <= start else hit.start() - end if hit.start() >= end else 0
        best = min(best, max(gap, 0))
    return best


def merge_handles(target: dict[str, str], extra: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
    """Add handles to ``target`` without overwriting: earlier, more explicit sources win."""
    items = extra.items() if isinstance(extra, Mapping) else extra
    for network, handle in items:
        target.setdefault(network, handle)


def handles_from_links(links: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Handles from (label, url) pairs, e.g. Sessionize ``links`` or frab person links."""
    found: dict[str, str] = {}
    for label, url in links:
        hint = network_from_label(label)
        hit = handle_from_value(url, hint=hint) if url else None
        if hit is None and label and hint is None:
            # Some exports put the handle in the label ("@jack") with a generic URL.
            hit = handle_from_value(label) if label.strip().startswith("@") else None
        if hit:
            found.setdefault(hit[0], hit[1])
    return found
