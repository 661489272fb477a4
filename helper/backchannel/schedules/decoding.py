"""Bytes to text (BOMs, UTF-16/32 without a BOM, legacy encodings) and to JSON, shared by the readers."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..errors import ScheduleError

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



# JSON, shared by the JSON readers.


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
    if head[:1] not in (b"{", b"["):
        return None
    loaded = _load_json_cached(data)
    return loaded.value if loaded.error is None else None
