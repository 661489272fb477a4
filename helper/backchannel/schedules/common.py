"""Shared machinery for the readers: decoding, times, keys, and finishing a Programme.

Readers turn their format into :class:`Draft` sessions and hand them to a
:class:`Builder`, which applies the rules every format shares:

* **Times** – :class:`Clock` turns naive local times into UTC with the
  programme's zone (file zone first, then the caller's, else UTC with a
  warning), flags local times that do not exist or happen twice on DST days,
  and counts aware times whose offset contradicts the declared zone.
* **Ends** – a missing or non-positive duration becomes the next session's
  start in the same room when that is within :data:`NEXT_SESSION_LIMIT`,
  otherwise :data:`DEFAULT_DURATION`; each case is a warning.
* **Keys** – see :func:`derive_key` and :meth:`Builder.finish`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ScheduleError
from ..timeutil import EARLIEST, LATEST
from .model import ImportWarning, Programme, Session, Speaker

MAX_BYTES = 20 * 1024 * 1024  # larger than any real programme (FOSDEM's XML is ~2 MB)
DEFAULT_DURATION = timedelta(minutes=30)
NEXT_SESSION_LIMIT = timedelta(hours=3)

Progress = Callable[[int, int], None]


class ScheduleReader(Protocol):
    """One programme format. Registered in ``backchannel.schedules.READERS``."""

    name: str  # registry key, e.g. "frab-xml"
    description: str  # one line, shown in help

    def sniff(self, data: bytes) -> bool:
        """Does the content (not the file name) look like this format? Never raises."""
        ...

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        """Parse ``data``; raises ScheduleError when nothing can be trusted."""
        ...


# --- text decoding -----------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff_encoding(data: bytes) -> str | None:
    """The encoding a BOM or a NUL pattern announces (UTF-16/32 without BOM), else None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:64]
    if len(head) >= 4 and head.count(0) >= len(head) // 3:
        # ASCII text in UTF-16: every other byte is NUL.
        if head[0] == 0 and head[1] != 0:
            return "utf-16-be"
        if head[0] != 0 and head[1] == 0:
            return "utf-16-le"
    return None


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a text file; returns (text, warning message or None).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read silently.
    Bytes that are not UTF-8 are read as Windows-1252 (a superset of the
    printable Latin-1 range, which is what such files nearly always are).
    """
    encoding = sniff_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ScheduleError(
                f"The file announces {encoding} but is not valid {encoding}.",
                details={"encoding": encoding, "offset": exc.start},
            ) from exc
        return text.lstrip("\ufeff"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
        name = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        name = "Latin-1"
    return text, f"The file is not valid UTF-8 (first bad byte at offset {bad}); it was read as {name}."


# --- small parsers -----------------------------------------------------------

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


# --- time zones --------------------------------------------------------------


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
        self, builder: Builder, *, file_zone: str | None, file_zone_field: str | None, caller_zone: str | None
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


# --- building a Programme ----------------------------------------------------


@dataclass
class Draft:
    """A session as a reader found it, before ends, keys and order are settled."""

    title: str
    start: datetime  # aware UTC
    end: datetime | None  # aware UTC, may be missing or not after start
    room: str | None
    source_id: str | None  # the source's id/guid/uid, None when it has none
    field: str  # where it is, e.g. "events[3]" or "VEVENT UID=…"
    line: int | None = None
    track: str | None = None
    code: str | None = None
    speakers: list[Speaker] = dc_field(default_factory=list)
    url: str | None = None
    abstract: str | None = None
    language: str | None = None
    kind: str | None = None
    id_trusted: bool = True  # False when the id is known to be regenerated at each export


class Builder:
    """Collects drafts and warnings; :meth:`finish` makes the Programme."""

    def __init__(self, format_name: str, *, progress: Progress | None = None) -> None:
        self.format = format_name
        self.warnings: list[ImportWarning] = []
        self.drafts: list[Draft] = []
        self._progress = progress
        self._step = 1
        self._total = 0
        self._done = 0
        self._room_order: list[str] = []

    # progress: report about 100 times at most, and always the final count.
    def begin(self, total: int) -> None:
        self._total = max(total, 0)
        self._step = max(1, self._total // 100)
        self._done = 0
        if self._progress:
            self._progress(0, self._total)

    def tick(self) -> None:
        self._done += 1
        if self._progress and (self._done % self._step == 0 or self._done == self._total):
            self._progress(min(self._done, self._total), self._total)

    def warn(self, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.warnings.append(ImportWarning(message=message, line=line, field=field))

    def declare_rooms(self, names: Iterable[str | None]) -> None:
        """Rooms in the order the programme lists them (before sessions' own order)."""
        for name in names:
            if name and name not in self._room_order:
                self._room_order.append(name)

    def add(self, draft: Draft) -> None:
        if not draft.title:
            draft.title = "(untitled)"
            self.warn("Session has no title; it was imported as '(untitled)'.", line=draft.line, field=draft.field)
        draft.speakers = _dedupe_speakers(draft.speakers)
        # The store keeps whole seconds: compared any finer, 10:00:00.2–10:00:00.9 would pass as
        # a session that ends after it starts, and be stored as one that does not.
        draft.start = draft.start.replace(microsecond=0)
        if draft.end is not None:
            draft.end = draft.end.replace(microsecond=0)
        self.drafts.append(draft)

    def finish(
        self, *, title: str | None, time_zone: str | None, start: date | None = None, end: date | None = None
    ) -> Programme:
        if not self.drafts:
            raise ScheduleError(
                "The file has no sessions that could be imported.",
                details={"format": self.format, "warnings": [w.message for w in self.warnings[:20]]},
            )
        drafts = self.drafts
        self._fill_ends(drafts)
        keys = self._assign_keys(drafts)
        zone = zone_named(time_zone) if time_zone else None
        sessions = [
            Session(
                key=key,
                title=d.title,
                start=d.start,
                end=d.end or d.start + DEFAULT_DURATION,
                room=d.room,
                track=d.track,
                code=d.code,
                speakers=d.speakers,
                url=d.url,
                abstract=d.abstract,
                language=d.language,
                kind=d.kind,
            )
            for d, key in zip(drafts, keys, strict=True)
        ]
        used_rooms = {s.room for s in sessions if s.room}
        order = [r for r in self._room_order if r in used_rooms]
        for s in sorted(sessions, key=lambda s: s.start):
            if s.room and s.room not in order:
                order.append(s.room)
        rank = {room: i for i, room in enumerate(order)}
        sessions.sort(key=lambda s: (s.start, rank.get(s.room or "", len(rank)), s.end, s.title))

        def local(moment: datetime) -> date:
            return moment.astimezone(zone).date() if zone else moment.date()

        return Programme(
            format=self.format,
            title=title,
            time_zone=time_zone,
            start=start or local(sessions[0].start),
            end=end or max(local(s.end - timedelta(microseconds=1)) for s in sessions),
            sessions=sessions,
            rooms=order,
            warnings=self.warnings,
        )

    def _fill_ends(self, drafts: list[Draft]) -> None:
        by_room: dict[str | None, list[Draft]] = {}
        for d in drafts:
            by_room.setdefault(d.room, []).append(d)
        for room_drafts in by_room.values():
            room_drafts.sort(key=lambda d: d.start)
        for d in drafts:
            if d.end is not None and d.end > d.start:
                continue
            reason = "has no end or duration" if d.end is None else "ends before it starts"
            if d.end is not None and d.end == d.start:
                reason = "has a zero duration"
            later = [o.start for o in by_room.get(d.room, []) if o.start > d.start]
            if d.room is not None and later and later[0] - d.start <= NEXT_SESSION_LIMIT:
                d.end = later[0]
                how = f"it was taken to end when the next session in {d.room} starts"
            else:
                d.end = d.start + DEFAULT_DURATION
                how = f"it was given {int(DEFAULT_DURATION.total_seconds() // 60)} minutes"
            self.warn(f"Session '{d.title}' {reason}; {how}.", line=d.line, field=d.field)

    def _assign_keys(self, drafts: list[Draft]) -> list[str]:
        """Source ids when unique and trusted; derived keys otherwise; never two equal keys."""
        # Duplicates are reported even for untrusted ids: they show the file is inconsistent.
        counts = Counter(d.source_id for d in drafts if d.source_id)
        for source_id, count in counts.items():
            if count > 1:
                where = [d for d in drafts if d.source_id == source_id]
                self.warn(
                    f"The id {source_id!r} is used by {count} sessions ("
                    + "; ".join(f"'{d.title}'" for d in where[:4])
                    + "); they got keys derived from title, start and room.",
                    line=where[1].line,
                    field=where[1].field,
                )
        keys: list[str] = []
        seen: set[str] = set()
        for d in drafts:
            if d.source_id and d.id_trusted and counts[d.source_id] == 1:
                key = d.source_id
            else:
                key = derive_key(d.title, d.start, d.room)
            if key in seen:
                n = 2
                while f"{key}-{n}" in seen:
                    n += 1
                self.warn(
                    f"Session '{d.title}' repeats another session's title, start and room; it was kept with key {key}-{n}.",
                    line=d.line,
                    field=d.field,
                )
                key = f"{key}-{n}"
            seen.add(key)
            keys.append(key)
        return keys


def _dedupe_speakers(speakers: list[Speaker]) -> list[Speaker]:
    out: list[Speaker] = []
    for sp in speakers:
        name = " ".join(sp.name.split())
        if not name:
            continue
        sp.name = name
        twin = next((o for o in out if (sp.key and o.key == sp.key) or o.name.casefold() == name.casefold()), None)
        if twin is None:
            out.append(sp)
        else:
            for network, handle in sp.handles.items():
                twin.handles.setdefault(network, handle)
    return out


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ScheduleError(
            f"The file is {len(data) / 1_048_576:.1f} MB; programmes larger than {MAX_BYTES // 1_048_576} MB are refused.",
            details={"size": len(data), "limit": MAX_BYTES},
        )


# --- JSON shared by the JSON readers -------------------------------------------


class _Loaded:
    """A parse result (or the error) kept so sniffing then reading parses once."""

    def __init__(self, value: Any = None, error: ScheduleError | None = None, note: str | None = None) -> None:
        self.value = value
        self.error = error
        self.note = note


@lru_cache(maxsize=2)
def _load_json_cached(data: bytes) -> _Loaded:
    try:
        text, note = decode_text(data)
    except ScheduleError as exc:
        return _Loaded(error=exc)
    try:
        return _Loaded(json.loads(text), note=note)
    except json.JSONDecodeError as exc:
        return _Loaded(
            error=ScheduleError(
                f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
                details={"line": exc.lineno, "column": exc.colno},
            )
        )
    except RecursionError:
        return _Loaded(error=ScheduleError("The JSON is nested too deeply to be a programme.", details={}))
    except ValueError:  # an integer longer than sys.get_int_max_str_digits() digits
        return _Loaded(error=ScheduleError("The JSON has a number too long to be part of a programme.", details={}))


def load_json(data: bytes) -> tuple[Any, str | None]:
    """(parsed JSON, encoding warning or None); raises ScheduleError when it is not JSON."""
    loaded = _load_json_cached(data)
    if loaded.error is not None:
        raise loaded.error
    return loaded.value, loaded.note


def peek_json(data: bytes) -> Any:
    """Parsed JSON for sniffing, or None; cheap rejection of non-JSON first."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    encoding = sniff_encoding(data)
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        head = data[:256].decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").encode()
    if not head[:1] in (b"{", b"["):
        return None
    loaded = _load_json_cached(data)
    return loaded.value if loaded.error is None else None


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


def as_list(value: object) -> list[Any]:
    """``value`` when it is a JSON array, else an empty list (missing or wrong type)."""
    return value if isinstance(value, list) else []
