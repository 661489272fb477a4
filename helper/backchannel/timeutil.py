"""Instants: parsing what people type, and the one text form the store keeps."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from backchannel.errors import InvalidInput

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

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
    # zoneinfo is loaded on the first zone asked for: a check with no event active never needs one.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def shown_zone(event_zone: str | None, preferred: str | None = None) -> str:
    """The zone times are shown in: the person's choice (the ``display_time_zone`` setting), else the event's, else UTC."""
    return preferred or event_zone or "UTC"


def zone_abbreviation(moment: datetime) -> str:
    """'CET', 'BST', 'UTC'; zones without a letter abbreviation get 'UTC-03' rather than a bare '-03'."""
    name = moment.strftime("%Z")
    return f"UTC{name}" if name[:1] in "+-" else name


def local_clock(moment: datetime, zone_name: str, *, with_date: bool = False) -> str:
    """``moment`` on the wall clock of ``zone_name``, saying which zone: '11:00 CET' or '2014-12-27 11:00 CET'."""
    local = moment.astimezone(zone(zone_name))
    return f"{local:%Y-%m-%d %H:%M} {zone_abbreviation(local)}" if with_date else f"{local:%H:%M} {zone_abbreviation(local)}"


def local_span(start: datetime, end: datetime, zone_name: str, *, with_date: bool = False) -> str:
    """A session's time on the venue's wall clock: '11:00–11:30 CET', with the date when asked."""
    tz = zone(zone_name)
    a, b = start.astimezone(tz), end.astimezone(tz)
    day = f"{a:%Y-%m-%d} " if with_date else ""
    # A session past midnight shows its end's day too, so it cannot be read as ending before it starts.
    end_text = f"{b:%H:%M}" if b.date() == a.date() else f"{b:%a %H:%M}"
    return f"{day}{a:%H:%M}–{end_text} {zone_abbreviation(a)}"
