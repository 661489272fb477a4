"""POST /v1/posts records a post; GET /v1/posts reads the history back."""

from __future__ import annotations

from aiohttp import web

from backchannel.coach.record import record, request_hash
from backchannel.history.entities import entities_of_text, folded_hashtags
from backchannel.history.model import MediaIn, PostIn
from backchannel.server.io import int_param, json_response, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import PostRecord
from backchannel.timeutil import parse_instant


async def _slide_texts(request: web.Request, body: PostRecord) -> dict[str, str]:
    """The text read on each posted photo the extension did not send it for, from the photo cache.

    A photo whose slide is still being read is waited for (within its budget): the post is
    findable by its slide's words either way."""
    import asyncio

    from backchannel.server.handlers.photos import PHOTOS

    desk = request.app.get(PHOTOS)
    texts: dict[str, str] = {}
    for item in body.media:
        digest = item.sha256.lower() if item.sha256 else None
        if digest is None or desk is None or item.slide_text is not None:
            continue
        pending = desk.reading.get(digest)
        if pending is not None:
            await asyncio.wait({pending})
        entry = desk.cache.get(digest)
        if entry is not None and entry.analysis.text is not None:
            texts[digest] = "\n".join(entry.analysis.text.read_text())
    return texts


async def _kept_photos(request: web.Request, body: PostRecord) -> dict[str, str]:
    """Keep a copy of each posted photo the helper analysed (still in the photo cache), without its metadata.

    The review page and the export show these; metadata (GPS above all) is
    stripped first, so a photo copied beside an exported write-up says no
    more than the post did. A photo the cache has forgotten is recorded
    without its bytes; the record never fails for it.
    """
    from backchannel.errors import ImageError
    from backchannel.photos.fixes import strip_metadata
    from backchannel.server.handlers.photos import PHOTOS

    store = request.app[STORE]
    desk = request.app.get(PHOTOS)
    kept: dict[str, str] = {}
    for item in body.media:
        digest = item.sha256.lower() if item.sha256 else None
        if digest is None or desk is None:
            continue
        entry = desk.cache.get(digest)
        if entry is None:
            continue
        try:
            clean = await desk.run(strip_metadata, entry.data, budgeted=True)
        except ImageError:
            continue
        stored = store.history.media.put(clean.data)
        if stored is not None:
            kept[digest] = stored[1]
    return kept


def _post_in(body: PostRecord, kept: dict[str, str], read: dict[str, str] | None = None) -> PostIn:
    entities = entities_of_text(body.text, body.platform)
    media = []
    for item in body.media:
        digest = item.sha256.lower() if item.sha256 else None
        media.append(
            MediaIn(
                kind="photo", sha256=digest, width=item.width, height=item.height, measurements=item.measurements,
                alt_text=item.alt_text, file=kept.get(digest) if digest else None,
                slide_text=item.slide_text if item.slide_text is not None else (read or {}).get(digest or ""),
            )
        )
    return PostIn(
        platform=body.platform,
        text=body.text,
        posted_at=parse_instant(body.posted_at, field="posted_at"),
        source="extension",
        client_id=str(body.client_id),
        remote_id=body.remote_id,
        url=body.url,
        event=body.event,
        session=body.session,
        reply_to_remote_id=body.reply_to_remote_id,
        thread_of_client_id=str(body.thread_of_client_id) if body.thread_of_client_id else None,
        hashtags=folded_hashtags(entities),
        entities=entities,
        media=tuple(media),
        tips=tuple(t.model_dump(mode="json") for t in body.tips),
        scheduled_for=parse_instant(body.scheduled_for, field="scheduled_for") if body.scheduled_for else None,
        quoted_url=body.quoted_url,
        edit_of_remote_id=body.edit_of_remote_id,
    )


async def record_post(request: web.Request) -> web.Response:
    body = await read_json(request, PostRecord)
    store = request.app[STORE]
    known = store.history.posts.exists(str(body.client_id))
    kept = await _kept_photos(request, body) if not known and body.media else {}
    read = await _slide_texts(request, body) if not known and body.media else {}
    result = record(store, _post_in(body, kept, read), request_hash(body.model_dump(mode="json")), known=known)
    payload = result.post.to_dict()
    if result.warnings:
        payload["warnings"] = list(result.warnings)
    return json_response(payload, status=201 if result.created else 200)


async def list_posts(request: web.Request) -> web.Response:
    store = request.app[STORE]
    store.history.refresh()
    page = store.history.find(
        q=request.query.get("q"),
        event=request.query.get("event") or None,
        session=int_param(request, "session", None),
        before=request.query.get("before") or None,
        limit=int_param(request, "limit", 50) or 0,
    )
    return json_response(page.to_dict())
