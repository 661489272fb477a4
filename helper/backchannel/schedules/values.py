"""Small parsers the readers share: durations, dates, cleaned text and HTML, titles, keys, session kinds."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..timeutil import EARLIEST, LATEST

_DURATION_CLOCK = re.compile(r"^\s*(?:(\d+):)?(\d{1,3}):(\d{2})(?::(\d{2}))?\s*$")
_DURATION_ISO = re.compile(
    r"^\s*P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?\s*$", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_KEY_STRIP = re.compile(r"[^\w]+")


MAX_DURATION = timedelta(days=366)
"""A longer "duration" is not a session's: it is read as none (and could not be added to a start)."""


def in_calendar(value: date) -> bool:
    """Whether a date or time from a file is one the helper can place and store.

    Years outside EARLIEST..LATEST (see timeutil) are treated as missing: converting
    9999-12-31T23:59 to UTC, or adding a session's length to it, leaves the calendar."""
    return EARLIEST.year <= value.year < LATEST.year


def parse_duration(value: object) -> timedelta | None:
    """ "01:30", "0:01:30" (d:hh:mm), "01:30:00", "PT1H30M" or minutes as a number; None past MAX_DURATION."""
    try:
        duration = _parse_duration(value)
    except (OverflowError, ValueError):  # 10**400 minutes, Infinity or NaN from JSON, 99999999999 days
        return None
    return duration if duration is None or duration <= MAX_DURATION else None


def _parse_duration(value: object) -> timedelta | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return timedelta(minutes=float(value)) if value >= 0 else None
    text = str(value)
    match = _DURATION_CLOCK.match(text)
    if match:
        a, b, c, d = match.groups()
        if a is not None and d is not None:  # ambiguous d:hh:mm:ss — treat as h:m:s with days
            return timedelta(days=int(a), hours=int(b), minutes=int(c), seconds=int(d))
        if a is not None:  # "1:02:30" written by some tools as h:mm:ss
            return timedelta(hours=int(a), minutes=int(b), seconds=int(c))
        if d is not None:
            return timedelta(hours=int(b), minutes=int(c), seconds=int(d))
        return timedelta(hours=int(b), minutes=int(c))
    match = _DURATION_ISO.match(text)
    if match and any(match.groups()):
        w, d, h, m, s = match.groups()
        return timedelta(
            weeks=int(w or 0), days=int(d or 0), hours=int(h or 0), minutes=int(m or 0), seconds=float(s or 0)
        )
    if text.strip().isdigit():
        return timedelta(minutes=int(text.strip()))
    return None


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 date-time, aware when it has an offset or "Z", naive otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if in_calendar(parsed) else None


def parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return parsed if in_calendar(parsed) else None


def clean(value: object) -> str | None:
    """A trimmed single-line string or None for empty/missing values."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|code|pre|blockquote)\b[^>]*>", re.IGNORECASE
)
_HTML_BREAK = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
_HTML_PARAGRAPH = re.compile(r"</p>|</h[1-6]>|</div>|</ul>|</ol>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_block(value: object) -> str | None:
    """A trimmed multi-line string; HTML (FOSDEM, Google Calendar) becomes plain text."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_TAG.search(text):
        text = _HTML_PARAGRAPH.sub("\n\n", _HTML_BREAK.sub("\n", text))
        text = html.unescape(_HTML_TAG.sub("", text))
        text = _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n")))
    text = text.strip()
    return text or None


def localized(value: object, language: str | None = None) -> str | None:
    """A plain string, or one value of a {"en": …, "de": …} translation map."""
    if isinstance(value, dict):
        chosen = value.get(language) if language else None
        if isinstance(chosen, str):
            return chosen
        for preferred in ("en", *value.keys()):
            found = value.get(preferred)
            if isinstance(found, str) and found.strip():
                return found
        return None
    return value if isinstance(value, str) else None


def normalise_title(title: str) -> str:
    """Case-, accent- and punctuation-insensitive form used in derived keys."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii") or title
    return _KEY_STRIP.sub(" ", text.casefold()).strip()


def derive_key(title: str, start: datetime, room: str | None) -> str:
    """The key of a session whose source id is missing, duplicated or unstable.

    ``"derived-"`` + the first 16 hex digits of SHA-1 over
    ``normalised title | start in UTC (ISO, minutes) | normalised room``.
    The same session imported again yields the same key as long as its title,
    start and room have not changed; a moved session is a new session.
    """
    stamp = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    basis = "|".join((normalise_title(title), stamp, normalise_title(room or "")))
    return "derived-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]



_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("lightning", "lightning talk"),
    ("keynote", "keynote"),
    ("workshop", "workshop"),
    ("hands-on", "workshop"),
    ("tutorial", "workshop"),
    ("bootcamp", "workshop"),
    ("panel", "panel"),
    ("podium", "panel"),
    ("break", "break"),
    ("pause", "break"),
    ("lunch", "break"),
    ("lecture", "talk"),
    ("vortrag", "talk"),
    ("talk", "talk"),
)


def normalise_kind(value: object) -> str | None:
    """Map a format's session type ("lecture", "Talk 30 min + Q&A", "BREAK") to a short kind."""
    text = clean(value)
    if not text:
        return None
    low = text.lower()
    for needle, kind in _KIND_RULES:
        if needle in low:
            return kind
    return low


def truthy(value: object) -> bool:
    """A programme's yes/no flag: true, 1, "true", "yes" (any case); anything else is no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().casefold() in {"true", "1", "yes", "y", "on"}
    return False


def as_list(value: object) -> list[Any]:
    """``value`` when it is a JSON array, else an empty list (missing or wrong type)."""
    return value if isinstance(value, list) else []
