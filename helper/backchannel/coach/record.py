"""Recording a post the extension saw go out: placement, tips heeded, idempotency.

The extension queues records while the helper is down and retries them, so
a record is keyed by its client id: the first call creates it, a retry gets
the same record back, and a different post under the same id is refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, Mapping

from backchannel.checker import check_draft
from backchannel.coach.situation import Situation, find_situation
from backchannel.errors import InvalidInput, NotFound
from backchannel.history.model import Post, PostIn
from backchannel.store import Store, slides
from backchannel.store.posts import Placement

# Fields a retry may fill in later (the client learns the post's id and URL after posting).
LATE_FIELDS = ("remote_id", "url")


@dataclass(frozen=True, slots=True)
class Recorded:
    post: Post
    created: bool
    warnings: tuple[str, ...] = ()


def request_hash(body: Mapping[str, Any]) -> str:
    """What identifies a record's content: the body as sent, less the fields a retry may add."""
    stable = {k: v for k, v in body.items() if k not in LATE_FIELDS and v not in (None, [], {})}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def _situation(store: Store, post: PostIn) -> tuple[Situation, list[str]]:
    """The post's situation at the time it went out; a stale event or session falls back to the active event."""
    # The history is only needed to check the shown tips again (the heeded marks).
    with_history = bool(post.tips)
    try:
        return find_situation(store, event=post.event, session=post.session, at=post.posted_at, text=post.text, with_history=with_history), []
    except (NotFound, InvalidInput) as exc:
        if post.event is None and post.session is None:
            raise
        fallback = find_situation(store, at=post.posted_at, text=post.text, with_history=with_history)
        return fallback, [f"{exc.message} The post was placed by the active event and the time instead."]


def _heeded(post: PostIn, situation: Situation) -> tuple[dict[str, Any], ...]:
    """Each tip shown while composing, marked heeded when it no longer fires on the posted text."""
    if not post.tips:
        return ()
    reply = post.reply_to_remote_id or post.thread_of_client_id
    firing = {t.code for t in check_draft(post.text, platform=post.platform, reply_to=reply, **situation.check_context()).tips}
    return tuple({**tip, "heeded": tip.get("code") not in firing} for tip in post.tips)


def record(store: Store, post: PostIn, content_hash: str, *, known: bool | None = None) -> Recorded:
    """Record ``post``; ``known`` says whether its client id is stored already, when the caller has looked."""
    if known is None:
        known = bool(post.client_id) and store.history.posts.exists(post.client_id or "")
    if known:
        # A retry: no placement or re-check, only the idempotency rules.
        stored, created = store.history.posts.insert_recorded(post, Placement(), content_hash)
        return Recorded(stored, created)
    edit_warnings: list[str] = []
    if post.edit_of_remote_id:
        edited = store.history.posts.apply_edit(post)
        if edited is not None:
            return Recorded(edited, False)
        edit_warnings.append("The post this edits was never recorded, so the edit is kept as a post of its own.")
    situation, warnings = _situation(store, post)
    placement = Placement()
    if situation.event is not None:
        event_id = store.events.get_event(situation.event.slug).id
        explicit_event = post.event is not None and not warnings
        explicit_session = post.session is not None and not warnings
        placement = Placement(
            event_id=event_id,
            session_id=situation.session.id if situation.session else None,
            event_source="client" if explicit_event else "active",
            session_source=("client" if explicit_session else situation.session_source or "time") if situation.session else None,
        )
    post = replace(post, tips=_heeded(post, situation))
    stored, created = store.history.posts.insert_recorded(post, placement, content_hash)
    if created:
        # The words on its slides make the post findable by them (history search, the review page).
        media_ids = slides.media_ids_of_post(store.db, stored.id)
        slides.record_texts(store.db, [(media_ids[i], m.slide_text) for i, m in enumerate(post.media) if m.slide_text is not None and i < len(media_ids)])
    return Recorded(stored, created, tuple(edit_warnings + warnings))
