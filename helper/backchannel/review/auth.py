"""Who may see the review page: a one-time login link, then a session cookie.

``backchannel review`` (another process) creates a login key and stores only
its hash, with a short expiry, in the database; the link carries the key.
It is the one secret that ever travels in a URL, so it works once, for a few
minutes, and is never logged. Redeeming it creates a session whose random id
goes into an HttpOnly, SameSite=Strict cookie scoped to /review; only the
id's hash is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta, timezone

from aiohttp import web

from backchannel.errors import Forbidden, Unauthorized
from backchannel.store.db import Database
from backchannel.store.review_logins import ReviewLogins

LOGIN_TTL = timedelta(minutes=3)
SESSION_TTL = timedelta(hours=12)
COOKIE = "bc_review"
LOGIN_PATH = "/review/login"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(_FORMAT)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class ReviewAuth:
    def __init__(self, db: Database) -> None:
        self.logins = ReviewLogins(db)

    def create_login(self) -> str:
        """A new one-time login key (the caller puts it in the link; only its hash is kept)."""
        key = secrets.token_urlsafe(32)
        now = _now()
        self.logins.add_login(_hash(key), now=_stamp(now), expires_at=_stamp(now + LOGIN_TTL))
        return key

    def redeem(self, key: str) -> str | None:
        """A new session id for a valid, unused, unexpired key; the key is spent either way it was valid."""
        if not _TOKEN.match(key):
            return None
        now = _stamp(_now())
        session_id = secrets.token_urlsafe(32)
        opened = self.logins.spend_login(_hash(key), now=now, session_hash=_hash(session_id), session_expires_at=_stamp(_now() + SESSION_TTL))
        return session_id if opened else None

    def valid(self, session_id: str | None) -> bool:
        if not session_id or not _TOKEN.match(session_id):
            return False
        return self.logins.session_open(_hash(session_id), now=_stamp(_now()))

    def end(self, session_id: str | None) -> None:
        if session_id and _TOKEN.match(session_id):
            self.logins.end_session(_hash(session_id))


STATIC_PREFIX = "/review/static/"


def is_review_path(path: str) -> bool:
    return path == "/review" or path.startswith("/review/")


def check_review_request(request: web.Request, db: Database, own_origins: frozenset[str]) -> None:
    """Called by the guard for /review paths, after the Host and Origin checks.

    ``own_origins`` are the page's own origins (http://127.0.0.1:<port> and the like)."""
    if request.method in ("GET", "HEAD") and (request.path == LOGIN_PATH or request.path.startswith(STATIC_PREFIX)):
        # The stylesheet and script are the package's own fixed files: served to anyone, so error pages are styled.
        return
    if request.method not in ("GET", "HEAD") and (request.headers.get("Origin") or "").lower() not in own_origins:
        # Mutations must come from the page itself: the guard lets the extension's origins
        # through for the API, but no extension (another one included) acts for the page.
        raise Forbidden("Changes from the review page must come from the review page itself.")
    if not ReviewAuth(db).valid(request.cookies.get(COOKIE)):
        raise Unauthorized("Open the review page with `backchannel review`: it prints (and opens) a one-time login link.")
