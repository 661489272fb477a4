"""A programme's times to UTC: the file's zone, else the caller's, else UTC with a warning."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ScheduleError


class Warns(Protocol):
    """Where the clock reports what it had to guess (the programme's builder)."""

    def warn(self, message: str, *, line: int | None = None, field: str | None = None) -> None: ...


def zone_named(name: str | None) -> ZoneInfo | None:
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        return None


class Clock:
    """Turns the times of one file into UTC and remembers what it had to guess.

    Precedence for naive (floating/local) times: the zone the file declares,
    then the ``time_zone`` the caller gives, then UTC with a warning. The file
    wins because it describes its own local times; a caller's zone that
    disagrees is reported.
    """

    def __init__(
        self, builder: Warns, *, file_zone: str | None, file_zone_field: str | None, caller_zone: str | None
    ) -> None:
        self.builder = builder
        self.caller = zone_named(caller_zone) if caller_zone else None
        if caller_zone and self.caller is None:
            raise ScheduleError(
                f"Unknown time zone {caller_zone!r}; give an IANA name such as 'Europe/Berlin'.",
                details={"time_zone": caller_zone},
            )
        self.declared_name = file_zone.strip() if isinstance(file_zone, str) and file_zone.strip() else None
        self.declared = zone_named(self.declared_name)
        if self.declared_name and self.declared is None:
            builder.warn(
                f"The file's time zone {self.declared_name!r} is not a known IANA zone; it was ignored.",
                field=file_zone_field,
            )
        if self.declared and self.caller and self.declared.key != self.caller.key:
            builder.warn(
                f"The file says its times are in {self.declared.key}, the caller said {self.caller.key}; "
                f"local times were read in {self.declared.key}.",
                field=file_zone_field,
            )
        self.zone: ZoneInfo | None = self.declared or self.caller
        self.floating_as_utc = 0
        self.contradictions: list[tuple[str | None, datetime]] = []
        self.checked = 0

    @property
    def name(self) -> str | None:
        if self.zone is not None:
            return self.zone.key
        return "UTC" if self.floating_as_utc else None

    def local(self, naive: datetime, *, field: str | None = None, line: int | None = None) -> datetime:
        """A wall-clock time in the programme's zone, as aware UTC."""
        if naive.tzinfo is not None:
            return self.aware(naive, field=field)
        if self.zone is None:
            self.floating_as_utc += 1
            return naive.replace(tzinfo=UTC)
        aware = naive.replace(tzinfo=self.zone, fold=0)
        utc = aware.astimezone(UTC)
        back = utc.astimezone(self.zone).replace(tzinfo=None)
        if back != naive:
            self.builder.warn(
                f"{naive:%Y-%m-%d %H:%M} does not exist in {self.zone.key} (clocks go forward); "
                f"read as {back:%H:%M} local time.",
                line=line,
                field=field,
            )
        elif naive.replace(tzinfo=self.zone, fold=1).utcoffset() != aware.utcoffset():
            self.builder.warn(
                f"{naive:%Y-%m-%d %H:%M} happens twice in {self.zone.key} (clocks go back); "
                "the first occurrence was used.",
                line=line,
                field=field,
            )
        return utc

    def aware(self, value: datetime, *, field: str | None = None) -> datetime:
        """An aware time from the file; its offset is trusted over a declared zone."""
        if self.declared is not None:
            self.checked += 1
            if value.astimezone(self.declared).utcoffset() != value.utcoffset():
                self.contradictions.append((field, value))
        return value.astimezone(UTC)

    def convert(self, value: datetime, *, field: str | None = None, line: int | None = None) -> datetime:
        return self.local(value, field=field, line=line) if value.tzinfo is None else self.aware(value, field=field)

    def finish(self, zone_field: str | None) -> None:
        if self.floating_as_utc:
            self.builder.warn(
                f"{self.floating_as_utc} times have no time zone and neither the file nor the caller named one; "
                "they were read as UTC. Import again with the event's time zone.",
                field=zone_field,
            )
        if self.contradictions and self.declared is not None:
            field_name, example = self.contradictions[0]
            offset = example.strftime("%z")
            self.builder.warn(
                f"The file names the time zone {self.declared.key}, but {len(self.contradictions)} of "
                f"{self.checked} times carry an offset that zone does not have then "
                f"(e.g. {example.isoformat()} is {offset[:3]}:{offset[3:]}); the offsets were trusted.",
                field=field_name or zone_field,
            )
