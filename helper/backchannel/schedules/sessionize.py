"""Sessionize API JSON: the "All" view, the Sessions view, the GridSmart view,
and the Speakers view (speakers only).

Shapes (``/api/v2/{id}/view/…``):

* All: ``{"sessions": [...], "speakers": [...], "questions": [...],
  "categories": [...], "rooms": [...]}`` – sessions refer to speakers, rooms
  and category items by id.
* Sessions: ``[{"groupId", "groupName", "sessions": [...]}]`` – sessions embed
  ``speakers: [{id, name}]``, ``categories`` and ``room``.
* GridSmart: ``[{"date", "rooms": [{"id", "name", "sessions": [...]}], "timeSlots": [...]}]``.
* Speakers: ``[{"id", "fullName", "links", "sessions": [{id, name}], ...}]`` –
  no times, so it is not a programme on its own: :func:`read_speakers` reads it
  and :func:`enrich_speakers` adds its handles to a programme read from
  another view.

Times: ``startsAt``/``endsAt`` are the event's local wall-clock times without
an offset, so the caller's ``time_zone`` is needed (UTC and a warning
otherwise). Sessions without a time slot (accepted but not scheduled) are
skipped with a warning. Service sessions (breaks, registration) get kind
"break". Track and language come from categories named like "Track" and
"Language"; kind from "Session format"/"Format"/"Type".
"""

from __future__ import annotations

from typing import Any

from ..errors import ScheduleError
from ..session_links import Link, collect
from . import handles as H
from .builder import Builder, SessionDraft
from .clock import Clock
from .decoding import load_json, peek_json
from .model import Programme, Speaker
from .reader import Progress, check_size
from .values import as_list, clean, clean_block, normalise_kind, parse_datetime

_TRACK_CATEGORIES = ("track", "tracks", "topic", "topics", "stream", "theme")
_LANGUAGE_CATEGORIES = ("language", "languages", "sprache")
_KIND_CATEGORIES = ("session format", "format", "session type", "type", "session length")
_LANGUAGE_CODES = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "spanish": "es",
    "español": "es",
    "italian": "it",
    "dutch": "nl",
    "polish": "pl",
    "portuguese": "pt",
    "czech": "cs",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "no",
    "finnish": "fi",
    "japanese": "ja",
    "chinese": "zh",
}


def _view(doc: Any) -> str | None:
    """Which Sessionize view this JSON is, or None."""
    if isinstance(doc, dict):
        sessions = doc.get("sessions")
        if (
            isinstance(sessions, list)
            and isinstance(doc.get("speakers"), list)
            and (
                "rooms" in doc
                or "categories" in doc
                or any(isinstance(s, dict) and "startsAt" in s for s in sessions[:20])
            )
        ):
            return "all"
        return None
    if not isinstance(doc, list) or not doc:
        return None
    first = [item for item in doc[:10] if isinstance(item, dict)]
    if not first:
        return None
    if all("sessions" in item and ("groupName" in item or "groupId" in item) for item in first):
        return "sessions"
    if all("rooms" in item and ("date" in item or "timeSlots" in item) for item in first):
        return "gridsmart"
    if all(("fullName" in item or "firstName" in item) and "id" in item for item in first):
        return "speakers"
    if all("startsAt" in item and "title" in item for item in first):
        return "session-list"  # a plain list of sessions (some proxies flatten the Sessions view)
    return None


def _speaker_from_profile(profile: dict[str, Any], questions: dict[str, str] | None = None) -> Speaker | None:
    name = (
        clean(profile.get("fullName"))
        or clean(" ".join(str(profile.get(k) or "") for k in ("firstName", "lastName")))
        or clean(profile.get("name"))
    )
    if not name:
        return None
    found: dict[str, str] = {}
    links = as_list(profile.get("links"))
    H.merge_handles(
        found,
        H.handles_from_links(
            (clean(link.get("linkType")) or clean(link.get("title")), clean(link.get("url")))
            for link in links
            if isinstance(link, dict)
        ),
    )
    for answer in profile.get("questionAnswers") or []:
        if isinstance(answer, dict):
            # Speakers view embeds the question text; the All view refers to doc["questions"] by id.
            label = clean(answer.get("question")) or (questions or {}).get(str(answer.get("questionId")), "")
            value = answer.get("answer") if "answer" in answer else answer.get("answerValue")
            hit = H.handle_from_value(value, hint=H.network_from_label(label)) if isinstance(value, str) else None
            if hit:
                found.setdefault(hit[0], hit[1])
    H.merge_handles(found, H.handles_in_text(" \n".join(str(profile.get(k) or "") for k in ("bio", "tagLine"))))
    return Speaker(name=name, handles=found, key=clean(profile.get("id")))


def _questions(doc: dict[str, Any]) -> dict[str, str]:
    return {str(q.get("id")): clean(q.get("question")) or "" for q in doc.get("questions") or [] if isinstance(q, dict)}


def _links(session: dict[str, Any], questions: dict[str, str]) -> list[Link]:
    """Answers to the event's own questions that are web addresses ("Slides", "YouTube Video", "Streaming URL"),
    titled by the question; Sessionize sessions have no other links."""
    found: list[tuple[Any, Any, Any, str]] = []
    for answer in as_list(session.get("questionAnswers")):
        if not isinstance(answer, dict) or not isinstance(answer.get("answerValue"), str):
            continue
        value = answer["answerValue"].strip()
        if value.startswith(("http://", "https://")):
            found.append((value, clean(answer.get("question")) or questions.get(str(answer.get("questionId"))), None, "link"))
    return collect(found)


def _language(value: str | None) -> str | None:
    if not value:
        return None
    low = value.strip().lower()
    return _LANGUAGE_CODES.get(low, value)


class SessionizeReader:
    """Reads the Sessionize All, Sessions and GridSmart views."""

    name = "sessionize"
    description = "Sessionize API JSON (All, Sessions, GridSmart views; Speakers view for speaker details)"

    def sniff(self, data: bytes) -> bool:
        return _view(peek_json(data)) is not None

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        check_size(data)
        doc, note = load_json(data)
        view = _view(doc)
        if view is None:
            raise ScheduleError(
                "This JSON is not a Sessionize export (All, Sessions or GridSmart view).", details={"format": self.name}
            )
        if view == "speakers":
            raise ScheduleError(
                "This is the Sessionize Speakers view: it lists speakers but no session times. Import the All, "
                "Sessions or GridSmart view, and give this file as its speakers: "
                "backchannel schedule import sessions.json --speakers speakers.json",
                details={"format": self.name, "view": "speakers", "speakers": len(doc)},
            )
        builder = Builder(self.name, progress=progress)
        if note:
            builder.warn(note, field="encoding")
        clock = Clock(builder, file_zone=None, file_zone_field=None, caller_zone=time_zone)
        speakers: dict[str, Speaker] = {}
        rooms: dict[str, str] = {}
        items: dict[str, tuple[str, str]] = {}  # category item id -> (category title, item name)
        entries: list[tuple[dict[str, Any], str, str | None]] = []  # (session, field, room from grouping)
        questions: dict[str, str] = {}  # question id -> text (the All view); other views embed the text in the answer
        if view == "all":
            questions = _questions(doc)
            for profile in doc.get("speakers") or []:
                if isinstance(profile, dict) and (speaker := _speaker_from_profile(profile, questions)) and speaker.key:
                    speakers[speaker.key] = speaker
            ordered = sorted(
                (r for r in doc.get("rooms") or [] if isinstance(r, dict)), key=lambda r: r.get("sort") or 0
            )
            for listed in ordered:
                if clean(listed.get("name")):
                    rooms[str(listed.get("id"))] = clean(listed["name"]) or ""
            builder.declare_rooms(rooms.values())
            for category in doc.get("categories") or []:
                if isinstance(category, dict):
                    for item in category.get("items") or []:
                        if isinstance(item, dict):
                            items[str(item.get("id"))] = (
                                clean(category.get("title")) or "",
                                clean(item.get("name")) or "",
                            )
            entries = [(s, f"sessions[{i}]", None) for i, s in enumerate(doc["sessions"])]
        elif view in ("sessions", "session-list"):
            groups = doc if view == "sessions" else [{"sessions": doc}]
            for gi, group in enumerate(groups):
                if isinstance(group, dict):
                    prefix = f"[{gi}].sessions" if view == "sessions" else ""
                    entries += [(s, f"{prefix}[{i}]", None) for i, s in enumerate(group.get("sessions") or [])]
        else:  # gridsmart
            for di, day in enumerate(doc):
                if not isinstance(day, dict):
                    continue
                for ri, column in enumerate(day.get("rooms") or []):
                    if not isinstance(column, dict):
                        continue
                    room_name = clean(column.get("name"))
                    builder.declare_rooms([room_name])
                    entries += [
                        (s, f"[{di}].rooms[{ri}].sessions[{i}]", room_name)
                        for i, s in enumerate(column.get("sessions") or [])
                    ]
        builder.begin(len(entries))
        seen: dict[str, tuple[Any, str | None]] = {}
        unscheduled = 0
        for session, field, grouped_room in entries:
            builder.tick()
            if not isinstance(session, dict):
                builder.warn("Session is not an object; skipped.", field=field)
                continue
            ident = clean(session.get("id"))
            title = clean(session.get("title")) or ""
            starts = parse_datetime(session.get("startsAt"))
            if starts is None:
                if session.get("startsAt") in (None, ""):
                    unscheduled += 1
                else:
                    builder.warn(
                        f"Session '{title}' has an unreadable startsAt {session.get('startsAt')!r}; skipped.",
                        field=f"{field}.startsAt",
                    )
                continue
            room = clean(session.get("room")) or rooms.get(str(session.get("roomId"))) or grouped_room
            # Plenum sessions can be listed once per room in grid views: one session, first room.
            if ident and ident in seen and seen[ident] == (starts, room):
                continue
            if ident and ident in seen and seen[ident][0] == starts and session.get("isPlenumSession"):
                continue
            if ident:
                seen.setdefault(ident, (starts, room))
            start_utc = clock.convert(starts, field=f"{field}.startsAt")
            ends = parse_datetime(session.get("endsAt"))
            end_utc = clock.convert(ends, field=f"{field}.endsAt") if ends is not None else None
            track, language, kind = self._categories(session, items)
            if session.get("isServiceSession"):
                kind = "break"
            builder.add(
                SessionDraft(
                    title=title,
                    start=start_utc,
                    end=end_utc,
                    room=room,
                    source_id=ident,
                    field=field,
                    track=track,
                    code=ident if ident and len(ident) <= 12 else None,
                    speakers=self._speakers(session, speakers),
                    url=clean(session.get("liveUrl")) if isinstance(session.get("liveUrl"), str) else None,
                    abstract=clean_block(session.get("description")),
                    language=language,
                    kind=kind or "talk",
                    links=_links(session, questions),
                )
            )
        if unscheduled:
            builder.warn(
                f"{unscheduled} sessions have no time slot yet (startsAt is empty) and were skipped.", field="startsAt"
            )
        clock.finish(None)
        return builder.finish(title=None, time_zone=clock.name)

    @staticmethod
    def _speakers(session: dict[str, Any], profiles: dict[str, Speaker]) -> list[Speaker]:
        out: list[Speaker] = []
        for ref in session.get("speakers") or []:
            if isinstance(ref, dict):
                key = clean(ref.get("id"))
                known = profiles.get(key or "")
                name = clean(ref.get("name")) or (known.name if known else None)
                if name:
                    out.append(Speaker(name=name, handles=dict(known.handles) if known else {}, key=key))
            elif ref is not None:
                known = profiles.get(str(ref))
                if known:
                    out.append(Speaker(name=known.name, handles=dict(known.handles), key=known.key, url=known.url))
        return out

    @staticmethod
    def _categories(
        session: dict[str, Any], items: dict[str, tuple[str, str]]
    ) -> tuple[str | None, str | None, str | None]:
        pairs: list[tuple[str, str]] = []
        for category in session.get("categories") or []:  # Sessions/GridSmart: embedded
            if isinstance(category, dict):
                for item in category.get("categoryItems") or []:
                    if isinstance(item, dict):
                        pairs.append((clean(category.get("name")) or "", clean(item.get("name")) or ""))
        for item_id in session.get("categoryItems") or []:  # All view: by id
            if str(item_id) in items:
                pairs.append(items[str(item_id)])
        track = language = kind = None
        for title, value in pairs:
            low = title.lower().strip()
            if not value:
                continue
            if track is None and low in _TRACK_CATEGORIES:
                track = value
            elif language is None and low in _LANGUAGE_CATEGORIES:
                language = _language(value)
            elif kind is None and low in _KIND_CATEGORIES:
                kind = normalise_kind(value.split("(")[0])
        return track, language, kind


def read_speakers(data: bytes) -> list[Speaker]:
    """Speakers (with handles) from a Sessionize Speakers or All view."""
    check_size(data)
    doc, _ = load_json(data)
    view = _view(doc)
    profiles = doc if view == "speakers" else doc.get("speakers") if view == "all" else None
    if not isinstance(profiles, list):
        raise ScheduleError("This JSON has no Sessionize speaker profiles.", details={"format": "sessionize"})
    questions = _questions(doc) if isinstance(doc, dict) else {}
    return [s for p in profiles if isinstance(p, dict) and (s := _speaker_from_profile(p, questions)) is not None]


def enrich_speakers(programme: Programme, speakers: list[Speaker]) -> int:
    """Add handles (and urls) from ``speakers`` to the programme's speakers, matched by key, then
    by name. Returns how many session speakers gained something."""
    by_key = {s.key: s for s in speakers if s.key}
    by_name = {s.name.casefold(): s for s in speakers}
    changed = 0
    for session in programme.sessions:
        for speaker in session.speakers:
            match = by_key.get(speaker.key or "") or by_name.get(speaker.name.casefold())
            if match is None:
                continue
            before = (dict(speaker.handles), speaker.url)
            for network, handle in match.handles.items():
                speaker.handles.setdefault(network, handle)
            speaker.url = speaker.url or match.url
            changed += (dict(speaker.handles), speaker.url) != before
    return changed
