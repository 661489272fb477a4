"""Session tags: what a hashtag may be, an event's session tag pattern, and the tag it gives a session."""

from __future__ import annotations

import re

from backchannel.errors import InvalidInput

_HASHTAG = re.compile(r"^\w{1,100}$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
PATTERN_FIELDS = ("hashtag", "code", "room", "track")


def normalise_hashtag(tag: str, *, field_name: str = "hashtag") -> str:
    bare = tag.strip().lstrip("#＃")
    if not _HASHTAG.match(bare) or bare.isdigit():
        raise InvalidInput(f"{tag!r} is not a hashtag: use letters, digits or _ (and not only digits), e.g. #PyConUK.", details={"field": field_name})
    return bare


def validate_pattern(pattern: str | None) -> str | None:
    if pattern is None or not pattern.strip():
        return None
    names = _PLACEHOLDER.findall(pattern)
    unknown = [n for n in names if n not in PATTERN_FIELDS]
    if unknown or not names:
        raise InvalidInput(
            f"Session tag pattern {pattern!r} must use only the placeholders {{hashtag}}, {{code}}, {{room}}, {{track}} (e.g. {{hashtag}}{{room}}).",
            details={"field": "session_tag_pattern"},
        )
    return pattern.strip().lstrip("#")


def render_session_tag(pattern: str | None, *, hashtag: str | None, code: str | None, room: str | None, track: str | None) -> str | None:
    """The session's tag from the event's pattern; None when a placeholder has no value."""
    if not pattern:
        return None
    values = {"hashtag": hashtag, "code": code, "room": room, "track": track}
    out = pattern
    for name in _PLACEHOLDER.findall(pattern):
        value = values.get(name)
        if not value:
            return None
        # Room names like "Saal 1" or "K.1.105" become tag-safe: letters and digits only.
        out = out.replace("{" + name + "}", re.sub(r"[^\w]", "", value))
    return out if _HASHTAG.match(out) else None
