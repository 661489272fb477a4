"""Conference programmes in, one normalised model out (pure parsing, no database).

Formats live in :data:`READERS`; :func:`detect_format` picks one from the
content (a file name never decides on its own) and :func:`read_programme`
reads a file into a :class:`~backchannel.schedules.model.Programme`.

Every reader follows the same contract (:class:`ScheduleReader`): it imports
what it can trust, reports the rest as ``ImportWarning`` (with a line number
or field path), and raises :class:`~backchannel.errors.ScheduleError` when
nothing can be trusted: not parseable, not a programme, or no sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath
from types import MappingProxyType

from ..errors import ScheduleError
from .decoding import load_json
from .frab_json import FrabJsonReader
from .frab_xml import FrabXmlReader
from .ical import IcalReader
from .model import ImportWarning, Network, Programme, Session, Speaker
from .reader import MAX_BYTES, ScheduleReader, check_size
from .sessionize import SessionizeReader, enrich_speakers, read_speakers

# Order matters only as a tie-break: the sniffers are mutually exclusive on real files.
READERS: Mapping[str, ScheduleReader] = MappingProxyType(
    {reader.name: reader for reader in (IcalReader(), FrabXmlReader(), FrabJsonReader(), SessionizeReader())}
)

_EXTENSION_HINTS = {".ics": "ical", ".ical": "ical", ".ifb": "ical", ".xml": "frab-xml", ".json": "JSON"}


def detect_format(data: bytes, filename: str | None = None) -> str:
    """The registry name of the reader that recognises ``data``.

    ``filename`` only sharpens the error message; detection is by content.
    """
    check_size(data)
    for name, reader in READERS.items():
        if reader.sniff(data):
            return name
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        load_json(data)  # raises a ScheduleError naming the line/column when it is broken JSON
    suffix = PurePath(filename).suffix.lower() if filename else ""
    expected = _EXTENSION_HINTS.get(suffix)
    hint = f" (the name ends in {suffix}, but the content is not a {expected} programme)" if expected else ""
    head = data[:8]
    what = (
        "an image" if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")) else "empty" if not data.strip() else None
    )
    raise ScheduleError(
        "This file is not a programme format the helper reads"
        + (f": it is {what}" if what else "")
        + hint
        + ". Supported: "
        + "; ".join(r.description for r in READERS.values())
        + ".",
        details={"filename": filename, "formats": list(READERS)},
    )


def read_programme(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    time_zone: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Programme:
    """Read a programme file.

    ``format`` skips detection (a registry name); ``time_zone`` is the event's
    IANA zone, used for floating/local times the file does not place itself;
    ``progress(done, total)`` is called about a hundred times at most.
    """
    check_size(data)
    name = format or detect_format(data, filename)
    reader = READERS.get(name)
    if reader is None:
        raise ScheduleError(
            f"Unknown programme format {name!r}; known formats: {', '.join(READERS)}.",
            details={"format": name, "formats": list(READERS)},
        )
    return reader.read(data, time_zone=time_zone, progress=progress)


__all__ = [
    "MAX_BYTES",
    "READERS",
    "ImportWarning",
    "Network",
    "Programme",
    "ScheduleError",
    "ScheduleReader",
    "Session",
    "Speaker",
    "detect_format",
    "enrich_speakers",
    "read_programme",
    "read_speakers",
]
