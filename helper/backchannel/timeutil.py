"""Instants: parsing what people type, and the one text form the store keeps."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backchannel.errors import InvalidInput

STORE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# The instants the helper accepts. Far outside any post or session, and far from the
# calendar's ends (years 1 and 9999), so no time-zone conversion, store format or window
# around an accepted instant ("what is on", a session's end) can leave the calendar.
EARLIEST = datetime(1000, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


def within_calendar(moment: datetime) -> bool:
    """Whether an aware instant is one the helper accepts (see EARLIEST and LATEST)."""
    try:
        return EARLIEST <= moment <= LATEST
    except (OverflowError, ValueError):  # an offset that pushes it off the calendar
        return False


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; InvalidInput for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Unknown time zone {name!r}: use an IANA name such as Europe/London or America/New_York.", details={"time_zone": name}) from None


def parse_instant(value: str, *, default_zone: str = "UTC", field: str = "time") -> datetime:
    """An ISO 8601 date-time as aware UTC; a time without offset is in ``default_zone``."""
    text = value.strip()
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{field} must be an ISO 8601 date and time such as 2026-06-18T10:30 or 2026-06-18T10:30+01:00, not {value!r}.",
            details={"field": field},
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone(default_zone))
    if not within_calendar(parsed):
        raise InvalidInput(
            f"{field} must be between the years {EARLIEST.year} and {LATEST.year}, not {value!r}.",
            details={"field": field},
        )
    return parsed.astimezone(timezone.utc)


def to_store(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(STORE_FORMAT)


def from_store(text: str) -> datetime:
    return datetime.strptime(text, STORE_FORMAT).replace(tzinfo=timezone.utc)


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)
