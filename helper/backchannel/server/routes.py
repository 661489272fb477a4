"""The whole URL table, on one screen."""

from __future__ import annotations

from aiohttp import web

from backchannel.server.handlers import check, events, health, photos, posts, programme, review, rules, settings


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/v1/health", health.health)
    app.router.add_post("/v1/check", check.check)
    app.router.add_get("/v1/rules", rules.list_rules)
    app.router.add_get("/v1/rules/{code}", rules.show_rule)
    app.router.add_get("/v1/settings", settings.get_settings)
    app.router.add_put("/v1/settings", settings.put_settings)
    app.router.add_get("/v1/events", events.list_events)
    app.router.add_post("/v1/events", events.create_event)
    app.router.add_get("/v1/events/{slug}", events.get_event)
    app.router.add_patch("/v1/events/{slug}", events.patch_event)
    app.router.add_get("/v1/events/{slug}/sessions", events.list_sessions)
    app.router.add_post("/v1/events/{slug}/sessions", events.create_session)
    app.router.add_post("/v1/events/{slug}/schedule", programme.import_schedule)
    app.router.add_get("/v1/events/{slug}/now", programme.now)
    app.router.add_get("/v1/events/{slug}/kit", programme.kit)
    app.router.add_get("/v1/events/{slug}/speakers", programme.list_speakers)
    app.router.add_patch("/v1/events/{slug}/speakers/{speaker_id}", programme.patch_speaker)
    app.router.add_post("/v1/posts", posts.record_post)
    app.router.add_get("/v1/posts", posts.list_posts)
    app.router.add_post("/v1/photos", photos.analyse)
    app.router.add_get("/v1/photos/{photo_id}/crop", photos.crop)
    app.router.add_get("/v1/photos/{photo_id}/clean", photos.clean)
    # The review page (session cookie, not the token; see middlewares).
    app.router.add_get("/review/login", review.login)
    app.router.add_post("/review/logout", review.logout)
    app.router.add_get("/review", review.index)
    app.router.add_get("/review/search", review.search)
    app.router.add_get("/review/events/{slug}", review.event)
    app.router.add_get("/review/events/{slug}/export", review.export)
    app.router.add_get("/review/media/{media_id}", review.media)
    app.router.add_get("/review/static/{name}", review.static)
