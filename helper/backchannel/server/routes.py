"""The whole URL table, on one screen. Every request passes the guard first (the middleware in guard.py)."""

from __future__ import annotations

from aiohttp import web

from backchannel.server.guard import NO_ROUTE, Handler, no_route
from backchannel.server.handlers import archive_photos, chats, check, events, health, photos, posts, programme, review, rules, settings

ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("GET", "/v1/health", health.health),
    ("POST", "/v1/check", check.check),
    ("GET", "/v1/rules", rules.list_rules),
    ("GET", "/v1/rules/{code}", rules.show_rule),
    ("GET", "/v1/settings", settings.get_settings),
    ("PUT", "/v1/settings", settings.put_settings),
    ("GET", "/v1/events", events.list_events),
    ("POST", "/v1/events", events.create_event),
    ("GET", "/v1/events/{slug}", events.get_event),
    ("PATCH", "/v1/events/{slug}", events.patch_event),
    ("GET", "/v1/events/{slug}/sessions", events.list_sessions),
    ("POST", "/v1/events/{slug}/sessions", events.create_session),
    ("PATCH", "/v1/events/{slug}/sessions/{session_id}", events.patch_session),
    ("DELETE", "/v1/events/{slug}/sessions/{session_id}", events.delete_session),
    ("POST", "/v1/events/{slug}/schedule", programme.import_schedule),
    ("GET", "/v1/events/{slug}/now", programme.now),
    ("GET", "/v1/events/{slug}/kit", programme.kit),
    ("GET", "/v1/events/{slug}/speakers", programme.list_speakers),
    ("PATCH", "/v1/events/{slug}/speakers/{speaker_id}", programme.patch_speaker),
    ("GET", "/v1/chats", chats.list_chats),
    ("POST", "/v1/chats", chats.create_chat),
    ("GET", "/v1/chats/live", chats.live),
    ("DELETE", "/v1/chats/{slug}", chats.delete_chat),
    ("POST", "/v1/chats/{slug}/questions", chats.add_question),
    ("GET", "/v1/chats/{slug}/answers", chats.answers),
    ("POST", "/v1/posts", posts.record_post),
    ("GET", "/v1/posts", posts.list_posts),
    ("POST", "/v1/photos", photos.analyse),
    ("GET", "/v1/photos/{photo_id}", photos.analysed),
    ("GET", "/v1/photos/{photo_id}/crop", photos.crop),
    ("GET", "/v1/photos/{photo_id}/clean", photos.clean),
    ("GET", "/v1/archive/photos", archive_photos.status),
    ("POST", "/v1/archive/photos", archive_photos.start),
    # The review page (session cookie, not the token; see guard.py).
    ("GET", "/review/login", review.login),
    ("POST", "/review/logout", review.logout),
    ("GET", "/review", review.index),
    ("GET", "/review/search", review.search),
    ("GET", "/review/outside", review.outside),
    ("GET", "/review/events/{slug}", review.event),
    ("GET", "/review/events/{slug}/export", review.export),
    ("GET", "/review/chats/{slug}", review.chat),
    ("GET", "/review/chats/{slug}/export", review.chat_export),
    ("GET", "/review/media/{media_id}", review.media),
    ("GET", "/review/static/{name}", review.static),
)


def setup_routes(app: web.Application) -> None:
    for method, path, handler in ROUTES:
        if method == "GET":
            app.router.add_get(path, handler)  # HEAD too, as aiohttp does
        else:
            app.router.add_route(method, path, handler)
    # Last, so it only answers what no route above takes: a 404 or 405 (guarded like every answer).
    app.router.add_route("*", "/{tail:.*}", no_route, name=NO_ROUTE)
